#pragma once
// Counts every operator new in the test program (not under the sanitizers,
// which replace operator new themselves).
#include <cstdint>

namespace convviz::testing {

int64_t allocations();

}  // namespace convviz::testing
