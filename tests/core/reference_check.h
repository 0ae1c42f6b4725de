#pragma once
// The engine's outputs judged against the oracle, the reference loops.
#include <gtest/gtest.h>

#include "core/lesson/session.h"
#include "core/model/window_terms.h"

namespace convviz::testing {

// PyTorch and the reference sum in float in their own order, so agreement is
// judged relative to the size of the terms of each output.
double tolerance(const Conv2dProblem& spec, const Session& s, const OutputPosition& at);

// y against conv2d_reference on s, output by output within tolerance().
::testing::AssertionResult matches_reference(const Session& s, const Tensor& y);

}  // namespace convviz::testing
