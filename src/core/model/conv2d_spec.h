#pragma once
// nn.Conv2d's parameters, and the problem they make with an input shape.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace convviz {

// A (height, width) pair: PyTorch accepts an int or a pair for each of these.
struct Pair {
  int64_t h = 1;
  int64_t w = 1;
  bool operator==(const Pair&) const = default;
};

enum class PaddingPreset { Explicit, Same, Valid };
enum class PaddingMode { Zeros, Reflect, Replicate, Circular };

// nn.Conv2d's arguments, with PyTorch's names and defaults: the module alone.
struct Conv2dSpec {
  int64_t in_channels = 1;
  int64_t out_channels = 1;
  Pair kernel_size{3, 3};
  Pair stride{1, 1};
  Pair padding{0, 0};  // read only when padding_preset is Explicit
  PaddingPreset padding_preset = PaddingPreset::Explicit;
  PaddingMode padding_mode = PaddingMode::Zeros;
  Pair dilation{1, 1};
  int64_t groups = 1;
  bool bias = true;
  bool operator==(const Conv2dSpec&) const = default;
};

// The module applied to an input [batch, in_channels, height, width]: what
// Conv2d's validation, engine, tracer and padding maps work on, made from a
// LayerSpec (core/model/layer_spec.h) by conv2d_problem().
struct Conv2dProblem : Conv2dSpec {
  int64_t batch = 1;
  int64_t height = 5;
  int64_t width = 5;
  bool operator==(const Conv2dProblem&) const = default;
};

struct Shape4 {
  int64_t n = 0, c = 0, h = 0, w = 0;
  bool operator==(const Shape4&) const = default;
};

// Padding actually applied on each side. Differs from `padding` for 'same'
// (odd totals put the extra row/column at the bottom/right, as PyTorch does)
// and 'valid' (all zero).
struct SidePadding {
  int64_t top = 0, bottom = 0, left = 0, right = 0;
};

// Which rule a SpecError states, so the window can say it in another
// language; `values` are what its sentence quotes, in the order noted.
enum class SpecRule {
  Other,
  AtLeastOne,              // what ("kernel_size height"), value
  TooLarge,                // what, value, cap
  NegativeWithZeros,       // axis ("height"), value
  GroupsDivide,            // groups, channels field ("in_channels"), channels
  SameNeedsStrideOne,      // stride ("2x1")
  ReflectTooLarge,         // padding, axis, input size
  CircularTooLarge,        // padding, axis, input size
  CropTooDeep,             // axis, padding, cells ("rows"), input size
  KernelTooLarge,          // dilated kernel size, cells, what the padding leaves
  TensorTooLarge,          // tensor ("the weight"), values, cap
  TooManyTerms,            // products per output, cap
  TooManyMultiplications,  // multiplications, cap
};

struct SpecError {
  // A constructor, so the many {field, message} errors need no rule.
  SpecError(std::string field_, std::string message_, SpecRule rule_ = SpecRule::Other,
            std::vector<std::string> values_ = {})
      : field(std::move(field_)),
        message(std::move(message_)),
        rule(rule_),
        values(std::move(values_)) {}
  std::string field;    // the Conv2dProblem field the rule is about, e.g. "groups"
  std::string message;  // the rule in plain words, with the values
  SpecRule rule = SpecRule::Other;
  std::vector<std::string> values;
};

// Size caps: no spec may make the program allocate without bound.
inline constexpr int64_t kMaxExtent = 1 << 20;          // any single size
inline constexpr int64_t kMaxTensorElements = 1 << 26;  // 256 MiB of float32
inline constexpr int64_t kMaxTermsPerOutput = 1 << 20;  // products per output
// About 17.2 billion: 1-2 s for the engine here. A 4000×2000 RGB photo
// through eight 7×7 kernels needs 9.4 billion and passes; a huge padding
// around a tiny input (minutes of work, gigabytes of grid) does not.
inline constexpr int64_t kMaxMultiplications = int64_t{1} << 34;

// Every broken rule, one entry each; empty means PyTorch would accept it.
std::vector<SpecError> validate(const Conv2dProblem& spec);
std::string join_messages(const std::vector<SpecError>& errors);

SidePadding side_padding(const Conv2dProblem& spec);
Shape4 input_shape(const Conv2dProblem& spec);
Shape4 weight_shape(const Conv2dProblem& spec);
Shape4 output_shape(const Conv2dProblem& spec);
int64_t in_channels_per_group(const Conv2dProblem& spec);
int64_t out_channels_per_group(const Conv2dProblem& spec);

std::string_view padding_mode_name(PaddingMode mode);
std::optional<PaddingMode> parse_padding_mode(std::string_view name);

}  // namespace convviz
