#include "ui/strings.h"

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

std::vector<const char*> all_strings(Language language) {
  std::vector<const char*> list;
  for (const Entry& e : kTable) list.push_back(language == Language::Zh ? e.zh : e.en);
  return list;
}

}  // namespace convviz::ui
