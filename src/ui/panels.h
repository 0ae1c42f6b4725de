#pragma once
// One function per panel; each reads AppState and records edits through
// apply(). draw_app lays them out and handles the shortcuts and dialogs.
#include "ui/app_state.h"

namespace convviz::ui {

void draw_app(AppState& state);  // the whole window, one frame

void draw_menu_bar(AppState& state);
void draw_parameters_panel(AppState& state);
void draw_canvas(AppState& state);
// The grids, window, kernels, outputs and connectors inside `area`; with
// `interactive` also hover, clicks and their popups (the item just drawn
// must be the canvas's button).
void draw_canvas_scene(AppState& state, Rect area, bool interactive);
// The smallest cell that shows a two-digit number at the panel text size:
// the window gives the canvas the room for the whole layer at this size.
float smallest_legible_cell(const FontSet& fonts);
// Image mode: the picture and its feature maps (only while one is open).
void draw_image_view(AppState& state);
// Image mode's rows in the parameters panel: the picture and the grid's
// place on it (in the Input section), the kernel library (under kernel_size).
void draw_picture_choices(AppState& state);
void draw_kernel_choice(AppState& state);
void draw_step_panel(AppState& state);
void draw_ops_panel(AppState& state);
void draw_transport(AppState& state);
int transport_rows(const AppState& state, float width);  // 2, or 3 when large text wraps
void draw_dialogs(AppState& state);
void open_export_dialog(AppState& state, ExportTarget target);
void draw_export_dialog(AppState& state);
void handle_shortcuts(AppState& state);
// Tab: shows or hides the parameters, or opens and closes their drawer
// when the canvas needs their room.
void toggle_parameters(AppState& state);

// Playback: advances the cursor on a timer of steps_per_second, whatever
// the frame rate.
void advance_playback(AppState& state, double seconds);

// One step forward or back; in fine mode one multiplication at a time.
void step_forward(AppState& state);
void step_back(AppState& state);

}  // namespace convviz::ui
