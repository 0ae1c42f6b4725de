#pragma once
// A layer configuration as JSON, with the module's parameter names:
// {"layer": "Conv2d", "in_channels": 1, "out_channels": 1, "kernel_size": 3, "stride": [2, 1],
//  "padding": "same", "padding_mode": "zeros", "dilation": 1, "groups": 1,
//  "bias": true}
// Missing optional keys take PyTorch's defaults; unknown keys and wrong
// types are errors that name the key.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/io/json_text.h"
#include "core/model/layer_spec.h"
#include "core/model/result.h"

namespace convviz {

// A layer's config: {"layer": "Conv2d", ...the module's arguments}. A
// missing "layer" means Conv2d, so every config written before it reads;
// an unknown one is an error that lists the known layers.
Result<LayerSpec> layer_from_config(const nlohmann::json& config, const InputShape& input);
// With the "layer" key, so the file says which module it configures.
nlohmann::json layer_to_config(const LayerSpec& spec);
// A config file (at most kMaxConfigBytes); errors start with the path.
Result<LayerSpec> read_layer_config(const std::string& path, const InputShape& input);

// Conv2d's arguments alone ("layer", if given, must be "Conv2d"). The result
// keeps `base`'s batch, height and width (not part of a config).
Result<Conv2dProblem> spec_from_config(const nlohmann::json& config,
                                       const Conv2dProblem& base = {});
nlohmann::json spec_to_config(const Conv2dProblem& spec);

// Parses JSON nested at most kMaxJsonDepth levels deep (deeper documents
// are refused rather than risking the stack).
inline constexpr int kMaxJsonDepth = 64;
Result<nlohmann::json> parse_json_text(std::string_view text, const std::string& name);

// For messages: a scalar as JSON, a string quoted, a structured value by
// its kind; at most ~40 characters.
std::string describe_json(const nlohmann::json& value);
// Sessions hold tensors of up to kMaxTensorElements values; a config is a
// few lines, and a larger file is not one.
inline constexpr size_t kMaxJsonBytes = size_t{256} << 20;
inline constexpr size_t kMaxConfigBytes = size_t{1} << 20;
Result<nlohmann::json> read_json_file(const std::string& path, size_t max_bytes = kMaxJsonBytes);

}  // namespace convviz
