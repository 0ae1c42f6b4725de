#pragma once
// Colours: ImGui's style plus the canvas palette, for the dark theme and a
// high-contrast light theme for projectors in bright rooms.
#include <imgui.h>

#include "ui/app_state.h"

namespace convviz::ui {

struct Palette {
  ImU32 cell, cell_border, text, padding_cell, padding_text;
  ImU32 window, window_sample;  // the sliding window's outline and sampled cells
  ImU32 output_current, output_blank, connector;
  ImU32 hover, source_cell, contributes;
  ImU32 error, dim_text, positive, negative;
  ImU32 current_term;  // fine steps: the product just added, and the running sum
};

void apply_theme(Theme theme, float text_scale);
const Palette& palette(Theme theme);

// A colour with its alpha multiplied, for dimmed channels and stale output.
ImU32 faded(ImU32 colour, float alpha);

}  // namespace convviz::ui
