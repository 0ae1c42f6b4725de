// The side panel: presets, the input's size, every nn.Conv2d parameter, the
// live output-shape formula and the equivalent PyTorch line.
#include <imgui.h>

#include <numeric>

#include "core/lesson/presets.h"
#include "core/model/spec_text.h"
#include "ui/edits.h"
#include "ui/panels.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace convviz::ui {
namespace {

constexpr int64_t kMaxGrid = 32;  // editable grids up to 32×32
constexpr int64_t kMaxChannels = 16;

std::string current_preset_name(const AppState& state) {
  for (const Preset& p : presets()) {
    Session s = p.session;
    s.step = state.session.step;
    if (s == state.session) return preset_title(state, p);
  }
  return "-";
}

void preset_combo(AppState& state) {
  row_label(tr(state, S::Preset));
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##preset", current_preset_name(state).c_str())) {
    for (const Preset& p : presets()) {
      if (ImGui::Selectable(preset_title(state, p).c_str()))
        apply(state, ReplaceSession{p.session});
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", preset_about(state, p).c_str());
    }
    ImGui::EndCombo();
  }
}

// One int64 parameter on a slider; returns true when it changed.
bool scalar_row(AppState& state, S name, const char* id, int64_t& value, int64_t max) {
  row_label(tr(state, name));
  const bool changed = int_slider(id, value, 1, max, -1);
  remember_item(state, std::string("param.") + (id + 2));
  note_drag(state);
  return changed;
}

// An (h, w) pair: while `square` is on one slider sets both (as PyTorch's
// single int does), else two side by side; the checkbox after them links
// them again.
bool pair_row(AppState& state, S name, const char* id, Pair& pair, int64_t min, int64_t max,
              bool& square) {
  row_label(tr(state, name));
  const ImGuiStyle& style = ImGui::GetStyle();
  const float lock = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x +
                     ImGui::CalcTextSize(tr(state, S::Square)).x + style.ItemSpacing.x;
  // Large text in a narrow panel: the checkbox goes under the fields.
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool lock_beside = avail - lock >= ImGui::GetFontSize() * 4;
  const float room = lock_beside ? avail - lock : avail;
  const std::string item = std::string("param.") + id;
  ImGui::PushID(id);
  bool changed = false;
  if (square) {
    changed = int_slider("##hw", pair.h, min, max, room);
    remember_item(state, item);
    remember_item(state, item + ".h");  // it sets the height (and the width)
    note_drag(state);
    if (changed) pair.w = pair.h;
  } else {
    const float half = (room - style.ItemSpacing.x) / 2;
    changed = int_slider("##h", pair.h, min, max, half);
    remember_item(state, item + ".h");
    note_drag(state);
    ImGui::SameLine();
    changed |= int_slider("##w", pair.w, min, max, half);
    remember_item(state, item + ".w");
    note_drag(state);
  }
  if (lock_beside) ImGui::SameLine();
  if (ImGui::Checkbox(tr(state, S::Square), &square) && square && pair.w != pair.h) {
    pair.w = pair.h;
    changed = true;
  }
  remember_item(state, item + ".square");
  ImGui::PopID();
  return changed;
}

bool padding_rows(AppState& state, Conv2dProblem& d) {
  // 'same' and 'valid' show what they resolve to; moving a slider goes back
  // to explicit numbers.
  const SidePadding resolved = side_padding(d);
  Pair shown =
      d.padding_preset == PaddingPreset::Explicit ? d.padding : Pair{resolved.top, resolved.left};
  // F.pad crops with a negative amount, so every mode but zeros (where
  // F.conv2d refuses it) slides below 0.
  const int64_t lowest = d.padding_mode == PaddingMode::Zeros ? 0 : -4;
  bool changed = pair_row(state, S::Padding, "padding", shown, lowest, 8, state.padding_square);
  if (changed) {
    d.padding = shown;
    d.padding_preset = PaddingPreset::Explicit;
  }
  row_label("");
  for (auto [preset, text] :
       {std::pair{PaddingPreset::Same, "'same'"}, std::pair{PaddingPreset::Valid, "'valid'"}}) {
    const bool active = d.padding_preset == preset;
    if (active)
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(text)) {
      d.padding_preset = active ? PaddingPreset::Explicit : preset;
      changed = true;
    }
    remember_item(state, std::string("param.padding.") + (text + 1));
    if (active) ImGui::PopStyleColor();
    ImGui::SameLine();
  }
  ImGui::NewLine();
  row_label(tr(state, S::PaddingMode));
  ImGui::SetNextItemWidth(-1);
  const std::string mode(padding_mode_name(d.padding_mode));
  if (ImGui::BeginCombo("##padding_mode", mode.c_str())) {
    for (PaddingMode m : {PaddingMode::Zeros, PaddingMode::Reflect, PaddingMode::Replicate,
                          PaddingMode::Circular}) {
      if (ImGui::Selectable(std::string(padding_mode_name(m)).c_str(), m == d.padding_mode)) {
        changed |= m != d.padding_mode;
        d.padding_mode = m;
      }
    }
    ImGui::EndCombo();
  }
  remember_item(state, "param.padding_mode");
  return changed;
}

