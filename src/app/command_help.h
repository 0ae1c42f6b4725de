#pragma once
// Every command's options and its help, in one table: each command's CLI11
// parser is built from its options (cli_args.cpp), --help prints the text,
// and the man page (convviz.1, made at build time) is made from both, so
// none of them can drift apart.
#include <string>
#include <string_view>
#include <vector>

#include "app/cli_args.h"

namespace convviz {

struct CommandHelp {
  std::string_view name;     // "" for the window
  std::string_view summary;  // a line for the man page's list of commands
  std::string_view text;     // what `convviz [COMMAND] --help` prints
  std::vector<OptionSpec> options;
  // "FILE" where the command takes arguments that are not options (the
  // window's `convviz FILE`); "" where CLI11 is to refuse them.
  std::string_view positional = {};
};

const std::vector<CommandHelp>& commands();
const CommandHelp& command_help(std::string_view name);  // "" for the window

// The manual page in roff (man(7)): the window's and every command's help.
std::string man_page(std::string_view version, std::string_view date, std::string_view presets);

}  // namespace convviz
