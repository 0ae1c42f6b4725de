#include <cctype>
#include <charconv>
#include <cmath>

#include "app/gui.h"
#include "core/io/spec_json.h"
#include "core/lesson/presets.h"
#include "render/image_file.h"
#include "ui/edits.h"
#include "ui/kernel_library.h"

namespace convviz {
namespace {

Result<float> parse_scale(const std::string& text) {
  float value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) ||
      value < 1.0f || value > 3.0f) {
    return Error{"--text-scale must be a number from 1 to 3 (100 % to 300 %), not '" + text + "'"};
  }
  return value;
}

Status parse_window_size(const std::string& text, GuiOptions& options) {
  const size_t x = text.find('x');
  const Error error{
      "--window-size must look like 1600x900 (at least 1024x700, at most 7680x4320), not '" + text +
      "'"};
  if (x == std::string::npos) return error;
  Result<int64_t> w = parse_integer_option("window-size", text.substr(0, x));
  Result<int64_t> h = parse_integer_option("window-size", text.substr(x + 1));
  if (!w || !h || *w < 1024 || *h < 700 || *w > 7680 || *h > 4320) return error;
  options.width = int(*w);
  options.height = int(*h);
  return std::nullopt;
}

// "sobel-x" for Sobel x: the library's names in lower case, '-' for spaces.
std::string option_name(Fill fill) {
  std::string name(fill_name(fill));
  for (char& ch : name) ch = ch == ' ' ? '-' : char(std::tolower(static_cast<unsigned char>(ch)));
  return name;
}

Result<Fill> parse_kernel(const std::string& text) {
  std::string names;
  for (const ui::LibraryKernel& k : ui::kernel_library()) {
    if (option_name(k.fill) == text) return k.fill;
    names += (names.empty() ? "" : ", ") + option_name(k.fill);
  }
  return Error{"unknown --kernel '" + text + "' (kernels: " + names + ")"};
}

Status parse_region(const std::string& text, GuiOptions& options) {
  const size_t comma = text.find(',');
  const Error error{"--region must be TOP,LEFT in pixels of the picture, like 40,100, not '" +
                    text + "'"};
  if (comma == std::string::npos) return error;
  Result<int64_t> top = parse_integer_option("region", text.substr(0, comma));
  Result<int64_t> left = parse_integer_option("region", text.substr(comma + 1));
  if (!top || !left || *top < 0 || *left < 0) return error;
  options.region = std::pair{*top, *left};
  return std::nullopt;
}

}  // namespace

Result<GuiOptions> gui_options(const CliArgs& args) {
  GuiOptions o;
  if (auto preset = args.get("preset")) {
    if (!find_preset(*preset)) {
      return Error{"unknown preset '" + *preset + "' (presets: " + preset_names() + ")"};
    }
    o.preset = preset;
  }
  if (args.has("preset") && args.has("session")) {
    return Error{"--preset and --session cannot be combined"};
  }
  o.session_file = args.get("session");
  if (auto step = args.get("step")) {
    Result<int64_t> value = parse_integer_option("step", *step);
    if (!value) return value.error();
    o.step = *value;
  }
  if (auto products = args.get("products")) {
    Result<int64_t> value = parse_integer_option("products", *products);
    if (!value || *value < 0) return Error{"--products must be a whole number from 0"};
    o.products = *value;
  }
  o.reveal = args.has("reveal");
  if (auto lang = args.get("lang")) {
    if (*lang != "en" && *lang != "zh")
      return Error{"--lang must be en or zh, not '" + *lang + "'"};
    o.language = lang;
  }
  if (auto theme = args.get("theme")) {
    if (*theme != "dark" && *theme != "light") {
      return Error{"--theme must be dark or light, not '" + *theme + "'"};
    }
    o.theme = theme;
  }
  if (auto scale = args.get("text-scale")) {
    Result<float> value = parse_scale(*scale);
    if (!value) return value.error();
    o.text_scale = *value;
  }
  if (auto size = args.get("window-size")) {
    if (Status bad = parse_window_size(*size, o)) return *bad;
  }
  o.screenshot = args.get("screenshot");
  o.dump_layout = args.has("layout") ? args.get("layout") : args.get("dump-layout");
  if (o.dump_layout && !o.screenshot) return Error{"--layout needs --screenshot"};
  // A screenshot shows the defaults unless --restore asks for what a normal
  // start would open (the settings and the last session).
  if (args.has("restore") && args.has("no-restore")) {
    return Error{"--restore and --no-restore cannot be combined"};
  }
  o.restore = args.has("restore") || (!args.has("no-restore") && !o.screenshot);
  o.report_timing = args.has("report-timing");
  o.image = args.get("image");
  if (args.positional.size() > 1) {
    return Error{"one file to open at a time, not " + quoted(args.positional[0]) + " and " +
                 quoted(args.positional[1])};
  }
  if (!args.positional.empty()) {
    if (o.preset || o.session_file || o.image) {
      return Error{"a file to open (" + quoted(args.positional[0]) +
                   ") cannot be combined with --preset, --session or --image"};
    }
    o.open_file = args.positional[0];
  }
  const bool picture = o.image || (o.open_file && render::has_picture_extension(*o.open_file));
  o.grayscale = args.has("grayscale");
  if (o.grayscale && !picture) return Error{"--grayscale goes with --image or a picture to open"};
  if (auto grid = args.get("grid")) {
    Result<int64_t> value = parse_integer_option("grid", *grid);
    if (!value || *value < 1 || *value > ui::kMaxGridSide - 8) {
      return Error{"--grid must be a whole number from 1 to " +
                   std::to_string(ui::kMaxGridSide - 8) +
                   " (cells along the picture's longer side)"};
    }
    o.grid = *value;
  }
  if (auto region = args.get("region")) {
    if (!picture) return Error{"--region goes with --image or a picture to open"};
    if (o.grid)
      return Error{"--region and --grid cannot be combined (a region, or the whole picture)"};
    if (Status bad = parse_region(*region, o)) return *bad;
  }
  if (auto kernel = args.get("kernel")) {
    Result<Fill> fill = parse_kernel(*kernel);
    if (!fill) return fill.error();
    o.kernel = *fill;
  }
  return o;
}

}  // namespace convviz
