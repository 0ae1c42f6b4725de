#pragma once
// What an exported picture shows: the canvas (window, kernels, outputs),
// optionally the step's expression and the op counts under it, drawn by the
// same code as the window, at any scale.
#include <string>

#include "ui/app_state.h"

namespace convviz::ui {

struct ExportOptions {
  int scale = 1;                // 1, 2 or 4 times the base size
  Theme theme = Theme::Dark;    // Light is the white background for print
  bool with_text = false;       // the step's expression and the op counts
  bool reveal_outputs = false;  // outputs not reached yet stay blank
};

// The base picture is a 16:9 slide; text is drawn at 1.5× the window's
// base size so it reads from the back of a room.
inline constexpr int kExportWidth = 1280;
inline constexpr int kExportHeight = 720;
inline constexpr float kExportTextScale = 1.5f;

// The state an export draws: `base` moved to `step`, with the picture's
// theme and no zoom, pan, hover or dimming.
AppState export_state(const AppState& base, int64_t step, const ExportOptions& options);

// The first two lines of a slide's text (with_text): the layer as PyTorch
// code with its shapes, "nn.Conv2d(1, 1, kernel_size=3, stride=1,
// padding=1)   [1, 1, 5, 5] → [1, 1, 5, 5]", and "Step 1 of 25  —
// output[n=0, c=0, y=0, x=0]" in the state's language.
std::string slide_code_line(const AppState& state);
std::string slide_step_line(const AppState& state);

// Draws the picture over the whole ImGui display (call inside a frame).
void draw_export_view(AppState& state, const ExportOptions& options);

// "conv_k3_s1_p1_reflect": kernel, stride and padding, then every field
// that differs from nn.Conv2d's defaults (padding_mode, d2, g2, nobias,
// c3to2 for the channels, n2 for the batch), and the input's size when it is
// not 5x5 (in6x6). The GIF's name is this + ".gif".
std::string export_stem(const LayerSpec& spec);

// "conv_k3_s1_p1_step001.png": the stem and the 1-based step.
std::string export_file_name(const LayerSpec& spec, int64_t step, const std::string& extension);

}  // namespace convviz::ui
