#include "render/font_files.h"

#include <fontconfig/fontconfig.h>

#include <memory>

namespace convviz::render {

std::optional<std::string> find_font_file(const std::string& pattern, char32_t must_have) {
  if (!FcInit()) return std::nullopt;
  std::unique_ptr<FcPattern, decltype(&FcPatternDestroy)> query(
      FcNameParse(reinterpret_cast<const FcChar8*>(pattern.c_str())), FcPatternDestroy);
  if (!query) return std::nullopt;
  FcConfigSubstitute(nullptr, query.get(), FcMatchPattern);
  FcDefaultSubstitute(query.get());
  FcResult result = FcResultNoMatch;
  std::unique_ptr<FcPattern, decltype(&FcPatternDestroy)> match(
      FcFontMatch(nullptr, query.get(), &result), FcPatternDestroy);
  if (!match || result != FcResultMatch) return std::nullopt;
  FcChar8* file = nullptr;
  FcCharSet* chars = nullptr;
  if (FcPatternGetString(match.get(), FC_FILE, 0, &file) != FcResultMatch) return std::nullopt;
  if (FcPatternGetCharSet(match.get(), FC_CHARSET, 0, &chars) != FcResultMatch ||
      !FcCharSetHasChar(chars, must_have)) {
    return std::nullopt;
  }
  return std::string(reinterpret_cast<const char*>(file));
}

}  // namespace convviz::render
