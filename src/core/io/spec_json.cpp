#include "core/io/spec_json.h"

#include <algorithm>
#include <array>

#include "core/io/atomic_file.h"

namespace convviz {
namespace {

using nlohmann::json;

// The longest known key, for skipping "did you mean" on keys that cannot be
// a typo of one: the edit distance costs key length × 12 per known key.
constexpr size_t kLongestConfigKey = 12;

constexpr std::array<std::string_view, 9> kConfigKeys = {
    "in_channels",  "out_channels", "kernel_size", "stride", "padding",
    "padding_mode", "dilation",     "groups",      "bias"};

std::string byte_text(unsigned char byte) {
  if (byte >= 0x20 && byte < 0x7f) return std::string("'") + char(byte) + "'";
  static const char* digits = "0123456789ABCDEF";
  return std::string("the byte 0x") + digits[byte >> 4] + digits[byte & 15];
}

std::string known_keys_text() {
  std::string text = " (nn.Conv2d's keys are";
  for (auto k : kConfigKeys) text += " " + std::string(k);
  return text + ")";
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1] ? 1 : 0)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// A key a few letters off, or cut short ("kernel" for "kernel_size").
std::optional<std::string_view> suggestion(const std::string& key) {
  if (key.size() >= 4) {
    for (std::string_view known : kConfigKeys) {
      if (known.starts_with(key)) return known;
    }
  }
  auto closest = std::min_element(kConfigKeys.begin(), kConfigKeys.end(), [&](auto a, auto b) {
    return edit_distance(key, a) < edit_distance(key, b);
  });
  if (edit_distance(key, *closest) <= 3) return *closest;
  return std::nullopt;
}

Error unknown_key(const std::string& key) {
  const std::string message = "unknown config key " + quoted(key);
  if (key.size() <= 2 * kLongestConfigKey) {
    if (auto known = suggestion(key)) {
      return Error{message + " (did you mean \"" + std::string(*known) + "\"?)"};
    }
  }
  return Error{message + known_keys_text()};
}

Error wrong_type(const std::string& key, const std::string& expected, const json& value) {
  return Error{"config key " + quoted(key) + " must be " + expected + ", not " +
               describe_json(value)};
}

Result<int64_t> read_int(const std::string& key, const json& value) {
  if (!value.is_number_integer()) return wrong_type(key, "a whole number", value);
  if (value.is_number_unsigned() && value.get<uint64_t>() > uint64_t(INT64_MAX)) {
    return wrong_type(key, "a whole number that fits in 64 bits", value);
  }
  return value.get<int64_t>();
}

// PyTorch's _pair: an int means the same value for height and width.
Result<Pair> read_pair(const std::string& key, const json& value) {
  const std::string expected = "a whole number or a [height, width] pair of whole numbers";
  if (value.is_number_integer()) {
    Result<int64_t> v = read_int(key, value);
    if (!v) return v.error();
    return Pair{*v, *v};
  }
  if (!value.is_array() || value.size() != 2 || !value[0].is_number_integer() ||
      !value[1].is_number_integer()) {
    return wrong_type(key, expected, value);
  }
  Result<int64_t> h = read_int(key, value[0]);
  Result<int64_t> w = read_int(key, value[1]);
  if (!h) return h.error();
  if (!w) return w.error();
  return Pair{*h, *w};
}

Status read_padding(const json& value, Conv2dProblem& spec) {
  if (value.is_string()) {
    const std::string text = value.get<std::string>();
    if (text == "same") {
      spec.padding_preset = PaddingPreset::Same;
    } else if (text == "valid") {
      spec.padding_preset = PaddingPreset::Valid;
    } else {
      return Error{"config key \"padding\" is " + quoted(text) +
                   "; a string padding must be \"same\" or \"valid\""};
    }
    return std::nullopt;
  }
  Result<Pair> pair = read_pair("padding", value);
  if (!pair) {
    return wrong_type("padding", "a whole number, a [height, width] pair, \"same\" or \"valid\"",
                      value);
  }
  spec.padding_preset = PaddingPreset::Explicit;
  spec.padding = *pair;
  return std::nullopt;
}

Status read_key(const std::string& key, const json& value, Conv2dProblem& spec) {
  auto set_int = [&](int64_t& field) -> Status {
    Result<int64_t> v = read_int(key, value);
    if (!v) return v.error();
    field = *v;
    return std::nullopt;
  };
  auto set_pair = [&](Pair& field) -> Status {
    Result<Pair> v = read_pair(key, value);
    if (!v) return v.error();
    field = *v;
    return std::nullopt;
  };
  if (key == "in_channels") return set_int(spec.in_channels);
  if (key == "out_channels") return set_int(spec.out_channels);
  if (key == "groups") return set_int(spec.groups);
  if (key == "kernel_size") return set_pair(spec.kernel_size);
  if (key == "stride") return set_pair(spec.stride);
  if (key == "dilation") return set_pair(spec.dilation);
  if (key == "padding") return read_padding(value, spec);
  if (key == "bias") {
    if (!value.is_boolean()) return wrong_type(key, "true or false", value);
    spec.bias = value.get<bool>();
    return std::nullopt;
  }
  if (key == "padding_mode") {
    const auto mode =
        value.is_string() ? parse_padding_mode(value.get<std::string>()) : std::nullopt;
    if (!mode) {
      return wrong_type(key, "one of \"zeros\", \"reflect\", \"replicate\", \"circular\"", value);
    }
    spec.padding_mode = *mode;
    return std::nullopt;
  }
  return unknown_key(key);
}

// "layer" names the module: "Conv2d" when it is missing, as in every
// config written before there were other layers.
Result<std::string> layer_key(const json& config) {
  if (!config.is_object() || !config.contains("layer")) return std::string("Conv2d");
  const json& value = config["layer"];
  std::string known;
  for (std::string_view name : layer_names())
    known += (known.empty() ? "" : ", ") + std::string(name);
  if (!value.is_string()) return wrong_type("layer", "a layer name (" + known + ")", value);
  const std::string name = value.get<std::string>();
  for (std::string_view k : layer_names()) {
    if (k == name) return name;
  }
  return Error{"unknown layer " + quoted(name) + " (ConvViz knows " + known + ")"};
}

json pair_json(const Pair& p) { return p.h == p.w ? json(p.h) : json::array({p.h, p.w}); }

}  // namespace

