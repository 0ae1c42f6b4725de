#include "app/cli.h"

#include <exception>

#include "app/cli_inputs.h"
#include "app/gui.h"
#include "core/engine_kernels.h"
#include "core/presets.h"
#include "core/spec_json.h"
#include "core/thread_pool.h"

namespace convviz {
namespace {

constexpr const char* kUsage =
    R"(ConvViz: 2D convolution exactly as PyTorch's nn.Conv2d computes it.

Usage:
  convviz [--preset NAME | --session S.json | --image P.png [--grayscale]
          [--grid N | --region TOP,LEFT]] [--kernel sobel-x|gaussian|...]
          [--step I [--products K]] [--reveal] [--lang en|zh]
          [--text-scale 1..3] [--theme dark|light] [--window-size 1600x900]
          [--screenshot OUT.png [--layout OUT.json]]
          [--no-restore | --restore] [--threads N]
                  opens the window (the textbook example the first time;
                  afterwards the last session, unless --no-restore; a
                  screenshot shows the defaults unless --restore)
  convviz compute --config C.json (--input X.npy | --image P.png [--grayscale])
                  --weight W.npy [--bias B.npy]
                  --output Y.npy [--ops-json OPS.json]
  convviz compute --preset NAME --output Y.npy [--ops-json OPS.json]
                  [--engine fast|reference]
  convviz explain --config C.json --input X.npy --weight W.npy [--bias B.npy]
                  --step I [--json]
  convviz explain --preset NAME --step I [--json]
  convviz export (--session S.json | --preset NAME) --step I --out step.png
                 [--scale 1|2|4] [--theme dark|light] [--with-text] [--lang en|zh]
  convviz export (--session S.json | --preset NAME) --all-steps --out DIR/
                 [--with-text]
  convviz export (--session S.json | --preset NAME) --gif anim.gif [--fps 4]
                 [--with-text]
  convviz bench --config C.json --input-shape N,C,H,W [--repeat R] [--warmup W]
                [--json] [--explain]
  convviz bench --shapes FILE.json [--json] [--explain]
  convviz bench --peak
  convviz --help | --version

Every command takes --threads N (default $CONVVIZ_THREADS, else all cores).

Run 'convviz COMMAND --help' for the details of a command.
)";

}  // namespace

int report_bad_input(std::ostream& err, const std::string& command, const std::string& message) {
  // One line whatever the message quotes: a path or a file's bytes may hold
  // a newline.
  err << "convviz" << (command.empty() ? "" : " " + command) << ": " << one_line(message) << "\n";
  return kExitBadInput;
}

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  try {
    if (args.empty() ||
        (args[0].rfind("--", 0) == 0 && args[0] != "--help" && args[0] != "--version")) {
      Result<CliArgs> parsed = parse_options(args, kGuiOptions);
      if (!parsed) return report_bad_input(err, "", parsed.error().message);
      if (Status bad = use_thread_option(*parsed)) return report_bad_input(err, "", bad->message);
      Result<GuiOptions> options = gui_options(*parsed);
      if (!options) return report_bad_input(err, "", options.error().message);
      return run_gui(*options, err);
    }
    if (args[0] == "--help" || args[0] == "-h") {
      out << kUsage << "\nPresets: " << preset_names() << "\n";
      return kExitOk;
    }
    if (args[0] == "--version") {
      const ThreadCount threads = resolve_thread_count(std::nullopt);
      out << "convviz " << CONVVIZ_VERSION << "\n"
          << "engine: SIMD target " << simd_target_name() << " (" << simd_float_lanes()
          << " floats per vector, chosen at run time), "
          << (threads.error.empty() ? threads.threads : hardware_threads()) << " threads\n";
      return kExitOk;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "compute") return run_compute(rest, out, err);
    if (args[0] == "explain") return run_explain(rest, out, err);
    if (args[0] == "export") return run_export(rest, out, err);
    if (args[0] == "bench") return run_bench(rest, out, err);
    err << "convviz: unknown command '" << args[0]
        << "' (commands: compute, explain, export, bench; see --help)\n";
    return kExitBadInput;
  } catch (const std::bad_alloc&) {
    err << "convviz: out of memory\n";
    return kExitInternal;
  } catch (const std::exception& e) {
    err << "convviz: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
}

}  // namespace convviz
