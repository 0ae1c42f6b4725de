#include "ui/export_view.h"

#include <imgui.h>

#include <cstdio>

#include "core/spec_text.h"
#include "ui/edits.h"
#include "ui/panels.h"
#include "ui/strings.h"
#include "ui/theme.h"

namespace convviz::ui {
namespace {

std::string pair_name(const Pair& p) {
  return p.h == p.w ? std::to_string(p.h) : std::to_string(p.h) + "x" + std::to_string(p.w);
}

void text_band(AppState& state) {
  const StepTrace& t = state.trace;
  const OutputPosition& p = t.position;
  ImGui::Text("%s %lld / %lld  —  output[n=%lld, c=%lld, y=%lld, x=%lld]", tr(state, S::StepOf),
              (long long)t.step + 1, (long long)step_count(state.session.spec), (long long)p.n,
              (long long)p.c_out, (long long)p.y, (long long)p.x);
  ImGui::PushFont(state.fonts.mono_medium);
  ImGui::TextWrapped("%s", t.expression.c_str());
  ImGui::PopFont();
  const OpCounts& ops = state.ops;
  ImGui::TextWrapped("%s %s · %s %s · %s %s · %s %s", with_thousands(ops.multiplications).c_str(),
                     tr(state, S::Multiplications), with_thousands(ops.additions).c_str(),
                     tr(state, S::Additions), with_thousands(ops.params).c_str(),
                     tr(state, S::Params), tr(state, S::OutputShape),
                     shape_text(to_vector(output_shape(state.session.spec))).c_str());
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
  if (ImGui::Begin("##export", nullptr, flags)) {
    refresh(state);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float band = options.with_text ? ImGui::GetTextLineHeightWithSpacing() * 5.5f : 0.0f;
    draw_canvas_scene(
        state, Rect{origin.x, origin.y, origin.x + avail.x, origin.y + avail.y - band}, false);
    if (options.with_text) {
      ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + avail.y - band));
      text_band(state);
    }
  }
  ImGui::End();
}

std::string export_file_name(const ConvSpec& spec, int64_t step, const std::string& extension) {
  char number[32];
  std::snprintf(number, sizeof number, "%03lld", (long long)step + 1);
  std::string padding = pair_name(spec.padding);
  if (spec.padding_preset == PaddingPreset::Same) padding = "same";
  if (spec.padding_preset == PaddingPreset::Valid) padding = "valid";
  return "conv_k" + pair_name(spec.kernel_size) + "_s" + pair_name(spec.stride) + "_p" + padding +
         "_step" + number + "." + extension;
}

}  // namespace convviz::ui
