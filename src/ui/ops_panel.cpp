// Operation counts with their formulas filled in, the grouped layer beside
// the same layer with groups = 1, and the engine's time.
#include <imgui.h>

#include "core/engine/conv_plan.h"
#include "core/engine/engine_kernels.h"
#include "core/model/op_counts.h"
#include "core/model/spec_text.h"
#include "ui/panels.h"
#include "ui/strings.h"
#include "ui/widgets.h"

namespace convviz::ui {
namespace {

std::string dot(std::initializer_list<int64_t> factors) {
  std::string text;
  for (int64_t f : factors) text += (text.empty() ? "" : "·") + std::to_string(f);
  return text;
}

// "multiplications   225" with its formula under it, dimmed and wrapped.
void count_row(const char* name, int64_t value, const std::string& formula, float value_x) {
  ImGui::TextUnformatted(name);
  ImGui::SameLine(value_x);
  ImGui::TextUnformatted(with_thousands(value).c_str());
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::Indent();
  ImGui::TextWrapped("%s", formula.c_str());
  ImGui::Unindent();
  ImGui::PopStyleColor();
}

}  // namespace

void draw_ops_panel(AppState& state) {
  const DimmedWhileInvalid dimmed(state, "ops.last_valid");
  const Conv2dProblem s = sliding_window(state.session.spec);
  const OpCounts& ops = state.ops;
  const Shape4 o = output_shape(s);
  const int64_t ipg = in_channels_per_group(s), kh = s.kernel_size.h, kw = s.kernel_size.w;
  const bool bias = s.bias;
  const std::string mults = tr(state, S::Multiplications), adds = tr(state, S::Additions);
  float value_x = 0;
  for (S name :
       {S::Multiplications, S::Additions, S::Macs, S::Flops, S::Params, S::OutputElements}) {
    value_x = std::max(value_x, ImGui::CalcTextSize(tr(state, name)).x);
  }
  value_x += ImGui::GetStyle().WindowPadding.x + ImGui::GetFontSize();
  ImGui::BeginGroup();
  count_row(mults.c_str(), ops.multiplications,
            "N·C_out·H_out·W_out·(C_in/groups)·kh·kw = " + dot({o.n, o.c, o.h, o.w, ipg, kh, kw}),
            value_x);
  count_row(adds.c_str(), ops.additions,
            dot({o.n, o.c, o.h, o.w}) + "·(" + dot({ipg, kh, kw}) + " − 1" + (bias ? " + 1)" : ")"),
            value_x);
  count_row(tr(state, S::Macs), ops.macs, "= " + mults, value_x);
  count_row(tr(state, S::Flops), ops.flops, mults + " + " + adds, value_x);
  count_row(
      tr(state, S::Params), ops.params,
      dot({s.out_channels, ipg, kh, kw}) + (bias ? " + " + std::to_string(s.out_channels) : ""),
      value_x);
  count_row(tr(state, S::OutputElements), ops.output_elements, dot({o.n, o.c, o.h, o.w}), value_x);
  ImGui::EndGroup();
  remember_item(state, "ops.table");
  if (s.groups > 1) {
    Conv2dProblem dense = s;
    dense.groups = 1;
    const OpCounts dense_ops = count_ops(dense);
    ImGui::Separator();
    ImGui::TextWrapped(
        "%s: %s %s  →  %lld× %s", tr(state, S::WithGroupsOne),
        with_thousands(dense_ops.multiplications).c_str(), mults.c_str(),
        (long long)(dense_ops.multiplications / std::max<int64_t>(ops.multiplications, 1)),
        tr(state, S::TimesFewer));
    remember_item(state, "ops.groups");
  }
  // The engine's own account of the work: which algorithm, SIMD target and
  // threads gave the time, so the number can be compared with a benchmark.
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s %.3f ms (%s, %s, %d %s)", tr(state, S::EngineTime), state.engine_ms,
                     std::string(algorithm_name(state.engine_plan.algorithm)).c_str(),
                     simd_target_name(), state.engine_plan.threads,
                     tr(state, state.engine_plan.threads == 1 ? S::Thread : S::Threads));
  ImGui::PopStyleColor();
  remember_item(state, "ops.engine");
}

}  // namespace convviz::ui
