#include "ui/app_state.h"

#include <chrono>

#include "core/engine/layer_compute.h"
#include "ui/picture_mode.h"

namespace convviz::ui {

AppState make_app_state(const Session& session) {
  AppState state;
  state.session = session;
  state.saved = session;
  sync_widgets_to_session(state);
  return state;
}

void sync_widgets_to_session(AppState& state) {
  state.draft = state.session.spec;
  state.draft_errors.clear();
  state.kernel_square = state.stride_square = state.padding_square = state.dilation_square = true;
  unlock_unequal_pairs(state);
  state.pressed.reset();
  state.painting = false;
  state.editing.reset();
  state.output_stale = true;
}

void unlock_unequal_pairs(AppState& state) {
  const Conv2dProblem d = sliding_window(state.draft);
  state.kernel_square &= d.kernel_size.h == d.kernel_size.w;
  state.stride_square &= d.stride.h == d.stride.w;
  state.padding_square &= d.padding.h == d.padding.w;
  state.dilation_square &= d.dilation.h == d.dilation.w;
}

const FillSource* intact_named_kernel(const AppState& state) {
  if (!state.named_kernel || state.session.weight != state.named_kernel_weights) return nullptr;
  return &*state.named_kernel;
}

void refresh(AppState& state) {
  const Session& s = state.session;
  if (state.output_stale) {
    const auto start = std::chrono::steady_clock::now();
    compute(s.spec, s.input, params_of(s), state.output);
    state.engine_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    state.engine_plan = plan_conv(sliding_window(s.spec), default_thread_pool().size());
    state.ops = count_ops(s.spec);
    state.output_stale = false;
    state.trace_stale = true;
    state.picture.maps_stale = true;
  }
  // A quick full-resolution map shows in the frame whose edit asked for it.
  refresh_feature_maps(state, std::chrono::milliseconds(12));
  if (state.trace_stale || state.trace.step != s.step) {
    state.trace = trace_step(s.spec, s.input, params_of(s), s.step);
    state.trace_stale = false;
    const int64_t terms = static_cast<int64_t>(state.trace.terms.size());
    state.products_shown = state.view.fine_steps ? std::min(state.products_shown, terms) : terms;
  }
}

}  // namespace convviz::ui