// Offers only the divisors of both channel counts, and a field to type any
// value, so a student can try an invalid one and read why.
bool groups_row(AppState& state, Conv2dProblem& d) {
  row_label(tr(state, S::Groups));
  bool changed = false;
  const int64_t common =
      std::gcd(std::max<int64_t>(d.in_channels, 1), std::max<int64_t>(d.out_channels, 1));
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  ImGui::SetNextItemWidth(half);
  if (ImGui::BeginCombo("##groups_combo", std::to_string(d.groups).c_str())) {
    for (int64_t g = 1; g <= common; ++g) {
      if (common % g != 0) continue;
      if (ImGui::Selectable(std::to_string(g).c_str(), g == d.groups)) {
        changed |= g != d.groups;
        d.groups = g;
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(half);
  int64_t typed = d.groups;
  if (ImGui::InputScalar("##groups", ImGuiDataType_S64, &typed, nullptr, nullptr, "%lld",
                         ImGuiInputTextFlags_EnterReturnsTrue)) {
    changed |= typed != d.groups;
    d.groups = typed;
  }
  remember_item(state, "param.groups");
  return changed;
}

void output_shape_section(AppState& state) {
  ImGui::Spacing();
  ImGui::TextUnformatted(tr(state, S::OutputShape));
  ImGui::Separator();
  const Conv2dProblem d = sliding_window(state.draft);
  const bool fine = state.draft_errors.empty();
  for (Axis axis : {Axis::Height, Axis::Width}) {
    ImGui::TextWrapped("%s", output_size_formula(d, axis).c_str());
  }
  if (fine) {
    const Shape4 o = output_shape(state.draft);
    ImGui::Text("[N, C_out, H_out, W_out] = [%lld, %lld, %lld, %lld]", (long long)o.n,
                (long long)o.c, (long long)o.h, (long long)o.w);
  }
  ImGui::Spacing();
  ImGui::TextUnformatted(tr(state, S::PyTorchLine));
  ImGui::Separator();
  const std::string line = module_code(state.draft);
  ImGui::PushFont(state.fonts.mono);
  ImGui::TextWrapped("%s", line.c_str());
  ImGui::PopFont();
  if (ImGui::Button(tr(state, S::Copy))) {
    ImGui::SetClipboardText(line.c_str());
    state.status = said(S::Copied);
  }
  remember_item(state, "param.copy");
}

}  // namespace

void draw_parameters_panel(AppState& state) {
  float widest = 0;
  for (S name :
       {S::Preset, S::Batch, S::Channels, S::Height, S::Width, S::OutChannels, S::Kernel, S::Stride,
        S::Padding, S::PaddingMode, S::Dilation, S::Groups, S::Bias, S::KernelPick}) {
    widest = std::max(widest, ImGui::CalcTextSize(tr(state, name)).x);
  }
  set_label_column(widest + ImGui::GetStyle().ItemSpacing.x * 2);
  preset_combo(state);
  // Conv2d's arguments; other layers will have their own section here.
  Conv2dProblem d = sliding_window(state.draft);
  bool changed = false;

  ImGui::Spacing();
  ImGui::TextUnformatted(tr(state, S::SectionInput));
  ImGui::Separator();
  if (state.picture.open()) {
    // The picture fixes the batch and the channels; height and width are
    // the grid's size on it.
    draw_picture_choices(state);
  } else {
    changed |= scalar_row(state, S::Batch, "##batch", d.batch, 4);
    field_errors(state, "batch");
    changed |= scalar_row(state, S::Channels, "##in_channels", d.in_channels, kMaxChannels);
    field_errors(state, "in_channels");
  }
  changed |= scalar_row(state, S::Height, "##height", d.height, kMaxGrid);
  field_errors(state, "height");
  changed |= scalar_row(state, S::Width, "##width", d.width, kMaxGrid);
  field_errors(state, "width");

  ImGui::Spacing();
  ImGui::TextUnformatted(tr(state, S::SectionLayer));
  ImGui::Separator();
  changed |= scalar_row(state, S::OutChannels, "##out_channels", d.out_channels, kMaxChannels);
  field_errors(state, "out_channels");
  changed |= pair_row(state, S::Kernel, "kernel", d.kernel_size, 1, 9, state.kernel_square);
  field_errors(state, "kernel_size");
  if (state.picture.open()) draw_kernel_choice(state);
  changed |= pair_row(state, S::Stride, "stride", d.stride, 1, 8, state.stride_square);
  field_errors(state, "stride");
  changed |= padding_rows(state, d);
  field_errors(state, "padding");
  changed |= pair_row(state, S::Dilation, "dilation", d.dilation, 1, 8, state.dilation_square);
  field_errors(state, "dilation");
  changed |= groups_row(state, d);
  field_errors(state, "groups");
  row_label(tr(state, S::Bias));
  changed |= ImGui::Checkbox("##bias", &d.bias);
  remember_item(state, "param.bias");

  if (changed) apply(state, SetSpec{layer_of(d)});
  output_shape_section(state);
}

}  // namespace convviz::ui
