#include "ui/fine_step.h"

#include <algorithm>

namespace convviz::ui {

FineStep fine_step(const StepTrace& trace, bool fine_steps, int64_t products_shown) {
  FineStep step;
  step.terms = int64_t(trace.terms.size());
  step.products = fine_steps ? std::clamp<int64_t>(products_shown, 0, step.terms) : step.terms;
  if (!fine_steps) return step;
  step.current_term = step.products - 1;
  step.partial = step.products < step.terms;
  // The step panel's own sum, so the cell and the panel read the same number.
  step.running_sum = partial_sum(trace, step.products);
  return step;
}

std::string partial_sum_text(const FineStep& step) {
  return "\u03a3 " + format_number(step.running_sum);
}

}  // namespace convviz::ui
