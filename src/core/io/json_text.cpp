#include "core/io/json_text.h"

#include <nlohmann/json.hpp>

namespace convviz {

using nlohmann::json;

std::string printable(std::string_view text) {
  const std::string q =
      json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
  return q.substr(1, q.size() - 2);
}

std::string one_line(std::string_view text) {
  // printable escapes as JSON does; put back what only JSON needs escaped.
  const std::string line = printable(text);
  std::string out;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && (line[i + 1] == '"' || line[i + 1] == '\\')) {
      out += line[++i];
    } else {
      out += line[i];
    }
  }
  return out;
}

std::string quoted(const std::string& text) {
  std::string q = json(text).dump(-1, ' ', false, json::error_handler_t::replace);
  if (q.size() > 42) q = q.substr(0, 38) + "...\"";
  return q;
}

}  // namespace convviz
