#pragma once
// The window: GLFW + OpenGL 3.3 core + Dear ImGui, the frame loop, and the
// screenshot mode the tests and the README use.
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "app/cli_args.h"
#include "core/tensor_fills.h"

namespace convviz {

struct GuiOptions {
  std::optional<std::string> preset;
  std::optional<std::string> session_file;
  std::optional<int64_t> step;
  std::optional<int64_t> products;      // --products K: fine steps, K products of the step added
  bool reveal = false;                  // --reveal: outputs not reached yet stay blank
  std::optional<std::string> language;  // "en" or "zh"
  std::optional<float> text_scale;
  std::optional<std::string> theme;  // "dark" or "light"
  int width = 1600, height = 900;
  std::optional<std::string> screenshot;  // write a PNG of the window and exit
  std::optional<std::string>
      dump_layout;  // with --screenshot: --layout OUT.json (ui/layout_report.h)
  bool restore = true;
  bool report_timing = false;
  std::optional<std::string> image;  // a picture as the input grid
  bool grayscale = false;
  std::optional<int64_t> grid;  // cells along the picture's longer side: the whole picture
  std::optional<std::pair<int64_t, int64_t>> region;  // --region TOP,LEFT: the grid on a region
  std::optional<Fill> kernel;                         // --kernel sobel-x: a library kernel
};

inline constexpr OptionSpec kGuiOptions[] = {
    {"preset", true},         {"session", true}, {"step", true},        {"lang", true},
    {"text-scale", true},     {"theme", true},   {"window-size", true}, {"screenshot", true},
    {"dump-layout", true},    {"layout", true},  {"no-restore", false}, {"restore", false},
    {"report-timing", false}, {"threads", true}, {"image", true},       {"grayscale", false},
    {"grid", true},           {"region", true},  {"kernel", true},      {"products", true},
    {"reveal", false}};

// Checks the values; errors name the option.
Result<GuiOptions> gui_options(const CliArgs& args);

int run_gui(const GuiOptions& options, std::ostream& err);

}  // namespace convviz
