#pragma once
// A Conv2d configuration as JSON, with nn.Conv2d's parameter names:
// {"in_channels": 1, "out_channels": 1, "kernel_size": 3, "stride": [2, 1],
//  "padding": "same", "padding_mode": "zeros", "dilation": 1, "groups": 1,
//  "bias": true}
// Missing optional keys take PyTorch's defaults; unknown keys and wrong
// types are errors that name the key.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/model/conv_spec.h"
#include "core/model/result.h"

namespace convviz {

// The result keeps `base`'s batch, height and width (not part of a config).
Result<ConvSpec> spec_from_config(const nlohmann::json& config, const ConvSpec& base = {});
nlohmann::json spec_to_config(const ConvSpec& spec);

// Parses JSON nested at most kMaxJsonDepth levels deep (deeper documents
// are refused rather than risking the stack).
inline constexpr int kMaxJsonDepth = 64;
Result<nlohmann::json> parse_json_text(std::string_view text, const std::string& name);

// For messages: a key or string quoted and escaped (never a raw newline), a
// scalar as JSON, a structured value by its kind; at most ~40 characters.
std::string quoted(const std::string& text);
// For messages: bytes from a file as one line of valid UTF-8 (control bytes
// escaped as JSON does, invalid sequences replaced by U+FFFD).
std::string printable(std::string_view text);
// A message as one line: control bytes shown as \n, \t or \xNN and
// invalid UTF-8 as U+FFFD; everything else (quotes too) as it is.
std::string one_line(std::string_view text);
std::string describe_json(const nlohmann::json& value);
// Sessions hold tensors of up to kMaxTensorElements values; a config is a
// few lines, and a larger file is not one.
inline constexpr size_t kMaxJsonBytes = size_t{256} << 20;
inline constexpr size_t kMaxConfigBytes = size_t{1} << 20;
Result<nlohmann::json> read_json_file(const std::string& path, size_t max_bytes = kMaxJsonBytes);

}  // namespace convviz
