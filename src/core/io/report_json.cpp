#include "core/io/report_json.h"

#include <nlohmann/json.hpp>

namespace convviz {
namespace {

using nlohmann::json;

json ops_json(const OpCounts& ops, const std::vector<int64_t>& shape) {
  return {{"multiplications", ops.multiplications},
          {"additions", ops.additions},
          {"macs", ops.macs},
          {"flops", ops.flops},
          {"params", ops.params},
          {"output_shape", shape}};
}

json cell_json(const std::optional<Cell>& c) {
  return c ? json::array({c->y, c->x}) : json(nullptr);
}

json trace_json(const StepTrace& t, int64_t steps) {
  json terms = json::array();
  for (const TraceTerm& term : t.terms) {
    terms.push_back({{"c_in", term.c_in},
                     {"ky", term.ky},
                     {"kx", term.kx},
                     {"padded", {term.padded_y, term.padded_x}},
                     {"is_padding", term.is_padding},
                     {"source", cell_json(term.source)},
                     {"input", term.input},
                     {"weight", term.weight},
                     {"product", term.product}});
  }
  const OutputPosition& p = t.position;
  return {{"step", t.step},
          {"step_count", steps},
          {"position", {{"n", p.n}, {"c_out", p.c_out}, {"y", p.y}, {"x", p.x}}},
          {"group", t.group},
          {"input_channels", {t.c_in_begin, t.c_in_end}},
          {"terms", terms},
          {"sum", t.sum},
          {"bias", t.has_bias ? json(t.bias) : json(nullptr)},
          {"result", t.result},
          {"expression", t.expression}};
}

}  // namespace

std::string ops_json_text(const OpCounts& ops, const std::vector<int64_t>& output_shape) {
  return ops_json(ops, output_shape).dump(2) + "\n";
}

std::string trace_json_text(const StepTrace& trace, int64_t step_count) {
  return trace_json(trace, step_count).dump(2);
}

}  // namespace convviz
