#pragma once
// Everything needed to reopen a lesson: the spec, its tensors and the step
// the cursor is on. Saved as JSON with the config in nn.Conv2d's names.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/model/conv_spec.h"
#include "core/model/result.h"
#include "core/model/tensor.h"

namespace convviz {

struct Session {
  ConvSpec spec;
  Tensor input;   // [batch, in_channels, height, width]
  Tensor weight;  // [out_channels, in_channels/groups, kernel_h, kernel_w]
  Tensor bias;    // [out_channels]; empty when spec.bias is false
  int64_t step = 0;
  bool operator==(const Session&) const = default;
};

const Tensor* bias_or_null(const Session& session);

// A default spec with batch, height and width taken from a [N, C, H, W]
// input, the base for spec_from_config.
ConvSpec sized_for_input(const Tensor& input);

// The session reshaped to `spec`: values whose indices exist in both shapes
// are kept, new cells are 0, the step is clamped into the new output.
// Precondition: validate(spec) is empty.
Session with_spec(const Session& session, const ConvSpec& spec);

// Empty when the session is consistent: a valid spec, tensors of its shapes,
// a step inside the output.
std::vector<SpecError> check_session(const Session& session);

nlohmann::json session_to_json(const Session& session);
// Errors name the key at fault; the result always passes check_session.
Result<Session> session_from_json(const nlohmann::json& document);

Status save_session(const std::string& path, const Session& session);
Result<Session> load_session(const std::string& path);

}  // namespace convviz
