#include "random_specs.h"

namespace convviz::testing {
namespace {

int64_t pick(std::mt19937& rng, int64_t lo, int64_t hi) {
  return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
}

Conv2dProblem random_candidate(std::mt19937& rng) {
  Conv2dProblem s;
  s.groups = pick(rng, 1, 3);
  s.in_channels = s.groups * pick(rng, 1, 3);
  s.out_channels = s.groups * pick(rng, 1, 3);
  s.batch = pick(rng, 1, 2);
  s.height = pick(rng, 1, 9);
  s.width = pick(rng, 1, 9);
  s.kernel_size = {pick(rng, 1, 4), pick(rng, 1, 4)};
  s.stride = {pick(rng, 1, 3), pick(rng, 1, 3)};
  s.dilation = {pick(rng, 1, 3), pick(rng, 1, 3)};
  // A quarter of the axes crop: negative padding, which F.pad (every mode but
  // zeros) applies by dropping rows and columns from both sides.
  auto pad = [&] { return pick(rng, 0, 3) == 0 ? -pick(rng, 1, 3) : pick(rng, 0, 3); };
  s.padding = {pad(), pad()};
  const int64_t preset = pick(rng, 0, 5);
  s.padding_preset = preset == 0   ? PaddingPreset::Same
                     : preset == 1 ? PaddingPreset::Valid
                                   : PaddingPreset::Explicit;
  if (s.padding_preset == PaddingPreset::Same) s.stride = {1, 1};
  s.padding_mode = static_cast<PaddingMode>(pick(rng, 0, 3));
  s.bias = pick(rng, 0, 1) == 1;
  return s;
}

int64_t pick_size(std::mt19937& rng) {
  static constexpr int64_t kAroundVectorWidths[] = {1, 7, 15, 16, 17, 31, 33};
  if (pick(rng, 0, 1) == 0) return kAroundVectorWidths[pick(rng, 0, 6)];
  return pick(rng, 1, 12);
}

void pick_channels(std::mt19937& rng, Conv2dProblem& s) {
  switch (pick(rng, 0, 3)) {
    case 0:  // depthwise, with a channel multiplier now and then
      s.groups = pick(rng, 1, 9);
      s.in_channels = s.groups;
      s.out_channels = s.groups * pick(rng, 1, 2);
      return;
    case 1:  // many channels per group: the implicit-GEMM path
      s.groups = pick(rng, 1, 2);
      s.in_channels = s.groups * pick(rng, 17, 40);
      s.out_channels = s.groups * pick(rng, 1, 20);
      return;
    default:  // images and small layers
      s.groups = pick(rng, 1, 3);
      s.in_channels = s.groups * pick(rng, 1, 4);
      s.out_channels = s.groups * pick(rng, 1, 12);
      return;
  }
}

Conv2dProblem random_engine_candidate(std::mt19937& rng) {
  Conv2dProblem s = random_candidate(rng);
  pick_channels(rng, s);
  s.batch = pick(rng, 1, 3);
  s.height = pick_size(rng);
  s.width = pick_size(rng);
  s.kernel_size = {pick(rng, 1, 5), pick(rng, 1, 5)};
  if (pick(rng, 0, 7) == 0) {  // 1×1, the pointwise path
    s.kernel_size = {1, 1};
    s.padding = {0, 0};
    s.padding_preset = PaddingPreset::Explicit;
    s.stride = {1, 1};
  }
  return s;
}

}  // namespace

Conv2dProblem random_engine_spec(std::mt19937& rng, int64_t max_macs, int64_t min_macs) {
  for (;;) {
    Conv2dProblem s = random_engine_candidate(rng);
    if (!validate(s).empty()) continue;
    const Shape4 out = output_shape(s);
    const int64_t macs = out.n * out.c * out.h * out.w * in_channels_per_group(s) *
                         s.kernel_size.h * s.kernel_size.w;
    if (macs <= max_macs && macs >= min_macs) return s;
  }
}

Conv2dProblem random_valid_spec(std::mt19937& rng) {
  for (;;) {
    Conv2dProblem s = random_candidate(rng);
    if (validate(s).empty()) return s;
  }
}

Session random_session(const Conv2dProblem& spec, std::mt19937& rng) {
  std::normal_distribution<float> normal(0.0f, 1.0f);
  auto fill = [&](Tensor t) {
    for (float& v : t.data) v = normal(rng);
    return t;
  };
  Session s;
  s.spec = layer_of(spec);
  s.input = fill(make_tensor(to_vector(input_shape(spec))));
  s.weight = fill(make_tensor(to_vector(weight_shape(spec))));
  if (spec.bias) s.bias = fill(make_tensor({spec.out_channels}));
  return s;
}

}  // namespace convviz::testing
