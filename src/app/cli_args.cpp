#include "app/cli_args.h"

#include <charconv>

namespace convviz {

std::optional<std::string> CliArgs::get(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

Result<CliArgs> parse_options(const std::vector<std::string>& args,
                              std::span<const OptionSpec> allowed, bool positional_allowed) {
  CliArgs parsed;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (positional_allowed && !arg.empty() && arg[0] != '-') {
      parsed.positional.push_back(arg);
      continue;
    }
    if (arg.rfind("--", 0) != 0 || arg.size() == 2) {
      return Error{"unexpected argument '" + arg + "'"};
    }
    std::string name = arg.substr(2);
    std::optional<std::string> inline_value;
    if (const size_t eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const OptionSpec* option = nullptr;
    for (const OptionSpec& o : allowed) {
      if (name == o.name) option = &o;
    }
    if (option == nullptr) return Error{"unknown option --" + name};
    if (parsed.has(name)) return Error{"--" + name + " is given twice"};
    if (!option->takes_value) {
      if (inline_value) return Error{"--" + name + " takes no value"};
      parsed.values[name] = "";
      continue;
    }
    if (inline_value) {
      parsed.values[name] = *inline_value;
    } else if (i + 1 < args.size()) {
      parsed.values[name] = args[++i];
    } else {
      return Error{"--" + name + " needs a value"};
    }
  }
  return parsed;
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
