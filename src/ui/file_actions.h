#pragma once
// Opening and saving sessions from the window: failures leave the current
// session as it was and put one message in the status line.
#include <string>

#include "ui/app_state.h"

namespace convviz::ui {

bool open_session_file(AppState& state, const std::string& path);

// A decoded picture ([1, C, H, W], from render/image_file) becomes the input:
// averaged down to state.picture_grid cells on its longer side, the layer's
// in_channels set to C (groups back to 1 if they no longer divide), and the
// kernels kept, spread over the picture's channels by brightness when their
// count changes. One undoable edit; the message names the grid.
// A picture that failed to decode reports its error the same way.
bool open_picture(AppState& state, const Result<Tensor>& picture, const std::string& path);
bool save_session_file(AppState& state, const std::string& path);

// Ctrl+O, Ctrl+S, quitting: ask about unsaved changes first when needed.
void request_open(AppState& state);
void request_save(AppState& state, bool choose_path);
void request_quit(AppState& state);

// What to do once the unsaved-changes question is answered.
void continue_pending(AppState& state);

}  // namespace convviz::ui
