#include "core/model/conv2d_spec.h"

#include "core/model/spec_text.h"

#include <array>
#include <string>

namespace convviz {
namespace {

std::string str(int64_t v) { return std::to_string(v); }

// Overflow-safe product for size checks: saturates at INT64_MAX.
int64_t saturating_product(std::initializer_list<int64_t> factors) {
  int64_t product = 1;
  for (int64_t f : factors) {
    if (__builtin_mul_overflow(product, f, &product)) return INT64_MAX;
  }
  return product;
}

struct AxisSizes {
  const char* name;   // "height" or "width"
  const char* cells;  // "rows" or "columns"
  int64_t input;
  int64_t kernel, stride, dilation, pad_before, pad_after;
};

std::array<AxisSizes, 2> axes(const Conv2dProblem& s) {
  const SidePadding p = side_padding(s);
  return {AxisSizes{"height", "rows", s.height, s.kernel_size.h, s.stride.h, s.dilation.h, p.top,
                    p.bottom},
          AxisSizes{"width", "columns", s.width, s.kernel_size.w, s.stride.w, s.dilation.w, p.left,
                    p.right}};
}

void require_positive(std::vector<SpecError>& errors, const char* field, const std::string& what,
                      int64_t value) {
  if (value < 1) {
    errors.push_back({field,
                      what + " (" + str(value) + ") must be at least 1",
                      SpecRule::AtLeastOne,
                      {what, str(value)}});
  } else if (value > kMaxExtent) {
    errors.push_back(
        {field,
         what + " (" + str(value) + ") is larger than ConvViz supports (" + str(kMaxExtent) + ")",
         SpecRule::TooLarge,
         {what, str(value), str(kMaxExtent)}});
  }
}

void check_scalars(const Conv2dProblem& s, std::vector<SpecError>& errors) {
  require_positive(errors, "in_channels", "in_channels", s.in_channels);
  require_positive(errors, "out_channels", "out_channels", s.out_channels);
  require_positive(errors, "groups", "groups", s.groups);
  require_positive(errors, "batch", "batch size", s.batch);
  require_positive(errors, "height", "input height", s.height);
  require_positive(errors, "width", "input width", s.width);
  const std::pair<const char*, Pair> pairs[] = {
      {"kernel_size", s.kernel_size}, {"stride", s.stride}, {"dilation", s.dilation}};
  for (const auto& [field, pair] : pairs) {
    require_positive(errors, field, std::string(field) + " height", pair.h);
    require_positive(errors, field, std::string(field) + " width", pair.w);
  }
  if (s.padding_preset != PaddingPreset::Explicit) return;
  for (auto [value, what] : {std::pair{s.padding.h, "height"}, std::pair{s.padding.w, "width"}}) {
    // F.conv2d refuses negative padding ("negative padding is not
    // supported"); the other modes go through F.pad, which crops instead.
    if (value < 0 && s.padding_mode == PaddingMode::Zeros) {
      errors.push_back(
          {"padding",
           std::string("padding ") + what + " (" + str(value) +
               ") cannot be negative with padding_mode 'zeros' (reflect, replicate and "
               "circular crop instead)",
           SpecRule::NegativeWithZeros,
           {what, str(value)}});
    } else if (value > kMaxExtent || value < -kMaxExtent) {
      errors.push_back({"padding",
                        std::string("padding ") + what + " (" + str(value) +
                            ") is larger than ConvViz supports (" + str(kMaxExtent) + ")",
                        SpecRule::TooLarge,
                        {std::string("padding ") + what, str(value), str(kMaxExtent)}});
    }
  }
}

void check_groups(const Conv2dProblem& s, std::vector<SpecError>& errors) {
  if (s.in_channels % s.groups != 0) {
    errors.push_back(
        {"groups",
         "groups (" + str(s.groups) + ") must divide in_channels (" + str(s.in_channels) + ")",
         SpecRule::GroupsDivide,
         {str(s.groups), "in_channels", str(s.in_channels)}});
  }
  if (s.out_channels % s.groups != 0) {
    errors.push_back(
        {"groups",
         "groups (" + str(s.groups) + ") must divide out_channels (" + str(s.out_channels) + ")",
         SpecRule::GroupsDivide,
         {str(s.groups), "out_channels", str(s.out_channels)}});
  }
}

void check_same_padding(const Conv2dProblem& s, std::vector<SpecError>& errors) {
  if (s.padding_preset == PaddingPreset::Same && (s.stride.h != 1 || s.stride.w != 1)) {
    const std::string stride = str(s.stride.h) + "x" + str(s.stride.w);
    errors.push_back({"padding",
                      "padding 'same' needs stride 1, but stride is " + stride +
                          " (PyTorch has no 'same' for strided convolutions)",
                      SpecRule::SameNeedsStrideOne,
                      {stride}});
  }
}

// PyTorch pads with F.pad for the non-zero modes, which limits the padding.
// nn.Conv2d pads both sides of an axis alike, so an axis is either padded or
// cropped: a crop never meets a reflection or a wrap, and F.pad's checks
// (reflect pad < size, circular pad <= size) hold for a crop of any depth.
void check_padding_mode(const AxisSizes& a, PaddingMode mode, std::vector<SpecError>& errors) {
  const int64_t pad = std::max(a.pad_before, a.pad_after);
  const std::string where = " the input " + std::string(a.name) + " (" + str(a.input) + ")";
  if (mode == PaddingMode::Reflect && pad >= a.input) {
    errors.push_back({"padding",
                      "reflect padding (" + str(pad) + ") must be smaller than" + where,
                      SpecRule::ReflectTooLarge,
                      {str(pad), a.name, str(a.input)}});
  }
  if (mode == PaddingMode::Circular && pad > a.input) {
    errors.push_back({"padding",
                      "circular padding (" + str(pad) + ") cannot be larger than" + where +
                          ": it would wrap around more than once",
                      SpecRule::CircularTooLarge,
                      {str(pad), a.name, str(a.input)}});
  }
}

int64_t padded_extent(const AxisSizes& a) { return a.input + a.pad_before + a.pad_after; }

// A negative padding crops that many rows (columns) from each side, as
// F.pad does with a negative amount; it must leave some of the input.
void check_crop(const AxisSizes& a, std::vector<SpecError>& errors) {
  if (a.pad_before >= 0 || padded_extent(a) >= 1) return;
  const std::string crop = str(-a.pad_before) + " " + a.cells;
  const bool top_bottom = std::string(a.name) == "height";
  std::string message = "padding " + std::string(a.name) + " (" + str(a.pad_before) + ") crops " +
                        crop + (top_bottom ? " from the top and " : " from the left and ") +
                        str(-a.pad_after) + (top_bottom ? " from the bottom" : " from the right");
  message += padded_extent(a) == 0
                 ? ", which is all " + str(a.input) + " " + a.cells + " of the input"
                 : ", but the input has only " + str(a.input) + " " + a.cells;
  errors.push_back({"padding",
                    message,
                    SpecRule::CropTooDeep,
                    {a.name, str(a.pad_before), a.cells, str(a.input)}});
}

void check_kernel_fits(const AxisSizes& a, std::vector<SpecError>& errors) {
  const int64_t dilated = a.dilation * (a.kernel - 1) + 1;
  const int64_t padded = padded_extent(a);
  if (padded < 1 || dilated <= padded) return;  // an empty crop has its own message
  const std::string kernel_words = a.dilation > 1 ? "the dilated kernel (" : "the kernel (";
  const std::string input_words =
      a.pad_before < 0 ? "what padding " + std::string(a.name) + " (" + str(a.pad_before) +
                             ") leaves of the input (" + str(padded) + " of its " + str(a.input) +
                             " " + a.cells + ")"
                       : "the padded input (" + str(padded) + " " + a.cells + ")";
  errors.push_back({"kernel_size",
                    kernel_words + str(dilated) + " " + a.cells + ") is larger than " + input_words,
                    SpecRule::KernelTooLarge,
                    {str(dilated), a.cells, str(padded)}});
}

void check_sizes(const Conv2dProblem& s, std::vector<SpecError>& errors) {
  const Shape4 shapes[] = {input_shape(s), weight_shape(s), output_shape(s)};
  const char* names[] = {"the input", "the weight", "the output"};
  const char* fields[] = {"height", "kernel_size", "out_channels"};
  for (int i = 0; i < 3; ++i) {
    const int64_t count = saturating_product({shapes[i].n, shapes[i].c, shapes[i].h, shapes[i].w});
    if (count > kMaxTensorElements) {
      errors.push_back({fields[i],
                        std::string(names[i]) + " would hold " + str(count) +
                            " values; ConvViz holds at most " + str(kMaxTensorElements) +
                            " (256 MiB) per tensor",
                        SpecRule::TensorTooLarge,
                        {names[i], str(count), str(kMaxTensorElements)}});
    }
  }
  const int64_t terms =
      saturating_product({in_channels_per_group(s), s.kernel_size.h, s.kernel_size.w});
  if (terms > kMaxTermsPerOutput) {
    errors.push_back({"kernel_size",
                      "each output would sum " + str(terms) +
                          " products; ConvViz supports at most " + str(kMaxTermsPerOutput),
                      SpecRule::TooManyTerms,
                      {str(terms), str(kMaxTermsPerOutput)}});
  }
  const Shape4 out = output_shape(s);
  const int64_t multiplications = saturating_product({out.n, out.c, out.h, out.w, terms});
  if (errors.empty() && multiplications > kMaxMultiplications) {
    errors.push_back(
        {"kernel_size",
         "this layer needs " + with_thousands(multiplications) +
             " multiplications (outputs x products per output), more than ConvViz's cap of " +
             with_thousands(kMaxMultiplications) +
             " (about 17 billion, seconds of work; a teaching layer needs far fewer): use a "
             "smaller input or padding, fewer output channels, a smaller kernel or a larger "
             "stride",
         SpecRule::TooManyMultiplications,
         {with_thousands(multiplications), with_thousands(kMaxMultiplications)}});
  }
}

}  // namespace

std::vector<SpecError> validate(const Conv2dProblem& s) {
  std::vector<SpecError> errors;
  check_scalars(s, errors);
  // The rules below do arithmetic on the sizes, so they need sane sizes first.
  if (!errors.empty()) return errors;
  check_groups(s, errors);
  check_same_padding(s, errors);
  for (const AxisSizes& a : axes(s)) check_padding_mode(a, s.padding_mode, errors);
  for (const AxisSizes& a : axes(s)) check_crop(a, errors);
  for (const AxisSizes& a : axes(s)) check_kernel_fits(a, errors);
  if (errors.empty()) check_sizes(s, errors);
  return errors;
}

std::string join_messages(const std::vector<SpecError>& errors) {
  std::string joined;
  for (const SpecError& e : errors) {
    if (!joined.empty()) joined += "; ";
    joined += e.message;
  }
  return joined;
}

SidePadding side_padding(const Conv2dProblem& s) {
  switch (s.padding_preset) {
    case PaddingPreset::Valid:
      return {};
    case PaddingPreset::Same: {
      // torch: total = d·(k−1), left = total // 2, the rest on the right.
      const int64_t total_h = s.dilation.h * (s.kernel_size.h - 1);
      const int64_t total_w = s.dilation.w * (s.kernel_size.w - 1);
      return {total_h / 2, total_h - total_h / 2, total_w / 2, total_w - total_w / 2};
    }
    case PaddingPreset::Explicit:
      break;
  }
  return {s.padding.h, s.padding.h, s.padding.w, s.padding.w};
}

Shape4 input_shape(const Conv2dProblem& s) { return {s.batch, s.in_channels, s.height, s.width}; }

Shape4 weight_shape(const Conv2dProblem& s) {
  return {s.out_channels, in_channels_per_group(s), s.kernel_size.h, s.kernel_size.w};
}

Shape4 output_shape(const Conv2dProblem& s) {
  const auto [h, w] = axes(s);
  // H_out = floor((H + pad_top + pad_bottom − d·(k−1) − 1) / s) + 1; the
  // numerator is never negative for a valid spec, so / is floor here.
  auto extent = [](const AxisSizes& a) {
    return (a.input + a.pad_before + a.pad_after - a.dilation * (a.kernel - 1) - 1) / a.stride + 1;
  };
  return {s.batch, s.out_channels, extent(h), extent(w)};
}

int64_t in_channels_per_group(const Conv2dProblem& s) {
  return s.groups > 0 ? s.in_channels / s.groups : 0;
}

int64_t out_channels_per_group(const Conv2dProblem& s) {
  return s.groups > 0 ? s.out_channels / s.groups : 0;
}

std::string_view padding_mode_name(PaddingMode mode) {
  switch (mode) {
    case PaddingMode::Zeros:
      return "zeros";
    case PaddingMode::Reflect:
      return "reflect";
    case PaddingMode::Replicate:
      return "replicate";
    case PaddingMode::Circular:
      return "circular";
  }
  return "zeros";
}

std::optional<PaddingMode> parse_padding_mode(std::string_view name) {
  for (PaddingMode m :
       {PaddingMode::Zeros, PaddingMode::Reflect, PaddingMode::Replicate, PaddingMode::Circular}) {
    if (padding_mode_name(m) == name) return m;
  }
  return std::nullopt;
}

}  // namespace convviz
