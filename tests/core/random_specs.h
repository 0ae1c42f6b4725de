#pragma once
// Seeded random valid specs and tensors for property tests.
#include <random>

#include "core/lesson/session.h"

namespace convviz::testing {

// A random spec that validate() accepts: every padding mode, non-square
// kernel/stride/padding/dilation, groups and depthwise, batch > 1, bias on
// and off, 'same' and 'valid', negative padding (a crop) on either axis.
// Sizes stay small so full sweeps are cheap.
Conv2dProblem random_valid_spec(std::mt19937& rng);

// A random spec shaped to reach every engine path: few and many channels per
// group (direct and implicit GEMM), depthwise, 1×1, sizes around vector
// widths (1, 7, 15, 16, 17, 31, 33), every padding mode, non-square pairs.
// At most `max_macs` multiply-adds, so thousands of them stay quick.
Conv2dProblem random_engine_spec(std::mt19937& rng, int64_t max_macs, int64_t min_macs = 0);

// Random normal tensors of the spec's shapes; bias only when spec.bias.
Session random_session(const Conv2dProblem& spec, std::mt19937& rng);

}  // namespace convviz::testing
