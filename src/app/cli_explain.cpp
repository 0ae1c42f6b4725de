#include <iomanip>

#include "app/cli.h"
#include "app/cli_inputs.h"
#include "app/command_help.h"
#include "core/io/report_json.h"
#include "core/model/step_trace.h"

namespace convviz {
namespace {

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
  const StepTrace trace = trace_step(session->spec, session->input, params_of(*session), *step);
  if (parsed->has("json")) {
    out << trace_json_text(trace, steps) << "\n";
  } else {
    print_trace(out, trace, steps);
  }
  return kExitOk;
}

}  // namespace convviz
