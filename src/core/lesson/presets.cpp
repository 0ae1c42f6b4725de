#include "core/lesson/presets.h"

namespace convviz {
namespace {

// The textbook picture: a 5×5 input whose top-left 2×2 is [[1,8],[6,7]] and
// an X-shaped kernel, so the first step reads 1×0+0×0+...+1×7+1=9.
const std::vector<float> kTextbookInput = {1, 8, 3, 0, 2,  //
                                           6, 7, 1, 4, 5,  //
                                           2, 0, 9, 3, 1,  //
                                           5, 2, 4, 8, 0,  //
                                           3, 1, 6, 2, 7};
const std::vector<float> kXKernel = {1, 0, 1, 0, 1, 0, 1, 0, 1};
const std::vector<float> kSobelX = {-1, 0, 1, -2, 0, 2, -1, 0, 1};

// Fills every tensor from the spec's shapes: input cells count up modulo
// `modulo`, weights repeat `kernel`, bias is `bias_value` per channel.
Session make_session(const Conv2dProblem& problem, const std::vector<float>& input, int modulo,
                     const std::vector<float>& kernel, float bias_value) {
  Session s;
  s.spec = layer_of(problem);
  const Conv2dProblem& spec = problem;
  s.input = make_tensor(to_vector(input_shape(spec)));
  for (size_t i = 0; i < s.input.data.size(); ++i) {
    s.input.data[i] = input.empty() ? float((i * 7 + 3) % size_t(modulo)) : input[i % input.size()];
  }
  s.weight = make_tensor(to_vector(weight_shape(spec)));
  for (size_t i = 0; i < s.weight.data.size(); ++i) s.weight.data[i] = kernel[i % kernel.size()];
  if (spec.bias) s.bias = make_tensor({spec.out_channels}, bias_value);
  return s;
}

Conv2dProblem spec_3x3(int64_t channels, int64_t size, int64_t padding) {
  Conv2dProblem spec;
  spec.in_channels = spec.out_channels = channels;
  spec.height = spec.width = size;
  spec.padding = {padding, padding};
  return spec;
}

std::vector<Preset> build_presets() {
  std::vector<Preset> list;
  Conv2dProblem textbook = spec_3x3(1, 5, 1);
  list.push_back({"textbook", "5x5 input, 3x3 X kernel, bias 1, zero padding 1: step 0 is 9",
                  make_session(textbook, kTextbookInput, 0, kXKernel, 1)});

  Conv2dProblem ones = spec_3x3(1, 5, 1);
  ones.bias = false;
  list.push_back({"torch-ones", "torch.ones(1,1,5,5) with a 3x3 ones kernel, padding 1: 5x5 out",
                  make_session(ones, {1}, 0, {1}, 0)});

  Conv2dProblem strided = textbook;
  strided.stride = {2, 2};
  list.push_back({"stride-2", "the textbook example with stride 2: a 3x3 output",
                  make_session(strided, kTextbookInput, 0, kXKernel, 1)});

  Conv2dProblem dilated = spec_3x3(1, 7, 2);
  dilated.dilation = {2, 2};
  list.push_back({"dilation-2", "7x7 input, 3x3 kernel with dilation 2 and padding 2",
                  make_session(dilated, {}, 10, kXKernel, 0)});

  Conv2dProblem reflect = textbook;
  reflect.padding_mode = PaddingMode::Reflect;
  list.push_back({"reflect-padding", "the textbook example with reflect padding",
                  make_session(reflect, kTextbookInput, 0, kXKernel, 1)});

  Conv2dProblem depthwise = spec_3x3(2, 6, 1);
  depthwise.groups = 2;
  list.push_back({"depthwise", "2 channels, groups 2: each channel has its own kernel",
                  make_session(depthwise, {}, 10, kXKernel, 0)});

  Conv2dProblem rgb = spec_3x3(3, 4, 1);
  rgb.out_channels = 2;
  list.push_back({"rgb-to-2", "3 input channels summed into each of 2 output channels",
                  make_session(rgb, {}, 5, {1, 0, -1, 2, 1, 0, 0, 1, 1, -1}, 0.5f)});

  Conv2dProblem sobel = spec_3x3(1, 6, 1);
  sobel.bias = false;
  list.push_back({"sobel-x", "a vertical edge found by the Sobel x kernel",
                  make_session(sobel, {0, 0, 0, 9, 9, 9}, 0, kSobelX, 0)});
  return list;
}

}  // namespace

const std::vector<Preset>& presets() {
  static const std::vector<Preset> list = build_presets();
  return list;
}

std::optional<Session> find_preset(const std::string& name) {
  for (const Preset& p : presets()) {
    if (p.name == name) return p.session;
  }
  return std::nullopt;
}

std::string preset_names() {
  std::string names;
  for (const Preset& p : presets()) names += (names.empty() ? "" : ", ") + p.name;
  return names;
}

}  // namespace convviz
