#include "ui/export_view.h"

#include <imgui.h>

#include <cstdio>

#include "core/model/spec_text.h"
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

// "[1, 1, 5, 5] → [1, 1, 5, 5]": the input's and the output's shapes.
std::string shapes_text(const LayerSpec& spec) {
  return shape_text(to_vector(input_shape(spec))) + " → " +
         shape_text(to_vector(output_shape(spec)));
}

// The slide's text: the layer as PyTorch code with its input and output
// shapes, which step and output element, the step's expression (wrapped
// between terms) and the op counts; measured first so the canvas leaves
// them the room they need.
struct TextBand {
  std::string code, header, expression, counts;
  ImFont* expression_font = nullptr;
  float height = 0;
};

TextBand text_band(const AppState& state, float width, float max_height) {
  const StepTrace& t = state.trace;
  const OpCounts& ops = state.ops;
  TextBand band;
  const float spacing = ImGui::GetStyle().ItemSpacing.y;
  ImGui::PushFont(state.fonts.mono);
  band.code = slide_code_line(state);
  // A long layer puts its shapes on a line of their own rather than wrap
  // inside "[1, 1, 5, 5]".
  if (ImGui::CalcTextSize(band.code.c_str()).x > width) {
    band.code = module_code(state.session.spec) + "\n" + shapes_text(state.session.spec);
  }
  const float code = ImGui::CalcTextSize(band.code.c_str(), nullptr, false, width).y;
  ImGui::PopFont();
  band.header = slide_step_line(state);
  band.counts = with_thousands(ops.multiplications) + " " + tr(state, S::Multiplications) + " · " +
                with_thousands(ops.additions) + " " + tr(state, S::Additions) + " · " +
                with_thousands(ops.params) + " " + tr(state, S::Params);
  const float plain = code + ImGui::CalcTextSize(band.header.c_str()).y +
                      ImGui::CalcTextSize(band.counts.c_str(), nullptr, false, width).y +
                      4 * spacing;
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

void draw_text_band(AppState& state, const TextBand& band) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::PushFont(state.fonts.mono);
  ImGui::TextUnformatted(band.code.c_str());
  ImGui::PopFont();
  remember_item(state, "export.text.code");
  ImGui::TextUnformatted(band.header.c_str());
  remember_item(state, "export.text.step");
  ImGui::PushFont(band.expression_font);
  ImGui::TextUnformatted(band.expression.c_str());
  ImGui::PopFont();
  remember_item(state, "export.text.expression");
  ImGui::TextUnformatted(band.counts.c_str());
  remember_item(state, "export.text.counts");
  ImGui::PopTextWrapPos();
}

}  // namespace

std::string slide_code_line(const AppState& state) {
  return module_code(state.session.spec) + "   " + shapes_text(state.session.spec);
}

std::string slide_step_line(const AppState& state) {
  const StepTrace& t = state.trace;
  const OutputPosition& p = t.position;
  return step_words(state, S::StepNOfTotal, t.step, step_count(state.session.spec)) + "  —  " +
         tr(state, S::OutputTensor) + "[n=" + std::to_string(p.n) +
         ", c=" + std::to_string(p.c_out) + ", y=" + std::to_string(p.y) +
         ", x=" + std::to_string(p.x) + "]";
}

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
      draw_text_band(state, band);
    }
  }
  ImGui::End();
}

std::string export_stem(const LayerSpec& layer) {
  const Conv2dProblem spec = sliding_window(layer);
  std::string padding = pair_name(spec.padding);
  if (spec.padding_preset == PaddingPreset::Same) padding = "same";
  if (spec.padding_preset == PaddingPreset::Valid) padding = "valid";
  // k, s and p always, as the textbook names them; then only what differs
  // from nn.Conv2d's defaults, so two lessons never share a name.
  std::string stem =
      "conv_k" + pair_name(spec.kernel_size) + "_s" + pair_name(spec.stride) + "_p" + padding;
  if (spec.padding_mode != PaddingMode::Zeros)
    stem += "_" + std::string(padding_mode_name(spec.padding_mode));
  if (spec.dilation != Pair{1, 1}) stem += "_d" + pair_name(spec.dilation);
  if (spec.groups != 1) stem += "_g" + std::to_string(spec.groups);
  if (!spec.bias) stem += "_nobias";
  if (spec.in_channels != 1 || spec.out_channels != 1) {
    stem += "_c" + std::to_string(spec.in_channels) + "to" + std::to_string(spec.out_channels);
  }
  if (spec.batch != 1) stem += "_n" + std::to_string(spec.batch);
  // The input's size is no nn.Conv2d field, but lessons differ by it (sobel-x
  // is torch-ones' layer on 6x6); 5x5, where every lesson starts, is left out.
  if (spec.height != 5 || spec.width != 5) {
    stem += "_in" + std::to_string(spec.height) + "x" + std::to_string(spec.width);
  }
  return stem;
}

std::string export_file_name(const LayerSpec& spec, int64_t step, const std::string& extension) {
  // At least three digits, more when there are more steps, so names sort.
  const size_t digits = std::max<size_t>(3, std::to_string(step_count(spec)).size());
  std::string number = std::to_string(step + 1);
  number.insert(0, digits > number.size() ? digits - number.size() : 0, '0');
  return export_stem(spec) + "_step" + number + "." + extension;
}

}  // namespace convviz::ui