Result<Conv2dProblem> spec_from_config(const json& config, const Conv2dProblem& base) {
  if (!config.is_object()) {
    return Error{"the config must be a JSON object, not " + describe_json(config)};
  }
  if (Result<std::string> layer = layer_key(config); !layer) {
    return layer.error();
  } else if (*layer != "Conv2d") {
    return Error{"this is a " + *layer + " config, not a Conv2d one"};
  }
  // A typo ("kernel": 3) is named before the key it misses.
  for (const auto& [key, value] : config.items()) {
    if (key != "layer" &&
        std::find(kConfigKeys.begin(), kConfigKeys.end(), key) == kConfigKeys.end()) {
      return unknown_key(key);
    }
  }
  // nn.Conv2d has no default for these three.
  for (const char* required : {"in_channels", "out_channels", "kernel_size"}) {
    if (!config.contains(required)) {
      return Error{"config key \"" + std::string(required) +
                   "\" is missing (nn.Conv2d requires it)"};
    }
  }
  Conv2dProblem spec;
  spec.batch = base.batch;
  spec.height = base.height;
  spec.width = base.width;
  spec.padding = {0, 0};
  for (const auto& [key, value] : config.items()) {
    if (key == "layer") continue;
    if (Status failed = read_key(key, value, spec)) return *failed;
  }
  return spec;
}

Result<LayerSpec> layer_from_config(const json& config, const InputShape& input) {
  Result<std::string> layer = layer_key(config);
  if (!layer) return layer.error();
  // One parser per module; each reads its own arguments.
  Result<Conv2dProblem> conv = spec_from_config(config, conv2d_problem({}, input));
  if (!conv) return conv.error();
  return LayerSpec{static_cast<const Conv2dSpec&>(*conv), input};
}

json layer_to_config(const LayerSpec& spec) {
  json config{{"layer", std::string(layer_name(spec))}};
  config.update(std::visit(
      [&](const Conv2dSpec& conv) { return spec_to_config(conv2d_problem(conv, spec.input)); },
      spec.module));
  return config;
}

json spec_to_config(const Conv2dProblem& spec) {
  json padding = pair_json(spec.padding);
  if (spec.padding_preset == PaddingPreset::Same) padding = "same";
  if (spec.padding_preset == PaddingPreset::Valid) padding = "valid";
  return json{{"in_channels", spec.in_channels},
              {"out_channels", spec.out_channels},
              {"kernel_size", pair_json(spec.kernel_size)},
              {"stride", pair_json(spec.stride)},
              {"padding", padding},
              {"padding_mode", std::string(padding_mode_name(spec.padding_mode))},
              {"dilation", pair_json(spec.dilation)},
              {"groups", spec.groups},
              {"bias", spec.bias}};
}

