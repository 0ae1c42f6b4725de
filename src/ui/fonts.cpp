#include "ui/fonts.h"

#include <imgui.h>

#include <cmath>

#include "render/font_files.h"
#include "ui/strings.h"

namespace convviz::ui {
namespace {

// Symbols the panels draw besides the strings table (formulas, transport).
constexpr const char* kSymbols =
    "×⌊⌋−·÷…—▶◀⏸■●○✓⇄→←↑↓≤≥≈±√Σ";

const ImWchar* glyph_ranges() {
  static ImVector<ImWchar> ranges;
  if (ranges.empty()) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesDefault());
    builder.AddText(kSymbols);
    for (Language l : {Language::En, Language::Zh}) {
      for (const char* s : all_strings(l)) builder.AddText(s);
    }
    builder.AddText("简体中文");
    builder.BuildRanges(&ranges);
  }
  return ranges.Data;
}

ImFont* add_font(const std::optional<std::string>& file, float size, const ImWchar* ranges) {
  ImGuiIO& io = ImGui::GetIO();
  ImFontConfig config;
  config.OversampleH = 2;
  if (!file) {
    config.SizePixels = size;
    return io.Fonts->AddFontDefault(&config);
  }
  return io.Fonts->AddFontFromFileTTF(file->c_str(), size, &config, ranges);
}

}  // namespace

FontSet build_fonts(float text_scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  FontSet fonts;
  fonts.size = std::round(kBaseFontSize * text_scale);
  const auto sans = render::find_font_file("DejaVu Sans", U'⌊');
  const auto mono = render::find_font_file("DejaVu Sans Mono", U'×');
  const auto cjk = render::find_font_file("sans:lang=zh-cn", U'卷');
  if (!sans || !mono) fonts.warning = "DejaVu fonts not found: install fonts-dejavu-core. ";
  if (!cjk) fonts.warning += "No Chinese font found: install fonts-wqy-microhei.";

  fonts.ui = add_font(sans, fonts.size, glyph_ranges());
  if (cjk && sans) {
    ImFontConfig merge;
    merge.MergeMode = true;
    merge.OversampleH = 1;
    io.Fonts->AddFontFromFileTTF(cjk->c_str(), fonts.size, &merge, glyph_ranges());
  }
  fonts.mono = add_font(mono, fonts.size, glyph_ranges());
  fonts.mono_medium = add_font(mono, std::round(fonts.size * 1.4f), glyph_ranges());
  // The symbols too: a big cell's running sum reads "Σ 7" (see fine_step.h).
  fonts.mono_large = add_font(mono, fonts.size * 2, glyph_ranges());
  io.Fonts->Build();
  io.FontDefault = fonts.ui;
  return fonts;
}

}  // namespace convviz::ui
