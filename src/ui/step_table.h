#pragma once
// The step panel's table of products: c_in, ky, kx, input, weight, product
// per row, the current product highlighted in fine steps.
#include "ui/app_state.h"
#include "ui/fine_step.h"

namespace convviz::ui {

// Columns sized to their content and narrowed (one index column, symbol
// headers, the index in a tooltip) until all of them fit the panel's width.
void draw_terms_table(AppState& state, const FineStep& fine, float height);

}  // namespace convviz::ui
