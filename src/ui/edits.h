#pragma once
// Every change to the model is an Edit passed to apply(), so undo/redo, the
// tests and the session file all see the same thing.
#include <variant>

#include "core/lesson/named_kernels.h"
#include "ui/app_state.h"

namespace convviz::ui {

enum class TensorRole { Input, Weight, Bias };

struct SetSpec {  // invalid specs only update the draft and its errors
  LayerSpec spec;
};
struct SetValue {
  TensorRole role;
  size_t index;
  float value;
};
struct FillValues {
  TensorRole role;
  Fill fill;
  std::optional<int64_t> channel;  // only this [n=*, c] plane (input) or output channel (weight)
  uint32_t seed = 1;
  ChannelMode mode = ChannelMode::AsGiven;  // a named kernel over several input channels
  double sigma = 0.0;                       // Gaussian only: > 0 sets its sigma in cells
  bool zero_bias = false;  // weight only: the bias of the filled output channels becomes 0 too
};
struct ReplaceSession {  // preset, open, drag-and-drop
  Session session;
  // Where the grid now sits on the picture; without one the picture closes.
  std::optional<PicturePlacement> placement = std::nullopt;
};
struct PlaceGrid {  // image mode: the whole picture, or the region box moved
  PicturePlacement placement;
  int64_t height = 0, width = 0;  // a new grid size; 0 keeps the grid's
};
struct SetStep {  // moves the cursor; not an undoable edit
  int64_t step;
};

using Edit = std::variant<SetSpec, SetValue, FillValues, ReplaceSession, PlaceGrid, SetStep>;

// What the window can draw: grids of at most kMaxGridSide cells a side
// (padding included) and kMaxGridChannels channels. Larger layers are for
// `convviz compute`; the message says so.
inline constexpr int64_t kMaxGridSide = 96;
inline constexpr int64_t kMaxGridChannels = 64;
std::vector<SpecError> window_limits(const LayerSpec& spec);

// Returns false when the edit changed nothing (e.g. a kernel that has no
// such size), so the caller can say why.
bool apply(AppState& state, const Edit& edit);

// An invalid draft is the newest change: undo first drops it, back to the
// last valid layer as it was, and redo brings it back; then they step
// through the edits.
bool undo(AppState& state);
bool redo(AppState& state);
bool can_undo(const AppState& state);
bool can_redo(const AppState& state);

}  // namespace convviz::ui
