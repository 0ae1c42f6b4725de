#include "app/cli.h"

#include <exception>
#include <filesystem>

#include "app/cli_inputs.h"
#include "app/command_help.h"
#include "app/gui.h"
#include "core/engine/engine_kernels.h"
#include "core/engine/thread_pool.h"
#include "core/io/spec_json.h"
#include "core/lesson/presets.h"

namespace convviz {
namespace {

// `convviz FILE` (a desktop entry's Exec line) rather than a mistyped
// command: not a command or an option, and a path or an existing file.
bool names_a_file(const std::string& arg) {
  for (const CommandHelp& c : commands()) {
    if (!c.name.empty() && arg == c.name) return false;
  }
  if (arg.empty() || arg[0] == '-') return false;
  std::error_code ec;
  return arg.find_first_of("/.") != std::string::npos || std::filesystem::exists(arg, ec);
}

}  // namespace

int report_bad_input(std::ostream& err, const std::string& command, const std::string& message) {
  // One line whatever the message quotes: a path or a file's bytes may hold
  // a newline.
  err << "convviz" << (command.empty() ? "" : " " + command) << ": " << one_line(message) << "\n";
  return kExitBadInput;
}

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  try {
    const bool opens_file = !args.empty() && names_a_file(args[0]);
    if (args.empty() || opens_file ||
        (args[0].rfind("--", 0) == 0 && args[0] != "--help" && args[0] != "--version")) {
      Result<CliArgs> parsed = parse_command(command_help(""), args);
      if (!parsed) return report_bad_input(err, "", parsed.error().message);
      if (Status bad = use_thread_option(*parsed)) return report_bad_input(err, "", bad->message);
      Result<GuiOptions> options = gui_options(*parsed);
      if (!options) return report_bad_input(err, "", options.error().message);
      return run_gui(*options, err);
    }
    if (args[0] == "--help" || args[0] == "-h") {
      out << command_help("").text << "\nPresets: " << preset_names() << "\n";
      return kExitOk;
    }
    if (args[0] == "--version") {
      const ThreadCount threads = resolve_thread_count(std::nullopt);
      out << "convviz " << CONVVIZ_VERSION << "\n"
          << "engine: SIMD target " << simd_target_name() << " (" << simd_float_lanes()
          << " floats per vector, chosen at run time), "
          << (threads.error.empty() ? threads.threads : hardware_threads()) << " threads\n"
          << "sample pictures: " << (samples_dir().empty() ? "not found" : samples_dir()) << "\n";
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
