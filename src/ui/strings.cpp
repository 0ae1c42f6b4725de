#include "ui/strings.h"

#include <utility>

namespace convviz::ui {
namespace {

struct Entry {
  const char* en;
  const char* zh;
};

constexpr Entry kTable[] = {
#define CONVVIZ_STRING_ENTRY(id, en, zh) {en, zh},
    CONVVIZ_UI_STRINGS(CONVVIZ_STRING_ENTRY)
#undef CONVVIZ_STRING_ENTRY
};
static_assert(sizeof kTable / sizeof kTable[0] == static_cast<size_t>(S::Count));

}  // namespace

const char* tr(Language language, S id) {
  const Entry& e = kTable[static_cast<size_t>(id)];
  return language == Language::Zh ? e.zh : e.en;
}

std::string label(const AppState& state, S id, const char* stable_id) {
  return std::string(tr(state, id)) + "###" + stable_id;
}

std::string replaced(std::string text, const std::string& key, const std::string& value) {
  for (size_t at = text.find(key); at != std::string::npos;
       at = text.find(key, at + value.size())) {
    text.replace(at, key.size(), value);
  }
  return text;
}

std::string step_words(const AppState& state, S id, int64_t step, int64_t total) {
  return replaced(replaced(tr(state, id), "{n}", std::to_string(step + 1)), "{total}",
                  std::to_string(total));
}

namespace {

struct PresetStrings {
  const char* id;
  S title, about;
};

// Every preset of core/presets.cpp; a UI test checks none is missing.
constexpr PresetStrings kPresetStrings[] = {
    {"textbook", S::PresetTextbook, S::PresetTextbookAbout},
    {"torch-ones", S::PresetTorchOnes, S::PresetTorchOnesAbout},
    {"stride-2", S::PresetStride2, S::PresetStride2About},
    {"dilation-2", S::PresetDilation2, S::PresetDilation2About},
    {"reflect-padding", S::PresetReflect, S::PresetReflectAbout},
    {"depthwise", S::PresetDepthwise, S::PresetDepthwiseAbout},
    {"rgb-to-2", S::PresetRgbTo2, S::PresetRgbTo2About},
    {"sobel-x", S::PresetSobelX, S::PresetSobelXAbout},
};

const PresetStrings* preset_strings(const std::string& id) {
  for (const PresetStrings& p : kPresetStrings) {
    if (id == p.id) return &p;
  }
  return nullptr;
}

}  // namespace

bool has_preset_strings(const Preset& preset) { return preset_strings(preset.name) != nullptr; }

std::string preset_title(const AppState& state, const Preset& preset) {
  const PresetStrings* p = preset_strings(preset.name);
  return p ? tr(state, p->title) : preset.name;
}

std::string preset_about(const AppState& state, const Preset& preset) {
  const PresetStrings* p = preset_strings(preset.name);
  return p ? tr(state, p->about) : preset.description;
}

StatusMessage said(S id, const std::string& after, bool error) {
  StatusMessage message;
  message.add(id);
  if (!after.empty()) message.add(after);
  message.error = error;
  return message;
}

std::string status_text(Language language, const StatusMessage& message) {
  std::string text;
  for (const StatusPiece& piece : message.pieces) {
    const bool zh = language == Language::Zh && !piece.text_zh.empty();
    text += piece.id ? tr(language, *piece.id) : zh ? piece.text_zh : piece.text;
  }
  return text;
}

std::string status_text(const AppState& state) {
  return status_text(state.view.language, state.status);
}

std::vector<const char*> all_strings(Language language) {
  std::vector<const char*> list;
  for (const Entry& e : kTable) list.push_back(language == Language::Zh ? e.zh : e.en);
  return list;
}

}  // namespace convviz::ui
