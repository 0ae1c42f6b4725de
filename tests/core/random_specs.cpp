#include "random_specs.h"

namespace convviz::testing {
namespace {

int64_t pick(std::mt19937& rng, int64_t lo, int64_t hi) {
  return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
}

ConvSpec random_candidate(std::mt19937& rng) {
  ConvSpec s;
  s.groups = pick(rng, 1, 3);
  s.in_channels = s.groups * pick(rng, 1, 3);
  s.out_channels = s.groups * pick(rng, 1, 3);
  s.batch = pick(rng, 1, 2);
  s.height = pick(rng, 1, 9);
  s.width = pick(rng, 1, 9);
  s.kernel_size = {pick(rng, 1, 4), pick(rng, 1, 4)};
  s.stride = {pick(rng, 1, 3), pick(rng, 1, 3)};
  s.dilation = {pick(rng, 1, 3), pick(rng, 1, 3)};
  s.padding = {pick(rng, 0, 3), pick(rng, 0, 3)};
  const int64_t preset = pick(rng, 0, 5);
  s.padding_preset = preset == 0   ? PaddingPreset::Same
                     : preset == 1 ? PaddingPreset::Valid
                                   : PaddingPreset::Explicit;
  if (s.padding_preset == PaddingPreset::Same) s.stride = {1, 1};
  s.padding_mode = static_cast<PaddingMode>(pick(rng, 0, 3));
  s.bias = pick(rng, 0, 1) == 1;
  return s;
}

}  // namespace

ConvSpec random_valid_spec(std::mt19937& rng) {
  for (;;) {
    ConvSpec s = random_candidate(rng);
    if (validate(s).empty()) return s;
  }
}

Session random_session(const ConvSpec& spec, std::mt19937& rng) {
  std::normal_distribution<float> normal(0.0f, 1.0f);
  auto fill = [&](Tensor t) {
    for (float& v : t.data) v = normal(rng);
    return t;
  };
  Session s;
  s.spec = spec;
  s.input = fill(make_tensor(to_vector(input_shape(spec))));
  s.weight = fill(make_tensor(to_vector(weight_shape(spec))));
  if (spec.bias) s.bias = fill(make_tensor({spec.out_channels}));
  return s;
}

}  // namespace convviz::testing
