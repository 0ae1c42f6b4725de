#include "ui/file_actions.h"

#include <filesystem>

#include "core/io/json_text.h"
#include "core/io/session_json.h"
#include "ui/edits.h"
#include "ui/strings.h"

namespace convviz::ui {
namespace {

std::string default_path(const AppState& state) {
  if (!state.session_path.empty()) return state.session_path;
  std::error_code ec;
  return (std::filesystem::current_path(ec) / "lesson.convviz.json").string();
}

void open_dialog(AppState& state, bool saving) {
  state.file_dialog_open = true;
  state.file_dialog_saving = saving;
  state.file_dialog_picture = false;
  state.file_dialog_path = default_path(state);
}

}  // namespace

void report_status(AppState& state, const std::string& message, bool error) {
  state.status = StatusMessage{};
  state.status.add(one_line(message));
  state.status.error = error;
}

void report_status(AppState& state, StatusMessage message) {
  for (StatusPiece& piece : message.pieces) {
    piece.text = one_line(piece.text);
    piece.text_zh = one_line(piece.text_zh);
  }
  state.status = std::move(message);
}

bool open_session_file(AppState& state, const std::string& path) {
  Result<Session> loaded = load_session(path);
  if (!loaded) {
    report_status(state, loaded.error().message, true);
    return false;
  }
  if (const auto limits = window_limits(loaded->spec); !limits.empty()) {
    StatusMessage message;
    message.add("'" + path + "'").add(S::Colon);
    message.add(error_texts(Language::En, limits), error_texts(Language::Zh, limits));
    message.error = true;
    report_status(state, message);
    return false;
  }
  apply(state, ReplaceSession{*loaded});
  state.session_path = path;
  state.saved = state.session;
  state.dirty = false;
  report_status(state, said(S::Opened, " " + path));
  return true;
}

bool save_session_file(AppState& state, const std::string& path) {
  if (Status failed = save_session(path, state.session)) {
    report_status(state, failed->message, true);
    return false;
  }
  state.session_path = path;
  state.saved = state.session;
  state.dirty = false;
  report_status(state, said(S::Saved, " " + path));
  return true;
}

void request_open(AppState& state) {
  if (state.dirty) {
    state.pending = PendingAction::OpenFile;
    return;
  }
  open_dialog(state, false);
}

void request_open_picture(AppState& state) {
  state.file_dialog_open = true;
  state.file_dialog_saving = false;
  state.file_dialog_picture = true;
  std::error_code ec;
  const std::filesystem::path start =
      state.picture.open()         ? std::filesystem::path(state.picture.path).parent_path()
      : !state.samples_dir.empty() ? std::filesystem::path(state.samples_dir)
                                   : std::filesystem::current_path(ec);
  state.file_dialog_path = (start / "").string();
}

void request_save(AppState& state, bool choose_path) {
  if (choose_path || state.session_path.empty()) {
    open_dialog(state, true);
    return;
  }
  save_session_file(state, state.session_path);
}

void request_quit(AppState& state) {
  if (state.dirty) {
    state.pending = PendingAction::Quit;
    return;
  }
  state.quit_requested = true;
}

void continue_pending(AppState& state) {
  const PendingAction action = state.pending;
  state.pending = PendingAction::None;
  if (action == PendingAction::Quit) state.quit_requested = true;
  if (action == PendingAction::OpenFile) open_dialog(state, false);
}

}  // namespace convviz::ui
