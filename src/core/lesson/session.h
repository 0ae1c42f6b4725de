#pragma once
// Everything needed to reopen a lesson: the layer, its tensors and the step
// the cursor is on. core/io/session_json.h saves and opens it.
#include <string>
#include <vector>

#include "core/model/layer_spec.h"
#include "core/model/result.h"
#include "core/model/tensor.h"

namespace convviz {

struct Session {
  LayerSpec spec;
  Tensor input;   // [batch, channels, height, width]
  Tensor weight;  // weight_shape(spec); empty for a layer without weights
  Tensor bias;    // [out_channels]; empty when the layer has no bias
  int64_t step = 0;
  bool operator==(const Session&) const = default;
};

const Tensor* bias_or_null(const Session& session);
// The session's weight and bias, as compute and trace_step take them.
LayerParams params_of(const Session& session);

// The session reshaped to `spec`: values whose indices exist in both shapes
// are kept, new cells are 0, the step is clamped into the new output.
// Precondition: validate(spec) is empty.
Session with_spec(const Session& session, const LayerSpec& spec);

// Empty when the session is consistent: a valid spec, tensors of its shapes,
// a step inside the output.
std::vector<SpecError> check_session(const Session& session);

}  // namespace convviz
