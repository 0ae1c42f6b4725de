#include "ui/file_actions.h"

#include "core/image_grid.h"
#include "core/tensor_fills.h"

#include <filesystem>

#include "ui/edits.h"
#include "ui/strings.h"

namespace convviz::ui {
namespace {

void report(AppState& state, const std::string& message, bool error) {
  state.status = message;
  state.status_is_error = error;
}

std::string default_path(const AppState& state) {
  if (!state.session_path.empty()) return state.session_path;
  std::error_code ec;
  return (std::filesystem::current_path(ec) / "convviz-session.json").string();
}

void open_dialog(AppState& state, bool saving) {
  state.file_dialog_open = true;
  state.file_dialog_saving = saving;
  state.file_dialog_path = default_path(state);
}

}  // namespace

bool open_session_file(AppState& state, const std::string& path) {
  Result<Session> loaded = load_session(path);
  if (!loaded) {
    report(state, loaded.error().message, true);
    return false;
  }
  if (const auto limits = window_limits(loaded->spec); !limits.empty()) {
    report(state, "'" + path + "': " + join_messages(limits), true);
    return false;
  }
  apply(state, ReplaceSession{*loaded});
  state.session_path = path;
  state.saved = state.session;
  state.dirty = false;
  report(state, std::string(tr(state, S::Opened)) + " " + path, false);
  return true;
}

namespace {

Session session_for_picture(const Session& current, const Tensor& picture, int64_t longest) {
  const GridSize grid = grid_size_for(picture.shape[2], picture.shape[3], longest);
  ConvSpec spec = current.spec;
  const int64_t channels = picture.shape[1];
  const bool channels_change = spec.in_channels != channels;
  spec.in_channels = channels;
  spec.batch = 1;
  spec.height = grid.h;
  spec.width = grid.w;
  if (channels % spec.groups != 0 || spec.out_channels % spec.groups != 0) spec.groups = 1;
  Session next = with_spec(current, spec);
  next.input = resample_to_grid(picture, grid.h, grid.w);
  if (channels_change) {
    // The first kernel, seen through the picture's brightness on every channel.
    const int64_t plane = spec.kernel_size.h * spec.kernel_size.w;
    const std::vector<float> first(current.weight.data.begin(),
                                   current.weight.data.begin() + long(plane));
    spread_kernel(next.weight, first, ChannelMode::Luminance);
  }
  return next;
}

}  // namespace

bool open_picture(AppState& state, const Result<Tensor>& picture, const std::string& path) {
  if (!picture) {
    report(state, picture.error().message, true);
    return false;
  }
  const Session next = session_for_picture(state.session, *picture, state.picture_grid);
  std::vector<SpecError> errors = validate(next.spec);
  if (errors.empty()) errors = window_limits(next.spec);
  if (!errors.empty()) {
    report(state, "'" + path + "': " + join_messages(errors), true);
    return false;
  }
  apply(state, ReplaceSession{next});
  report(state,
         std::string(tr(state, S::Opened)) + " " + path + " (" + std::to_string(next.spec.height) +
             "×" + std::to_string(next.spec.width) + ")",
         false);
  return true;
}

bool save_session_file(AppState& state, const std::string& path) {
  if (Status failed = save_session(path, state.session)) {
    report(state, failed->message, true);
    return false;
  }
  state.session_path = path;
  state.saved = state.session;
  state.dirty = false;
  report(state, std::string(tr(state, S::Saved)) + " " + path, false);
  return true;
}

void request_open(AppState& state) {
  if (state.dirty) {
    state.pending = PendingAction::OpenFile;
    return;
  }
  open_dialog(state, false);
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
