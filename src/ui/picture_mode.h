#pragma once
// Image mode's model side: opening a picture, putting the step grid on it
// (the whole picture averaged down, or a region of its pixels), computing
// the full-resolution feature maps off the UI thread, and where the current
// step sits on the picture and on the maps.
#include <chrono>
#include <string>

#include "core/model/result.h"
#include "ui/app_state.h"
#include "ui/edits.h"

namespace convviz::ui {

// Reads the picture with the view's grayscale and range choices and opens
// it; a file that cannot be read changes nothing and says why.
bool open_picture_file(AppState& state, const std::string& path);

// A decoded picture ([1, C, H, W]) becomes the input: the whole picture
// averaged down to state.picture_grid cells on its longer side, the layer's
// in_channels set to C (groups back to 1 if they no longer divide). The
// kernel is a named one: the one the weight still is, else Sobel x with
// bias 0 in place of an example's weight (a weight the student made is
// kept), spread over the picture's channels by brightness when their count
// changes. One undoable edit; the message names the grid.
bool open_picture(AppState& state, const Result<Tensor>& picture, const std::string& path);

// Reads the open picture again with other grayscale and range choices; the
// grid stays where it is. Undoable; a failed read changes nothing.
bool reload_picture(AppState& state, bool grayscale, bool unit_range);
void close_picture(AppState& state);

// The session with its input taken from the picture at `placement`, for
// `next.spec`'s height and width (a region is clamped inside the picture
// and its corner snapped to the stride, so each grid output away from the
// region's edges is the full map's pixel under it; the grid pads its own
// edges). Unchanged when the channels do not match the picture's.
Session session_on_picture(const PictureView& picture, Session next, PicturePlacement& placement);

// The edit that puts the grid on `source`: a readable region in the
// picture's middle, or the whole picture on the usual grid size.
PlaceGrid grid_switched_to(const AppState& state, GridSource source);

// A region opened at the default size shrinks, once the canvas's size is
// known, to the largest square (up to 8×8) whose layer fits the canvas with
// its numbers legible at the text size; the open and the fit are one undo
// step. Call after the canvas is drawn.
void fit_region_to_canvas(AppState& state);

// "Opened photo.png (8×8); Sobel x: bias set to 0", in either language.
StatusMessage opened_message(const AppState& state);

// What undo keeps of the picture, and putting it back.
AppState::PictureSnapshot picture_snapshot(const PictureView& picture);
void restore_picture(AppState& state, const AppState::PictureSnapshot& snapshot);

// Submits the full-resolution convolution when the layer or picture
// changed, and takes a finished result (waiting up to `wait` for the one
// just submitted, so quick ones show in the same frame).
void refresh_feature_maps(AppState& state, std::chrono::milliseconds wait);

// A box in picture (or map) pixels: rows [y0, y1), columns [x0, x1).
struct PixelBox {
  double y0 = 0, x0 = 0, y1 = 0, x1 = 0;
  bool operator==(const PixelBox&) const = default;
};
PixelBox grid_on_picture(const AppState& state);    // what the grid covers
PixelBox window_on_picture(const AppState& state);  // the current step's window
PixelBox step_on_map(const AppState& state);        // the current step's output pixel(s)

}  // namespace convviz::ui
