#include "app/cli_args.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>

#include "app/command_help.h"

namespace convviz {
namespace {

// One command's CLI11 app, built from its row of the table. CLI11's own
// --help is off: `--help` is a table option and prints the table's text,
// the one the man page is made from.
struct CommandApp {
  CLI::App app;
  std::vector<std::pair<const OptionSpec*, CLI::Option*>> options;
  std::vector<std::string> positional;

  explicit CommandApp(const CommandHelp& command) {
    app.set_help_flag();
    // What CLI11 does not know it leaves in remaining(), for us to word.
    app.allow_extras();
    for (const OptionSpec& o : command.options) {
      const std::string name = "--" + std::string(o.name);
      // At most one value a use, and every use kept (TakeAll): a missing
      // value and a second use are counted here, not thrown by CLI11.
      CLI::Option* option =
          o.takes_value ? app.add_option(name)->expected(0, 1) : app.add_flag(name);
      option->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
      if (o.hidden) option->group("");
      options.emplace_back(&o, option);
    }
    if (!command.positional.empty()) app.add_option(std::string(command.positional), positional);
  }
};

Error extra_argument(const std::string& arg) {
  if (arg.rfind("--", 0) == 0 && arg.size() > 2) {
    return Error{"unknown option " + arg.substr(0, arg.find('='))};
  }
  return Error{"unexpected argument '" + arg + "'"};
}

// A bare flag's one result is CLI11's "true"; anything else came after '='.
Result<CliArgs> collect(const CommandApp& parsed) {
  if (!parsed.app.remaining().empty()) return extra_argument(parsed.app.remaining().front());
  CliArgs args;
  for (const auto& [spec, option] : parsed.options) {
    const std::vector<std::string>& uses = option->results();
    if (uses.empty()) continue;
    const std::string name = "--" + std::string(spec->name);
    if (uses.size() > 1) return Error{name + " is given twice"};
    if (spec->takes_value && uses[0].empty()) return Error{name + " needs a value"};
    if (!spec->takes_value && uses[0] != "true") return Error{name + " takes no value"};
    args.values[spec->name] = spec->takes_value ? uses[0] : "";
  }
  // CLI11 passes "-5" on as an argument that is not an option; no file is named so.
  for (const std::string& arg : parsed.positional) {
    if (arg.size() > 1 && arg[0] == '-') return extra_argument(arg);
  }
  args.positional = parsed.positional;
  return args;
}

}  // namespace

std::optional<std::string> CliArgs::get(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

Result<CliArgs> parse_command(const CommandHelp& command, const std::vector<std::string>& args) {
  // CLI11 reads "--" as the end of the options; ConvViz never had one, and
  // no name it takes starts with '-'.
  if (std::find(args.begin(), args.end(), "--") != args.end()) return extra_argument("--");
  // CLI11's errors are exceptions; none may leave the command line.
  try {
    CommandApp parsed(command);
    parsed.app.parse(std::vector<std::string>(args.rbegin(), args.rend()));  // CLI11 pops the back
    return collect(parsed);
  } catch (const CLI::Error& e) {
    return Error{e.what()};
  }
}

Result<int64_t> parse_integer_option(const std::string& name, const std::string& text) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec == std::errc::result_out_of_range && ptr == end) {
    return Error{"--" + name + " " + text + " is far too large"};
  }
  if (text.empty() || ec != std::errc() || ptr != end) {
    return Error{"--" + name + " must be a whole number, not '" + text + "'"};
  }
  return value;
}

}  // namespace convviz
