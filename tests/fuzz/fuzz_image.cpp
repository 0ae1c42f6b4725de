// libFuzzer target: any bytes as a picture file (decode_image_tensor).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parser_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  convviz::fuzz::abort_if_wrong(convviz::fuzz::check_image(bytes));
  return 0;
}
