#pragma once
// Option parsing for the convviz commands, with CLI11: --name value,
// --name=value and bare flags, each allowed at most once; anything else is
// an error in ConvViz's own words (no CLI11 exception leaves parse_command).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model/result.h"

namespace convviz {

struct OptionSpec {
  const char* name;  // without the leading dashes
  bool takes_value;
  bool hidden = false;  // an alias or a test's option: not in --help or the man page
};

struct CommandHelp;

struct CliArgs {
  std::map<std::string, std::string> values;  // flags map to ""
  std::vector<std::string> positional;        // only where the command takes them

  bool has(const std::string& name) const { return values.count(name) != 0; }
  std::optional<std::string> get(const std::string& name) const;
};

// Parses `args` (without the program and command names) against the
// command's options in the table (command_help.h); arguments that are not
// options are kept in `positional` if the command names them, else refused.
Result<CliArgs> parse_command(const CommandHelp& command, const std::vector<std::string>& args);

// A whole number from an option value, e.g. --step 3.
Result<int64_t> parse_integer_option(const std::string& name, const std::string& text);

}  // namespace convviz
