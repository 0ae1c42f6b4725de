#pragma once
// Opening and saving sessions from the window: failures leave the current
// session as it was and put one message in the status line.
#include <string>

#include "ui/app_state.h"

namespace convviz::ui {

// One message in the status line (red when `error`): `message` as it is
// (a reason from the core, in English), or in pieces that follow the language.
void report_status(AppState& state, const std::string& message, bool error);
void report_status(AppState& state, StatusMessage message);

bool open_session_file(AppState& state, const std::string& path);

bool save_session_file(AppState& state, const std::string& path);

// Ctrl+O, Ctrl+S, quitting: ask about unsaved changes first when needed.
void request_open(AppState& state);
void request_open_picture(AppState& state);  // File ▸ Open image…: no question, nothing is lost
void request_save(AppState& state, bool choose_path);
void request_quit(AppState& state);

// What to do once the unsaved-changes question is answered.
void continue_pending(AppState& state);

}  // namespace convviz::ui