namespace {

// nlohmann's message without its "[json.exception.parse_error.101] " prefix;
// its "last read: '…'" quotes the file's bytes as they are.
std::string without_prefix(const std::string& what) {
  const size_t end = what.find("] ");
  return printable(end == std::string::npos ? what : what.substr(end + 2));
}

// nlohmann reads a NUL byte as the end of the input, so whatever follows
// one would be ignored rather than refused.
Status check_no_nul(std::string_view text, const std::string& name) {
  const size_t nul = text.find('\0');
  if (nul == std::string_view::npos) return std::nullopt;
  const std::string where = name + " is not valid JSON: byte " + std::to_string(nul) + " is a NUL";
  if (json::accept(text.substr(0, nul)))
    return Error{where + ", and nothing may follow the document"};
  return Error{where + ", which JSON text never holds (is the file UTF-16?)"};
}

// Keys and strings in ConvViz's files are words; a huge one (a 100 MB
// "key") would cost seconds and several copies in nlohmann's lexer, so it
// is found first with a scan that only looks for quotes.
constexpr size_t kMaxJsonString = size_t{1} << 16;

Status check_string_lengths(std::string_view text, const std::string& name) {
  // An odd run of backslashes before a quote escapes it; the opening quote
  // itself ends every run.
  auto escaped = [&](size_t quote) {
    return (quote - 1 - text.find_last_not_of('\\', quote - 1)) % 2 == 1;
  };
  for (size_t open = text.find('"'); open != std::string_view::npos;) {
    size_t close = open;
    do {
      close = text.find('"', close + 1);
      if (close == std::string_view::npos) return std::nullopt;  // the parser says what is wrong
    } while (escaped(close));
    if (close - open - 1 > kMaxJsonString) {
      return Error{name + " holds a string of more than " + std::to_string(kMaxJsonString) +
                   " bytes at byte " + std::to_string(open) + "; no ConvViz file has one"};
    }
    open = text.find('"', close + 1);
  }
  return std::nullopt;
}

}  // namespace

Result<json> parse_json_text(std::string_view text, const std::string& name) {
  if (Status bad = check_no_nul(text, name)) return *bad;
  if (Status bad = check_string_lengths(text, name)) return *bad;
  struct TooDeep {};
  try {
    return json::parse(text, [](int depth, json::parse_event_t, json&) {
      if (depth > kMaxJsonDepth) throw TooDeep{};
      return true;
    });
  } catch (const TooDeep&) {
    return Error{name + " is nested more than " + std::to_string(kMaxJsonDepth) + " levels deep"};
  } catch (const json::parse_error& e) {
    return Error{name + " is not valid JSON: " + without_prefix(e.what())};
  } catch (const json::out_of_range& e) {
    // 406: a number beyond double's range, such as 1e400.
    return Error{name + " holds a number too large for a 64-bit float (" +
                 without_prefix(e.what()) + ")"};
  } catch (const json::exception& e) {
    return Error{name + " cannot be read as JSON: " + without_prefix(e.what())};
  }
}

std::string describe_json(const json& value) {
  if (value.is_array()) return value.empty() ? "[]" : "an array";
  if (value.is_object()) return value.empty() ? "{}" : "an object";
  if (value.is_string()) return quoted(value.get<std::string>());
  return value.dump();
}

Result<json> read_json_file(const std::string& path, size_t max_bytes) {
  const std::string name = "'" + path + "'";
  // Every file ConvViz reads is an object or an array: anything else is
  // refused from its first byte, before a device like /dev/zero is read.
  auto starts_like_json = [&](std::string_view head) -> Result<size_t> {
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);  // UTF-8 byte order mark
    const size_t first = head.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos || head[first] == '{' || head[first] == '[') {
      return max_bytes;
    }
    return Error{name + " is not a JSON file: it should start with '{', not " +
                 byte_text(static_cast<unsigned char>(head[first]))};
  };
  Result<std::string> text = read_file(path, max_bytes, starts_like_json);
  if (!text) return text.error();
  return parse_json_text(*text, name);
}

Result<LayerSpec> read_layer_config(const std::string& path, const InputShape& input) {
  Result<json> config = read_json_file(path, kMaxConfigBytes);
  if (!config) return config.error();
  Result<LayerSpec> spec = layer_from_config(*config, input);
  if (!spec) return Error{"'" + path + "': " + spec.error().message};
  return spec;
}

}  // namespace convviz
