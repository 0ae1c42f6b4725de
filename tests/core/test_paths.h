#pragma once
#include <string>

namespace convviz::testing {

inline std::string golden_path(const std::string& relative) {
  return std::string(CONVVIZ_GOLDEN_DIR) + "/" + relative;
}

}  // namespace convviz::testing
