// The step panel: which output element this step computes, the textbook
// expression, sum + bias = result and the table of its products. Its layout
// holds still while the steps play: the header is laid out for the largest
// step number, the expression box is as tall as the step's whole expression,
// the sum line keeps room for its longer form, and the table's columns are
// sized to their content and narrowed until they fit the panel.
#include <imgui.h>

#include <algorithm>
#include <functional>
#include <optional>

#include "core/model/step_trace.h"
#include "ui/fine_step.h"
#include "ui/formula_lines.h"
#include "ui/panels.h"
#include "ui/step_table.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace convviz::ui {
namespace {

// "— output[n=0, c=0, y=1, x=4]", or in a narrower panel PyTorch's own
// indexing, "— output[0, 0, 1, 4]", or at the narrowest "output[0,0,1,4]".
enum class PositionForm { Named, Indices, Compact };
std::string position_text(const AppState& state, const OutputPosition& p, PositionForm form) {
  const bool named = form == PositionForm::Named;
  const auto part = [named](const char* name, int64_t value) {
    return (named ? std::string(name) + "=" : std::string()) + std::to_string(value);
  };
  const std::string comma = form == PositionForm::Compact ? "," : ", ";
  return std::string(form == PositionForm::Compact ? "" : "— ") + tr(state, S::OutputTensor) + "[" +
         part("n", p.n) + comma + part("c", p.c_out) + comma + part("y", p.y) + comma +
         part("x", p.x) + "]";
}

std::string step_text(const AppState& state, int64_t step, int64_t steps) {
  return step_words(state, S::StepOfTotal, step, steps);
}

// "Step 10 / 25 — output[…]" on one line, or the position on a second one,
// decided by the widest step and position of the layer (the digits of the
// UI font are all as wide), so the header keeps its lines during playback.
void header(AppState& state) {
  const StepTrace& t = state.trace;
  const Conv2dProblem spec = sliding_window(state.session.spec);
  const int64_t steps = step_count(spec);
  const Shape4 out = output_shape(spec);
  const OutputPosition last{out.n - 1, out.c - 1, out.h - 1, out.w - 1};
  const float room = ImGui::GetContentRegionAvail().x;
  const float widest_step = text_width(step_text(state, steps - 1, steps));
  PositionForm form = PositionForm::Compact;
  for (PositionForm f : {PositionForm::Indices, PositionForm::Named}) {
    if (text_width(position_text(state, last, f)) <= room) form = f;
  }
  const float widest_where = text_width(position_text(state, last, form));
  const float gap = ImGui::GetFontSize() * 0.5f;
  const bool one_line = widest_step + gap + widest_where <= room;
  ImGui::BeginGroup();
  const float left = ImGui::GetCursorPosX();
  ImGui::TextUnformatted(step_text(state, t.step, steps).c_str());
  if (one_line) {
    ImGui::SameLine();
    ImGui::SetCursorPosX(left + widest_step + gap);  // the position does not shift either
  }
  ImGui::TextUnformatted(position_text(state, t.position, form).c_str());
  if (spec.groups > 1) {
    ImGui::TextDisabled("%s %lld: c_in %lld..%lld", tr(state, S::Group), (long long)t.group,
                        (long long)t.c_in_begin, (long long)t.c_in_end - 1);
  }
  ImGui::EndGroup();
  remember_item(state, "step.header");
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += (text.empty() ? "" : "\n") + line;
  return text;
}

// Tracing every step to measure it stays quick up to this many products.
constexpr int64_t kMaxMeasuredProducts = 20000;

// The most lines `lines_of` gives over the layer's steps, or this step's
// when the steps are too many to trace.
int most_lines(const AppState& state, const std::function<int(const StepTrace&)>& lines_of) {
  const Session& s = state.session;
  const int64_t steps = step_count(s.spec);
  if (steps * int64_t(state.trace.terms.size()) > kMaxMeasuredProducts) {
    return lines_of(state.trace);
  }
  int most = 0;
  for (int64_t step = 0; step < steps; ++step) {
    most = std::max(most, lines_of(trace_step(s.spec, s.input, params_of(s), step)));
  }
  return most;
}

// A box's line count held steady during playback: the most over all steps,
// measured again when the layer, its values, the text or the panel's width
// change, and never fewer than it already showed.
int steady_lines(const AppState& state, const char* id, float width, int current,
                 const std::function<int(const StepTrace&)>& lines_of) {
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID lines_key = ImGui::GetID(id);
  const ImGuiID layout_key = ImGui::GetID((std::string(id) + "/layout").c_str());
  const std::string layout = std::to_string(width) + " " + std::to_string(ImGui::GetFontSize()) +
                             " " + std::to_string(state.undo_stack.size()) + " " +
                             std::to_string(state.redo_stack.size()) + " " +
                             std::to_string(int(state.view.language)) + " " +
                             std::to_string(step_count(state.session.spec));
  const int layout_id = int(ImGui::GetID(layout.c_str()));
  int lines = storage->GetInt(lines_key, 0);
  if (storage->GetInt(layout_key, 0) != layout_id) {
    lines = most_lines(state, lines_of);
    storage->SetInt(layout_key, layout_id);
  }
  lines = std::max(lines, current);
  storage->SetInt(lines_key, lines);
  return lines;
}

int line_count(const std::string& text, float width) {
  return int(formula_lines(text, width, text_width).size());
}

// The expression so far (the products one by one in fine steps) in a box as
// tall as the longest expression of the layer, so it neither grows product
// by product nor changes from step to step; it scrolls when the products
// are many.
struct ExpressionLayout {
  ImFont* font = nullptr;
  float width = 0;
  std::vector<std::string> lines;
  int reserved = 0;  // lines the box keeps room for
};

ExpressionLayout expression_layout(const AppState& state, ImFont* font, const char* id,
                                   const std::string& text) {
  ImGui::PushFont(font);
  ExpressionLayout layout;
  layout.font = font;
  layout.width = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize;
  layout.lines = formula_lines(text, layout.width, text_width);
  layout.reserved = steady_lines(
      state, id, layout.width, int(layout.lines.size()),
      [&](const StepTrace& step) { return line_count(step.expression, layout.width); });
  ImGui::PopFont();
  return layout;
}

// The expression so far (the products one by one in fine steps) in a box as
// tall as the longest expression of the layer, so it neither grows product
// by product nor changes from step to step; in the larger font when that
// fits `max_height`. The box shows whole lines and scrolls when the
// products are many.
void expression(AppState& state, const FineStep& fine, float max_height) {
  const StepTrace& t = state.trace;
  const std::string text = !fine.partial       ? t.expression
                           : fine.products > 0 ? partial_expression(t, fine.products) + "+…"
                                               : "…";
  const float padding = 2.0f;  // the box shows whole lines, not a sliver of the next
  ExpressionLayout layout =
      expression_layout(state, state.fonts.mono_medium, "##expression_medium", text);
  if (float(layout.reserved) * state.fonts.mono_medium->FontSize + padding > max_height) {
    layout = expression_layout(state, state.fonts.mono, "##expression_small", text);
  }
  ImGui::PushFont(layout.font);
  const float line = ImGui::GetFontSize();
  const int fitting = std::max(1, int((max_height - padding) / line));
  const float height = float(std::min(layout.reserved, fitting)) * line + padding;
  ImGui::BeginChild("##expression", ImVec2(0, height));
  state.item_texts["step.expression"] = joined(layout.lines);
  ImGui::TextUnformatted(state.item_texts["step.expression"].c_str());
  if (fine.partial && layout.reserved > fitting) ImGui::SetScrollHereY(1.0f);  // the newest
  ImGui::EndChild();
  ImGui::PopFont();
  remember_item(state, "step.expression");
}

// "running sum = 7  (5 / 9 products)", the count kept on one line with
// no-break spaces.
std::string running_sum_text(const AppState& state, const FineStep& fine) {
  const std::string space = "\u00a0";
  return std::string(tr(state, S::RunningSum)) + " = " + format_number(fine.running_sum) + "  (" +
         std::to_string(fine.products) + space + "/" + space + std::to_string(fine.terms) + space +
         tr(state, S::ProductsShown) + ")";
}

// "sum + bias = result:  8 + 1 = 9", negatives in parentheses as in the
// expression; without a bias just the sum.
std::string result_text(const AppState& state, const StepTrace& t) {
  const std::string b = format_number(t.bias);
  const std::string sum = tr(state, S::Sum), result = tr(state, S::Result);
  if (!t.has_bias) return sum + " = " + result + ":  " + format_number(t.result);
  return sum + " + " + tr(state, S::Bias) + " = " + result + ":  " + format_number(t.sum) + " + " +
         (b[0] == '-' ? "(" + b + ")" : b) + " = " + format_number(t.result);
}

// The sum line, wrapped between words and terms; in fine steps with room
// for the longer of its two forms, so the table below does not move when
// the last product turns the running sum into the result.
struct SumLine {
  std::string text;
  int reserved_lines = 0;
};

SumLine sum_line(const AppState& state, const FineStep& fine) {
  const float width = ImGui::GetContentRegionAvail().x;
  const std::vector<std::string> running =
      formula_lines(running_sum_text(state, fine), width, text_width);
  const std::vector<std::string> result =
      formula_lines(result_text(state, state.trace), width, text_width);
  const int current =
      int(state.view.fine_steps ? std::max(running.size(), result.size()) : result.size());
  const int reserved = steady_lines(state, "##sum_lines", width, current, [&](const StepTrace& t) {
    return line_count(result_text(state, t), width);
  });
  return {joined(fine.partial ? running : result), reserved};
}

float height_of(const SumLine& sum) {
  return float(sum.reserved_lines) * ImGui::GetFontSize() + ImGui::GetStyle().ItemSpacing.y;
}

void draw_sum_line(AppState& state, const SumLine& sum) {
  const ImVec2 start = ImGui::GetCursorScreenPos();
  ImGui::TextUnformatted(sum.text.c_str());
  ImGui::SetCursorScreenPos(start);
  ImGui::Dummy(ImVec2(1, float(sum.reserved_lines) * ImGui::GetFontSize()));
  state.item_texts["step.sum"] = sum.text;
}

// The table's header and a few products stay in view however tall the
// expression is.
float least_table_height() {
  const ImGuiStyle& style = ImGui::GetStyle();
  return 4 * (ImGui::GetTextLineHeight() + 2 * style.CellPadding.y) + style.ItemSpacing.y;
}

}  // namespace

void draw_step_panel(AppState& state) {
  const DimmedWhileInvalid dimmed(state, "step.last_valid");
  const FineStep fine = fine_step(state.trace, state.view.fine_steps, state.products_shown);
  header(state);
  ImGui::Separator();
  const SumLine sum = sum_line(state, fine);
  const float separator = ImGui::GetStyle().ItemSpacing.y;
  expression(state, fine,
             ImGui::GetContentRegionAvail().y - height_of(sum) - separator - least_table_height());
  draw_sum_line(state, sum);
  ImGui::Separator();
  draw_terms_table(
      state, fine,
      std::max(ImGui::GetContentRegionAvail().y, ImGui::GetTextLineHeightWithSpacing() * 3));
}

}  // namespace convviz::ui
