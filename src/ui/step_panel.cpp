// The step panel: which output element this step computes, the table of
// its products, the textbook expression and sum + bias = result.
#include <imgui.h>

#include "core/step_trace.h"
#include "ui/panels.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace convviz::ui {
namespace {

void header(AppState& state) {
  const StepTrace& t = state.trace;
  const OutputPosition& p = t.position;
  ImGui::TextUnformatted(
      step_words(state, S::StepOfTotal, t.step, step_count(state.session.spec)).c_str());
  const std::string where = std::string(tr(state, S::OutputTensor)) + "[n=" + std::to_string(p.n) +
                            ", c=" + std::to_string(p.c_out) + ", y=" + std::to_string(p.y) +
                            ", x=" + std::to_string(p.x) + "]";
  same_line_if_fits(ImGui::CalcTextSize(where.c_str()).x + ImGui::GetFontSize());
  ImGui::Text("— %s", where.c_str());
  remember_item(state, "step.header");
  if (state.session.spec.groups > 1) {
    ImGui::TextDisabled("%s %lld: c_in %lld..%lld", tr(state, S::Group), (long long)t.group,
                        (long long)t.c_in_begin, (long long)t.c_in_end - 1);
  }
}

void terms_table(AppState& state, float height) {
  const StepTrace& t = state.trace;
  const Palette& colors = palette(state.view.theme);
  const int64_t shown = state.view.fine_steps ? state.products_shown : int64_t(t.terms.size());
  // Columns keep their natural width; a narrow panel scrolls sideways
  // rather than cutting the headers.
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("##terms", 6, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  for (const char* name : {"c_in", "ky", "kx"}) ImGui::TableSetupColumn(name);
  ImGui::TableSetupColumn(tr(state, S::InputValue));
  ImGui::TableSetupColumn(tr(state, S::WeightValue));
  ImGui::TableSetupColumn(tr(state, S::Product));
  ImGui::TableHeadersRow();
  int64_t hovered = -1;
  for (size_t i = 0; i < t.terms.size(); ++i) {
    const TraceTerm& term = t.terms[i];
    const bool revealed = int64_t(i) < shown;
    ImGui::TableNextRow();
    if (int64_t(i) == state.hovered_term) {
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, faded(colors.hover, 0.35f));
    }
    ImGui::TableNextColumn();
    ImGui::Selectable(std::to_string(term.c_in).c_str(), false,
                      ImGuiSelectableFlags_SpanAllColumns);
    if (ImGui::IsItemHovered()) hovered = int64_t(i);
    ImGui::TableNextColumn();
    ImGui::Text("%lld", (long long)term.ky);
    ImGui::TableNextColumn();
    ImGui::Text("%lld", (long long)term.kx);
    ImGui::TableNextColumn();
    if (term.is_padding) {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors.padding_text), "%s (%s)",
                         format_number(term.input).c_str(), tr(state, S::PaddingCell));
    } else {
      ImGui::TextUnformatted(format_number(term.input).c_str());
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_number(term.weight).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(revealed ? format_number(term.product).c_str() : "");
  }
  ImGui::EndTable();
  remember_item(state, "step.table");
  if (hovered >= 0) state.hovered_term = state.hovered_term_next = hovered;
}

// The expression so far (the products one by one in fine mode), then the
// sum with the bias, in a box that scrolls when the products are many.
void expression(AppState& state) {
  const StepTrace& t = state.trace;
  const bool partial = state.view.fine_steps && state.products_shown < int64_t(t.terms.size());
  const std::string text =
      partial ? partial_expression(t, state.products_shown) + "+…" : t.expression;
  const double running = partial ? partial_sum(t, state.products_shown) : t.sum;
  ImGui::PushFont(state.fonts.mono_medium);
  const float width = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize;
  const std::string lines = wrapped_expression(text, width);
  const float needed = ImGui::CalcTextSize(lines.c_str()).y + ImGui::GetStyle().WindowPadding.y;
  const float height = std::min(needed, ImGui::GetContentRegionAvail().y * 0.45f);
  ImGui::BeginChild("##expression", ImVec2(0, height));
  ImGui::TextUnformatted(lines.c_str());
  ImGui::EndChild();
  ImGui::PopFont();
  remember_item(state, "step.expression");
  if (partial) {
    ImGui::Text("%s = %s  (%lld / %zu %s)", tr(state, S::RunningSum),
                format_number(running).c_str(), (long long)state.products_shown, t.terms.size(),
                tr(state, S::ProductsShown));
  } else {
    // "sum + bias = result: 8 + 1 = 9", negatives in parentheses as in the
    // expression; without a bias just the sum.
    const std::string b = format_number(t.bias);
    const std::string text =
        t.has_bias ? std::string(tr(state, S::Sum)) + " + " + tr(state, S::Bias) + " = " +
                         tr(state, S::Result) + ":  " + format_number(t.sum) + " + " +
                         (b[0] == '-' ? "(" + b + ")" : b) + " = " + format_number(t.result)
                   : std::string(tr(state, S::Sum)) + " = " + tr(state, S::Result) + ":  " +
                         format_number(t.result);
    ImGui::TextWrapped("%s", text.c_str());
  }
}

}  // namespace

void draw_step_panel(AppState& state) {
  header(state);
  ImGui::Separator();
  expression(state);
  ImGui::Separator();
  terms_table(
      state, std::max(ImGui::GetContentRegionAvail().y, ImGui::GetTextLineHeightWithSpacing() * 3));
}

}  // namespace convviz::ui
