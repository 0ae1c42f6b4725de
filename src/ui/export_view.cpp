#include "ui/export_view.h"

#include <imgui.h>

#include <cstdio>

#include "core/spec_text.h"
#include "ui/edits.h"
#include "ui/panels.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace convviz::ui {
namespace {

std::string pair_name(const Pair& p) {
  return p.h == p.w ? std::to_string(p.h) : std::to_string(p.h) + "x" + std::to_string(p.w);
}

// The step's header, its expression (wrapped between terms) and the op
// counts, measured first so the canvas leaves them the room they need.
struct TextBand {
  std::string header, expression, counts;
  ImFont* expression_font = nullptr;
  float height = 0;
};

TextBand text_band(const AppState& state, float width, float max_height) {
  const StepTrace& t = state.trace;
  const OutputPosition& p = t.position;
  const OpCounts& ops = state.ops;
  TextBand band;
  band.header = std::string(tr(state, S::StepOf)) + " " + std::to_string(t.step + 1) + " / " +
                std::to_string(step_count(state.session.spec)) +
                "  —  output[n=" + std::to_string(p.n) + ", c=" + std::to_string(p.c_out) +
                ", y=" + std::to_string(p.y) + ", x=" + std::to_string(p.x) + "]";
  band.counts = with_thousands(ops.multiplications) + " " + tr(state, S::Multiplications) + " · " +
                with_thousands(ops.additions) + " " + tr(state, S::Additions) + " · " +
                with_thousands(ops.params) + " " + tr(state, S::Params) + " · " +
                tr(state, S::OutputShape) + " " +
                shape_text(to_vector(output_shape(state.session.spec)));
  const float spacing = ImGui::GetStyle().ItemSpacing.y;
  const float plain = ImGui::CalcTextSize(band.header.c_str()).y +
                      ImGui::CalcTextSize(band.counts.c_str(), nullptr, false, width).y +
                      3 * spacing;
  // The larger expression font when it fits; long sums take the smaller one.
  for (ImFont* font : {state.fonts.mono_medium, state.fonts.mono}) {
    ImGui::PushFont(font);
    band.expression = wrapped_expression(t.expression, width);
    const float expression = ImGui::CalcTextSize(band.expression.c_str()).y;
    ImGui::PopFont();
    band.expression_font = font;
    band.height = plain + expression;
    if (band.height <= max_height) break;
  }
  band.height = std::min(band.height, max_height);
  return band;
}

void draw_text_band(const TextBand& band) {
  ImGui::TextUnformatted(band.header.c_str());
  ImGui::PushFont(band.expression_font);
  ImGui::TextUnformatted(band.expression.c_str());
  ImGui::PopFont();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(band.counts.c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace

AppState export_state(const AppState& base, int64_t step, const ExportOptions& options) {
  AppState state = make_app_state(base.session);
  state.view = base.view;
  state.view.theme = options.theme;
  state.view.reveal_outputs = options.reveal_outputs;
  state.view.fine_steps = false;
  apply(state, SetStep{step});
  refresh(state);
  return state;
}

void draw_export_view(AppState& state, const ExportOptions& options) {
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);  // no frame around the picture
  const bool open = ImGui::Begin("##export", nullptr, flags);
  ImGui::PopStyleVar();
  if (open) {
    refresh(state);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const TextBand band =
        options.with_text ? text_band(state, avail.x, avail.y * 0.5f) : TextBand{};
    draw_canvas_scene(
        state, Rect{origin.x, origin.y, origin.x + avail.x, origin.y + avail.y - band.height},
        false);
    if (options.with_text) {
      ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + avail.y - band.height));
      draw_text_band(band);
    }
  }
  ImGui::End();
}

std::string export_file_name(const ConvSpec& spec, int64_t step, const std::string& extension) {
  // At least three digits, more when there are more steps, so names sort.
  const size_t digits = std::max<size_t>(3, std::to_string(step_count(spec)).size());
  std::string number = std::to_string(step + 1);
  number.insert(0, digits > number.size() ? digits - number.size() : 0, '0');
  std::string padding = pair_name(spec.padding);
  if (spec.padding_preset == PaddingPreset::Same) padding = "same";
  if (spec.padding_preset == PaddingPreset::Valid) padding = "valid";
  return "conv_k" + pair_name(spec.kernel_size) + "_s" + pair_name(spec.stride) + "_p" + padding +
         "_step" + number + "." + extension;
}

}  // namespace convviz::ui
