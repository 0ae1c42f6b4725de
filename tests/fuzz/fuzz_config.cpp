// libFuzzer target: any bytes as a config JSON file (parse_json_text, spec_from_config).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parser_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  convviz::fuzz::abort_if_wrong(convviz::fuzz::check_config(bytes));
  return 0;
}
