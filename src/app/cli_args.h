#pragma once
// Option parsing for the convviz subcommands: --name value, --name=value and
// bare flags, each allowed at most once; anything else is an error.
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/model/result.h"

namespace convviz {

struct OptionSpec {
  const char* name;  // without the leading dashes
  bool takes_value;
  bool hidden = false;  // an alias or a test's option: not in --help or the man page
};

struct CliArgs {
  std::map<std::string, std::string> values;  // flags map to ""
  std::vector<std::string> positional;        // only where the caller allows them

  bool has(const std::string& name) const { return values.count(name) != 0; }
  std::optional<std::string> get(const std::string& name) const;
};

// Arguments that are not options (`convviz FILE`) are kept in `positional`
// when `positional_allowed`, else refused.
Result<CliArgs> parse_options(const std::vector<std::string>& args,
                              std::span<const OptionSpec> allowed, bool positional_allowed = false);

// A whole number from an option value, e.g. --step 3.
Result<int64_t> parse_integer_option(const std::string& name, const std::string& text);

}  // namespace convviz
