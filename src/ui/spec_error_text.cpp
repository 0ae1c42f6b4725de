// The rules validate() states, in Chinese: each SpecRule's sentence from the
// strings table with the values the core quoted, the words among them
// ("height", "rows", "the weight") translated and PyTorch's names kept.
#include <utility>

#include "ui/strings.h"

namespace convviz::ui {
namespace {

S sentence(SpecRule rule) {
  switch (rule) {
    case SpecRule::AtLeastOne:
      return S::SpecAtLeastOne;
    case SpecRule::TooLarge:
      return S::SpecTooLarge;
    case SpecRule::NegativeWithZeros:
      return S::SpecNegativeWithZeros;
    case SpecRule::GroupsDivide:
      return S::SpecGroupsDivide;
    case SpecRule::SameNeedsStrideOne:
      return S::SpecSameNeedsStrideOne;
    case SpecRule::ReflectTooLarge:
      return S::SpecReflectTooLarge;
    case SpecRule::CircularTooLarge:
      return S::SpecCircularTooLarge;
    case SpecRule::CropTooDeep:
      return S::SpecCropTooDeep;
    case SpecRule::KernelTooLarge:
      return S::SpecKernelTooLarge;
    case SpecRule::TensorTooLarge:
      return S::SpecTensorTooLarge;
    case SpecRule::TooManyTerms:
      return S::SpecTooManyTerms;
    case SpecRule::TooManyMultiplications:
      return S::SpecTooManyMultiplications;
    case SpecRule::Other:
      break;
  }
  return S::Count;
}

// The English words the core puts among the values; field names such as
// kernel_size are PyTorch's and stay.
constexpr std::pair<const char*, const char*> kWords[] = {
    {"batch size", "批大小"},
    {"input height", "输入高度"},
    {"input width", "输入宽度"},
    {"height", "高"},
    {"width", "宽"},
    {"rows", "行"},
    {"columns", "列"},
    {"the input", "输入"},
    {"the weight", "权重"},
    {"the output", "输出"},
};

std::string chinese_value(const std::string& value) {
  for (const auto& [en, zh] : kWords) {
    if (value == en) return zh;
  }
  // "kernel_size height" → "kernel_size 高"
  for (const char* axis : {" height", " width"}) {
    const size_t at = value.rfind(axis);
    if (at != std::string::npos && at + std::char_traits<char>::length(axis) == value.size()) {
      return value.substr(0, at + 1) + chinese_value(axis + 1);
    }
  }
  return value;
}

}  // namespace

std::string error_text(Language language, const SpecError& error) {
  const S id = sentence(error.rule);
  if (language == Language::En || id == S::Count) return error.message;
  std::string text = tr(language, id);
  for (size_t i = 0; i < error.values.size(); ++i) {
    text = replaced(text, "{" + std::to_string(i) + "}", chinese_value(error.values[i]));
  }
  return text;
}

std::string error_texts(Language language, const std::vector<SpecError>& errors) {
  std::string joined;
  for (const SpecError& e : errors) {
    if (!joined.empty()) joined += language == Language::Zh ? "；" : "; ";
    joined += error_text(language, e);
  }
  return joined;
}

}  // namespace convviz::ui
