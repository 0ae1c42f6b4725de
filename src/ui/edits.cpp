#include "ui/edits.h"

#include <utility>

#include "core/model/step_trace.h"
#include "ui/picture_mode.h"

namespace convviz::ui {
namespace {

constexpr size_t kUndoLimit = 200;

Tensor& tensor_of(Session& s, TensorRole role) {
  switch (role) {
    case TensorRole::Input:
      return s.input;
    case TensorRole::Weight:
      return s.weight;
    case TensorRole::Bias:
      break;
  }
  return s.bias;
}

// Records `next` as the new session (and where the grid sits on the
// picture), with the old ones on the undo stack.
void commit(AppState& state, Session next, std::optional<PicturePlacement> placement = {}) {
  const bool merge = std::exchange(state.merge_next_edit, false) && !state.undo_stack.empty();
  const PicturePlacement place = placement.value_or(state.picture.placement);
  if (next == state.session && place == state.picture.placement) return;
  if (!merge)
    state.undo_stack.push_back({std::move(state.session), picture_snapshot(state.picture)});
  state.picture.placement = place;
  if (state.undo_stack.size() > kUndoLimit) state.undo_stack.erase(state.undo_stack.begin());
  state.redo_stack.clear();
  const bool spec_changed = !(next.spec == state.session.spec);
  state.session = std::move(next);
  if (spec_changed) {  // a value edit keeps a half-typed (invalid) draft and its message
    state.draft = state.session.spec;
    state.draft_errors.clear();
    unlock_unequal_pairs(state);
  }
  state.output_stale = true;
  state.dirty = !(state.session == state.saved);
}

// The whole tensor: a named kernel spread over the input channels as asked,
// anything else by fill_tensor.
bool fill_whole(Tensor& t, TensorRole role, const FillValues& f, int64_t fan_in) {
  const bool gaussian = f.fill == Fill::Gaussian && f.sigma > 0;
  if (role == TensorRole::Weight && is_kernel_fill(f.fill) &&
      (f.mode != ChannelMode::AsGiven || gaussian)) {
    const auto plane = gaussian ? std::optional(gaussian_kernel(t.shape[2], t.shape[3], f.sigma))
                                : named_kernel(f.fill, t.shape[2], t.shape[3]);
    if (!plane) return false;
    spread_kernel(t, *plane, f.mode);
    return true;
  }
  return fill_tensor(t, f.fill, f.seed, fan_in);
}

// Fills one plane group of the tensor: for the input a [*, c] channel in
// every batch item, for the weight the kernels of one output channel.
bool fill_part(Tensor& t, TensorRole role, const FillValues& f, int64_t fan_in) {
  if (!f.channel || role == TensorRole::Bias) return fill_whole(t, role, f, fan_in);
  Tensor plane = t;
  if (!fill_whole(plane, role, f, fan_in)) return false;
  const int64_t plane_size = t.shape[2] * t.shape[3];
  for (int64_t n = 0; n < t.shape[0]; ++n) {
    for (int64_t c = 0; c < t.shape[1]; ++c) {
      const bool chosen = role == TensorRole::Input ? c == *f.channel : n == *f.channel;
      if (!chosen) continue;
      const size_t first = size_t((n * t.shape[1] + c) * plane_size);
      std::copy_n(plane.data.begin() + long(first), plane_size, t.data.begin() + long(first));
    }
  }
  return true;
}

int64_t fan_in_of(const Conv2dProblem& spec) {
  return in_channels_per_group(spec) * spec.kernel_size.h * spec.kernel_size.w;
}

// The bias of output channel `channel`, or of all of them.
void zero_bias_of(Tensor& bias, std::optional<int64_t> channel) {
  for (size_t c = 0; c < bias.data.size(); ++c) {
    if (!channel || int64_t(c) == *channel) bias.data[c] = 0.0f;
  }
}

FillValues whole_weight_fill(const FillSource& named) {
  return FillValues{TensorRole::Weight, named.fill, std::nullopt, 1, named.mode, named.sigma};
}

// A named kernel follows a new layer while the weight is still what it
// left (a size it has no form at keeps the reshaped values, and the next
// size that has one brings it back).
void rebuild_named_kernel(AppState& state, Session& next) {
  const FillSource* named = intact_named_kernel(state);
  if (!named) return;
  Tensor rebuilt = next.weight;
  if (fill_whole(rebuilt, TensorRole::Weight, whole_weight_fill(*named),
                 fan_in_of(sliding_window(next.spec)))) {
    next.weight = rebuilt;
  }
  state.named_kernel_weights = next.weight;
}

void set_draft(AppState& state, const LayerSpec& spec) {
  state.draft = spec;
  state.draft_errors = validate(spec);
  if (state.draft_errors.empty()) state.draft_errors = window_limits(spec);
}

struct Applier {
  AppState& state;

