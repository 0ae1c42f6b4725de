#include "core/model/spec_text.h"

namespace convviz {
namespace {

std::string str(int64_t v) { return std::to_string(v); }

std::string pair_text(const Pair& p) {
  return p.h == p.w ? str(p.h) : "(" + str(p.h) + ", " + str(p.w) + ")";
}

}  // namespace

std::string output_size_formula(const Conv2dProblem& spec, Axis axis) {
  const bool h = axis == Axis::Height;
  const SidePadding pad = side_padding(spec);
  const int64_t size = h ? spec.height : spec.width;
  const int64_t before = h ? pad.top : pad.left;
  const int64_t after = h ? pad.bottom : pad.right;
  const int64_t k = h ? spec.kernel_size.h : spec.kernel_size.w;
  const int64_t s = h ? spec.stride.h : spec.stride.w;
  const int64_t d = h ? spec.dilation.h : spec.dilation.w;
  // A negative padding (a crop) in brackets: 2·(-1), as a student writes it.
  const std::string padding = before == after
                                  ? "2·" + (before < 0 ? "(" + str(before) + ")" : str(before))
                                  : str(before) + " + " + str(after);
  std::string text = std::string(h ? "H_out" : "W_out") + " = ⌊(" + str(size) + " + " + padding +
                     " − " + str(d) + "·(" + str(k) + "−1) − 1)/" + str(s) + "⌋ + 1";
  const int64_t numerator = size + before + after - d * (k - 1) - 1;
  if (numerator < 0 || s < 1) return text + " (no output)";
  const Shape4 out = output_shape(spec);
  return text + " = " + str(h ? out.h : out.w);
}

std::string pytorch_expression(const Conv2dProblem& spec) {
  std::string text = "nn.Conv2d(" + str(spec.in_channels) + ", " + str(spec.out_channels) +
                     ", kernel_size=" + pair_text(spec.kernel_size) +
                     ", stride=" + pair_text(spec.stride) + ", padding=";
  switch (spec.padding_preset) {
    case PaddingPreset::Same:
      text += "'same'";
      break;
    case PaddingPreset::Valid:
      text += "'valid'";
      break;
    case PaddingPreset::Explicit:
      text += pair_text(spec.padding);
      break;
  }
  if (spec.dilation != Pair{1, 1}) text += ", dilation=" + pair_text(spec.dilation);
  if (spec.groups != 1) text += ", groups=" + str(spec.groups);
  if (!spec.bias) text += ", bias=False";
  if (spec.padding_mode != PaddingMode::Zeros) {
    text += ", padding_mode='" + std::string(padding_mode_name(spec.padding_mode)) + "'";
  }
  return text + ")";
}

std::string with_thousands(int64_t value) {
  std::string digits = str(value < 0 ? -value : value);
  for (int i = int(digits.size()) - 3; i > 0; i -= 3) digits.insert(size_t(i), ",");
  return (value < 0 ? "-" : "") + digits;
}

}  // namespace convviz
