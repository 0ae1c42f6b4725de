// Operation counts with their formulas filled in, the grouped layer beside
// the same layer with groups = 1, and the engine's time.
#include <imgui.h>

#include "core/op_counts.h"
#include "core/spec_text.h"
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

void count_row(const char* name, int64_t value, const std::string& formula) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(name);
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(with_thousands(value).c_str());
  ImGui::TableNextColumn();
  ImGui::TextWrapped("%s", formula.c_str());
}

}  // namespace

void draw_ops_panel(AppState& state) {
  const ConvSpec& s = state.session.spec;
  const OpCounts& ops = state.ops;
  const Shape4 o = output_shape(s);
  const int64_t ipg = in_channels_per_group(s), kh = s.kernel_size.h, kw = s.kernel_size.w;
  const int64_t bias = s.bias ? 1 : 0;
  if (ImGui::BeginTable("##ops", 3, ImGuiTableFlags_SizingStretchProp)) {
    count_row(tr(state, S::Multiplications), ops.multiplications,
              "= " + dot({o.n, o.c, o.h, o.w, ipg, kh, kw}));
    count_row(tr(state, S::Additions), ops.additions,
              "= " + dot({o.n, o.c, o.h, o.w}) + "·(" + dot({ipg, kh, kw}) + " − 1" +
                  (bias ? " + 1)" : ")"));
    count_row(tr(state, S::Macs), ops.macs, "= multiplications");
    count_row(tr(state, S::Flops), ops.flops, "= multiplications + additions");
    count_row(tr(state, S::Params), ops.params,
              "= " + dot({s.out_channels, ipg, kh, kw}) +
                  (bias ? " + " + std::to_string(s.out_channels) : ""));
    count_row(tr(state, S::OutputElements), ops.output_elements, "= " + dot({o.n, o.c, o.h, o.w}));
    ImGui::EndTable();
  }
  remember_item(state, "ops.table");
  if (s.groups > 1) {
    ConvSpec dense = s;
    dense.groups = 1;
    const OpCounts dense_ops = count_ops(dense);
    ImGui::Text("%s: %s %s  →  %lld× %s", tr(state, S::WithGroupsOne),
                with_thousands(dense_ops.multiplications).c_str(), tr(state, S::Multiplications),
                (long long)(dense_ops.multiplications / std::max<int64_t>(ops.multiplications, 1)),
                tr(state, S::TimesFewer));
    remember_item(state, "ops.groups");
  }
  ImGui::TextDisabled("%s %.3f ms", tr(state, S::EngineTime), state.engine_ms);
}

}  // namespace convviz::ui
