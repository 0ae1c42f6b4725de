#include <filesystem>

#include "app/cli.h"
#include "app/cli_inputs.h"
#include "app/command_help.h"
#include "core/engine/layer_compute.h"
#include "core/io/atomic_file.h"
#include "core/io/json_text.h"
#include "core/io/npy.h"
#include "core/io/report_json.h"
#include "core/model/op_counts.h"
#include "core/model/spec_text.h"

namespace convviz {
namespace {

constexpr int64_t kMaxReferenceWork = int64_t{1} << 31;

void print_counts(std::ostream& out, const Conv2dProblem& spec, const OpCounts& ops,
                  const std::vector<int64_t>& shape) {
  const Shape4 o = output_shape(spec);
  out << "output shape     " << shape_text(shape) << "\n"
      << "multiplications  " << ops.multiplications << " = N·C_out·H_out·W_out·(C_in/groups)·kh·kw"
      << " = " << o.n << "·" << o.c << "·" << o.h << "·" << o.w << "·"
      << in_channels_per_group(spec) << "·" << spec.kernel_size.h << "·" << spec.kernel_size.w
      << "\n"
      << "additions        " << ops.additions << "\n"
      << "MACs             " << ops.macs << "\n"
      << "FLOPs            " << ops.flops << "\n"
      << "parameters       " << ops.params << "\n";
}

// Refuses bad output paths before computing, which may take a while.
Status check_outputs(const CliArgs& args) {
  const std::string output = *args.get("output");
  if (Status bad = check_writable_target(output)) return bad;
  if (auto ops = args.get("ops-json")) {
    if (Status bad = check_writable_target(*ops)) return bad;
    std::error_code ec;
    if (std::filesystem::weakly_canonical(*ops, ec) ==
        std::filesystem::weakly_canonical(output, ec)) {
      return Error{"--output and --ops-json name the same file '" + output + "'"};
    }
  }
  return std::nullopt;
}

}  // namespace

int run_compute(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Result<CliArgs> parsed = parse_command(command_help("compute"), args);
  if (!parsed) return report_bad_input(err, "compute", parsed.error().message);
  if (parsed->has("help")) {
    out << command_help("compute").text;
    return kExitOk;
  }
  if (!parsed->has("output")) return report_bad_input(err, "compute", "--output is required");
  if (Status bad = use_thread_option(*parsed))
    return report_bad_input(err, "compute", bad->message);
  const std::string engine = parsed->get("engine").value_or("fast");
  if (engine != "fast" && engine != "reference") {
    return report_bad_input(err, "compute",
                            "--engine must be fast or reference, not " + convviz::quoted(engine));
  }
  Result<CliSession> loaded = load_cli_session(*parsed);
  if (!loaded) return report_bad_input(err, "compute", loaded.error().message);
  const Session* session = &loaded->session;
  if (Status bad = check_outputs(*parsed)) return report_bad_input(err, "compute", bad->message);

  // The plain loops run at about 0.2 GFLOP/s: the layer cap is seconds for
  // the engine but minutes for them.
  if (engine == "reference" && count_ops(session->spec).multiplications > kMaxReferenceWork) {
    return report_bad_input(
        err, "compute",
        "--engine reference computes at most " + with_thousands(kMaxReferenceWork) +
            " multiplications (about 20 s of plain loops); this layer needs " +
            with_thousands(count_ops(session->spec).multiplications) + ": use --engine fast");
  }
  Tensor y;
  if (engine == "reference") {
    compute_reference(session->spec, session->input, params_of(*session), y);
  } else {
    compute(session->spec, session->input, params_of(*session), y);
  }
  if (loaded->unbatched) y.shape.erase(y.shape.begin());  // [C_out, H_out, W_out], as PyTorch
  const OpCounts ops = count_ops(session->spec);
  std::vector<std::pair<std::string, std::string>> files = {
      {*parsed->get("output"), encode_npy(y)}};
  if (parsed->has("ops-json")) {
    files.emplace_back(*parsed->get("ops-json"), ops_json_text(ops, y.shape));
  }
  if (Status failed = write_files_atomically(files)) {
    return report_bad_input(err, "compute", failed->message);
  }
  print_counts(out, sliding_window(session->spec), ops, y.shape);
  out << "wrote            " << *parsed->get("output") << "\n";
  return kExitOk;
}

}  // namespace convviz