  bool operator()(const SetSpec& e) {
    set_draft(state, e.spec);
    if (!state.draft_errors.empty()) {
      state.redo_stack.clear();  // a new change, if not a valid one yet
      return false;
    }
    if (e.spec == state.session.spec) return true;
    Session next = with_spec(state.session, e.spec);
    rebuild_named_kernel(state, next);
    PicturePlacement placement = state.picture.placement;
    next = session_on_picture(state.picture, std::move(next), placement);
    commit(state, std::move(next), placement);
    return true;
  }
  bool operator()(const SetValue& e) {
    Session next = state.session;
    Tensor& t = tensor_of(next, e.role);
    if (e.index >= t.data.size()) return false;
    t.data[e.index] = e.value;
    commit(state, std::move(next));
    return true;
  }
  bool operator()(const FillValues& e) {
    Session next = state.session;
    if (!fill_part(tensor_of(next, e.role), e.role, e, fan_in_of(sliding_window(next.spec)))) {
      return false;
    }
    if (e.role == TensorRole::Weight && e.zero_bias) zero_bias_of(next.bias, e.channel);
    if (e.role == TensorRole::Weight && is_kernel_fill(e.fill) && !e.channel) {
      state.named_kernel = FillSource{e.fill, e.mode, e.sigma};
      state.named_kernel_weights = next.weight;
    }
    commit(state, std::move(next));
    return true;
  }
  bool operator()(const ReplaceSession& e) {
    if (!check_session(e.session).empty() || !window_limits(e.session.spec).empty()) return false;
    commit(state, e.session, e.placement);
    // A preset or a session file is not the picture any more (undo brings it back).
    if (!e.placement && state.picture.open()) close_picture(state);
    sync_widgets_to_session(state);
    state.trace_stale = true;
    // A new example starts in view, whatever the last one was zoomed to.
    state.zoom = 1.0f;
    state.pan_x = state.pan_y = 0.0f;
    return true;
  }
  bool operator()(const PlaceGrid& e) {
    if (!state.picture.open()) return false;
    Session base = state.session;
    if (e.height > 0 && e.width > 0) {
      LayerSpec spec = base.spec;
      spec.input.height = e.height;
      spec.input.width = e.width;
      if (!validate(spec).empty()) return false;
      base = with_spec(base, spec);
    }
    PicturePlacement placement = e.placement;
    Session next = session_on_picture(state.picture, std::move(base), placement);
    if (!window_limits(next.spec).empty()) return false;
    const bool spec_changed = !(next.spec == state.session.spec);
    commit(state, std::move(next), placement);
    if (spec_changed) sync_widgets_to_session(state);
    return true;
  }
  bool operator()(const SetStep& e) {
    const int64_t last = step_count(state.session.spec) - 1;
    state.session.step = std::clamp<int64_t>(e.step, 0, last);
    state.products_shown = 0;
    return true;
  }
};

}  // namespace

std::vector<SpecError> window_limits(const LayerSpec& layer) {
  const Conv2dProblem spec = sliding_window(layer);
  std::vector<SpecError> errors;
  const SidePadding pad = side_padding(spec);
  // A negative padding crops, but the window still draws the cropped cells.
  const int64_t rows =
      spec.height + std::max<int64_t>(pad.top, 0) + std::max<int64_t>(pad.bottom, 0);
  const int64_t cols =
      spec.width + std::max<int64_t>(pad.left, 0) + std::max<int64_t>(pad.right, 0);
  if (rows > kMaxGridSide || cols > kMaxGridSide) {
    errors.push_back({rows > kMaxGridSide ? "height" : "width",
                      "the padded input (" + std::to_string(rows) + "x" + std::to_string(cols) +
                          ") is larger than the window draws (" + std::to_string(kMaxGridSide) +
                          " a side); convviz compute handles any size"});
  }
  for (auto [field, count] :
       {std::pair{"in_channels", spec.in_channels}, std::pair{"out_channels", spec.out_channels}}) {
    if (count > kMaxGridChannels) {
      errors.push_back({field, std::string(field) + " (" + std::to_string(count) +
                                   ") is more than the window draws (" +
                                   std::to_string(kMaxGridChannels) + ")"});
    }
  }
  if (spec.batch > kMaxGridChannels) {
    errors.push_back({"batch", "batch size (" + std::to_string(spec.batch) +
                                   ") is more than the window steps through (" +
                                   std::to_string(kMaxGridChannels) + ")"});
  }
  return errors;
}

bool apply(AppState& state, const Edit& edit) {
  const bool changed = std::visit(Applier{state}, edit);
  state.merge_next_edit = false;
  return changed;
}

namespace {

// Undo and redo: the current session goes onto one stack, the top of the
// other becomes current.
bool restore_from(AppState& state, std::vector<AppState::Snapshot>& from,
                  std::vector<AppState::Snapshot>& to) {
  if (from.empty()) return false;
  to.push_back({std::move(state.session), picture_snapshot(state.picture)});
  state.session = std::move(from.back().session);
  restore_picture(state, from.back().picture);
  from.pop_back();
  sync_widgets_to_session(state);
  state.dirty = !(state.session == state.saved);
  return true;
}

}  // namespace

bool undo(AppState& state) {
  if (state.draft_errors.empty()) return restore_from(state, state.undo_stack, state.redo_stack);
  state.redo_stack.push_back({state.session, picture_snapshot(state.picture), state.draft});
  sync_widgets_to_session(state);
  return true;
}

bool redo(AppState& state) {
  if (state.redo_stack.empty() || !state.redo_stack.back().invalid_draft) {
    return restore_from(state, state.redo_stack, state.undo_stack);
  }
  set_draft(state, *state.redo_stack.back().invalid_draft);  // over the same session
  state.redo_stack.pop_back();
  return true;
}

bool can_undo(const AppState& state) {
  return !state.undo_stack.empty() || !state.draft_errors.empty();
}

bool can_redo(const AppState& state) { return !state.redo_stack.empty(); }

}  // namespace convviz::ui
