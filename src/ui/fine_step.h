#pragma once
// View ▸ fine steps: which product of the step is the current one, and what
// the current output cell may show while the sum is still being built (the
// running sum, never the final value before the last product and the bias).
#include <cstdint>
#include <string>

#include "core/model/step_trace.h"

namespace convviz::ui {

struct FineStep {
  int64_t current_term = -1;        // the product just added; -1 when none is
  bool partial = false;             // the current output cell shows the running sum
  double running_sum = 0.0;         // the first products_shown products, in the trace's order
  int64_t products = 0, terms = 0;  // products added so far, of how many
};

// Outside fine steps nothing is current and the cell shows its value. In
// fine steps, after the last product the cell shows the result (the bias
// comes with the last product, as the step panel's "sum + bias = result").
FineStep fine_step(const StepTrace& trace, bool fine_steps, int64_t products_shown);

// "Σ 7": the running sum as the current output cell shows it.
std::string partial_sum_text(const FineStep& step);

}  // namespace convviz::ui
