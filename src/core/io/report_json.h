#pragma once
// What the CLI prints or writes as JSON: op counts (compute --ops-json) and
// one step's trace (explain --json).
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/op_counts.h"
#include "core/model/step_trace.h"

namespace convviz {

// {"multiplications", "additions", "macs", "flops", "params", "output_shape"},
// indented, with a final newline.
std::string ops_json_text(const OpCounts& ops, const std::vector<int64_t>& output_shape);
// {"step", "step_count", "position", "group", "input_channels", "terms", "sum",
// "bias", "result", "expression"}, indented.
std::string trace_json_text(const StepTrace& trace, int64_t step_count);

}  // namespace convviz
