// Playback controls: first / previous / play-pause / next / last, the step
// slider, the speed, and the teaching toggles.
#include <imgui.h>

#include "ui/edits.h"
#include "ui/panels.h"
#include "ui/strings.h"
#include "ui/widgets.h"

namespace convviz::ui {
namespace {

bool button(AppState& state, S name, const char* id) {
  const bool pressed = ImGui::Button(label(state, name, id).c_str());
  remember_item(state, std::string("transport.") + id);
  ImGui::SameLine();
  return pressed;
}

int64_t products_in_step(const AppState& state) { return int64_t(state.trace.terms.size()); }

}  // namespace

int transport_rows(const AppState& state, float width) {
  if (state.transport_compact) return 1;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float box = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x;
  const float second_row = ImGui::GetFontSize() * 7 + ImGui::CalcTextSize(tr(state, S::Speed)).x +
                           2 * box + ImGui::CalcTextSize(tr(state, S::Reveal)).x +
                           ImGui::CalcTextSize(tr(state, S::FineSteps)).x +
                           4 * style.ItemSpacing.x + style.WindowPadding.x;
  return second_row <= width ? 2 : 3;
}

void step_forward(AppState& state) {
  if (state.view.fine_steps && state.products_shown < products_in_step(state)) {
    ++state.products_shown;
    return;
  }
  const int64_t last = step_count(state.session.spec) - 1;
  if (state.session.step >= last) {
    state.playing = false;
    return;
  }
  apply(state, SetStep{state.session.step + 1});
}

void step_back(AppState& state) {
  if (state.view.fine_steps && state.products_shown > 0) {
    --state.products_shown;
    return;
  }
  if (state.session.step == 0) return;
  apply(state, SetStep{state.session.step - 1});
  refresh(state);
  if (state.view.fine_steps) state.products_shown = products_in_step(state);
}

void advance_playback(AppState& state, double seconds) {
  if (!state.playing) {
    state.play_accumulator = 0.0;
    return;
  }
  state.play_accumulator += seconds;
  const double period = 1.0 / std::max(0.1f, state.view.steps_per_second);
  while (state.playing && state.play_accumulator >= period) {
    state.play_accumulator -= period;
    step_forward(state);
    refresh(state);
  }
}

namespace {

// The speed, reveal and one-multiplication-at-a-time choices: the second
// row of playback, or a popup when playback is folded into one row.
void playback_options(AppState& state) {
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  ImGui::SliderFloat(tr(state, S::Speed), &state.view.steps_per_second, 0.25f, 20.0f, "%.2g",
                     ImGuiSliderFlags_Logarithmic);
  const float box = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
  same_line_if_fits(box + ImGui::CalcTextSize(tr(state, S::Reveal)).x);
  ImGui::Checkbox(tr(state, S::Reveal), &state.view.reveal_outputs);
  remember_item(state, "transport.reveal");
  same_line_if_fits(box + ImGui::CalcTextSize(tr(state, S::FineSteps)).x);
  if (ImGui::Checkbox(tr(state, S::FineSteps), &state.view.fine_steps)) {
    state.products_shown = state.view.fine_steps ? 0 : products_in_step(state);
  }
  remember_item(state, "transport.fine");
}

}  // namespace

void draw_transport(AppState& state) {
  const int64_t steps = step_count(state.session.spec);
  if (button(state, S::First, "first")) apply(state, SetStep{0});
  if (button(state, S::Previous, "previous")) step_back(state);
  if (button(state, state.playing ? S::Pause : S::Play, "play")) {
    if (!state.playing && state.session.step >= steps - 1) apply(state, SetStep{0});
    state.playing = !state.playing;
  }
  if (button(state, S::Next, "next")) step_forward(state);
  if (button(state, S::Last, "last")) apply(state, SetStep{steps - 1});

  if (state.transport_compact) {
    if (button(state, S::PlaybackOptions, "options")) ImGui::OpenPopup("##playback_options");
    if (ImGui::BeginPopup("##playback_options")) {
      playback_options(state);
      ImGui::EndPopup();
    }
  }
  int64_t shown = state.session.step + 1;
  const int64_t one = 1;
  ImGui::SetNextItemWidth(std::max(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 6));
  if (ImGui::SliderScalar("##step", ImGuiDataType_S64, &shown, &one, &steps, "%lld")) {
    apply(state, SetStep{shown - 1});
  }
  remember_item(state, "transport.slider");
  if (!state.transport_compact) playback_options(state);
}

}  // namespace convviz::ui
