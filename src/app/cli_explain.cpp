#include <iomanip>
#include <nlohmann/json.hpp>

#include "app/cli.h"
#include "app/cli_inputs.h"
#include "app/command_help.h"
#include "core/model/step_trace.h"

namespace convviz {
namespace {

nlohmann::json cell_json(const std::optional<Cell>& c) {
  return c ? nlohmann::json::array({c->y, c->x}) : nlohmann::json(nullptr);
}

nlohmann::json trace_json(const StepTrace& t, int64_t steps) {
  nlohmann::json terms = nlohmann::json::array();
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
          {"bias", t.has_bias ? nlohmann::json(t.bias) : nlohmann::json(nullptr)},
          {"result", t.result},
          {"expression", t.expression}};
}

std::string pair_text(int64_t y, int64_t x) {
  return "(" + std::to_string(y) + ", " + std::to_string(x) + ")";
}

std::string source_text(const TraceTerm& t) {
  if (!t.source) return "zero padding";
  const std::string cell = pair_text(t.source->y, t.source->x);
  return t.is_padding ? "padding, copies " + cell : cell;
}

void print_trace(std::ostream& out, const StepTrace& t, int64_t steps) {
  const OutputPosition& p = t.position;
  out << "Step " << t.step << " (" << t.step + 1 << " of " << steps << "): output[n=" << p.n
      << ", c=" << p.c_out << ", y=" << p.y << ", x=" << p.x << "], group " << t.group << " ("
      << (t.c_in_end - t.c_in_begin == 1 ? "input channel " + std::to_string(t.c_in_begin)
                                         : "input channels " + std::to_string(t.c_in_begin) + ".." +
                                               std::to_string(t.c_in_end - 1))
      << ")\n\n";
  out << std::left << std::setw(6) << "c_in" << std::setw(5) << "ky" << std::setw(5) << "kx"
      << std::setw(10) << "padded" << std::setw(24) << "input cell" << std::right << std::setw(10)
      << "input" << std::setw(10) << "weight" << std::setw(11) << "product\n";
  for (const TraceTerm& term : t.terms) {
    out << std::left << std::setw(6) << term.c_in << std::setw(5) << term.ky << std::setw(5)
        << term.kx << std::setw(10) << pair_text(term.padded_y, term.padded_x) << std::setw(24)
        << source_text(term) << std::right << std::setw(10) << format_number(term.input)
        << std::setw(10) << format_number(term.weight) << std::setw(10)
        << format_number(term.product) << "\n";
  }
  out << "\nsum of products  " << format_number(t.sum) << "\n";
  if (t.has_bias) out << "bias             " << format_number(t.bias) << "\n";
  out << "result           " << format_number(t.result) << "\n\n" << t.expression << "\n";
}

}  // namespace

int run_explain(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Result<CliArgs> parsed = parse_command(command_help("explain"), args);
  if (!parsed) return report_bad_input(err, "explain", parsed.error().message);
  if (parsed->has("help")) {
    out << command_help("explain").text;
    return kExitOk;
  }
  if (!parsed->has("step")) return report_bad_input(err, "explain", "--step is required");
  if (Status bad = use_thread_option(*parsed))
    return report_bad_input(err, "explain", bad->message);
  Result<int64_t> step = parse_integer_option("step", *parsed->get("step"));
  if (!step) return report_bad_input(err, "explain", step.error().message);
  Result<CliSession> loaded = load_cli_session(*parsed);
  if (!loaded) return report_bad_input(err, "explain", loaded.error().message);
  const Session* session = &loaded->session;
  const int64_t steps = step_count(session->spec);
  if (*step < 0 || *step >= steps) {
    return report_bad_input(err, "explain",
                            "--step " + std::to_string(*step) +
                                " is out of range: this convolution has " + std::to_string(steps) +
                                " steps (0.." + std::to_string(steps - 1) + ")");
  }
  const StepTrace trace =
      trace_step(session->spec, session->input, session->weight, bias_or_null(*session), *step);
  if (parsed->has("json")) {
    out << trace_json(trace, steps).dump(2) << "\n";
  } else {
    print_trace(out, trace, steps);
  }
  return kExitOk;
}

}  // namespace convviz
