#include "ui/picture_mode.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <optional>
#include <utility>

#include "core/engine/thread_pool.h"
#include "core/lesson/image_grid.h"
#include "core/lesson/named_kernels.h"
#include "core/lesson/presets.h"
#include "render/image_file.h"
#include "ui/canvas_geometry.h"
#include "ui/cell_number.h"
#include "ui/edits.h"
#include "ui/file_actions.h"
#include "ui/kernel_library.h"
#include "ui/strings.h"

namespace convviz::ui {
namespace {

int64_t picture_height(const PictureView& p) { return p.pixels->shape[2]; }
int64_t picture_width(const PictureView& p) { return p.pixels->shape[3]; }

// The layer as it runs over the whole picture.
Conv2dProblem full_spec(const AppState& state) {
  Conv2dProblem spec = sliding_window(state.session.spec);
  spec.batch = 1;
  spec.height = picture_height(state.picture);
  spec.width = picture_width(state.picture);
  return spec;
}

// A region's corner: inside the picture and on a multiple of the stride,
// so the grid's outputs land on pixels of the full map.
int64_t place_corner(int64_t wanted, int64_t stride, int64_t room) {
  const int64_t last = std::max<int64_t>(0, room) / stride * stride;
  return std::clamp<int64_t>(std::max<int64_t>(0, wanted) / stride * stride, 0, last);
}

// Empty when the layer can run over the whole picture, else why not.
std::string why_no_maps(const AppState& state) {
  const int64_t channels = state.picture.pixels->shape[1];
  if (state.session.spec.input.channels != channels) {
    return std::string(tr(state, S::PictureChannels)) + " (" + std::to_string(channels) + ")";
  }
  // validate() also caps the output's size: twice that (shown, and being
  // computed) is what image mode keeps at most.
  const std::vector<SpecError> errors = validate(full_spec(state));
  return error_texts(state.view.language, errors);
}

}  // namespace

Session session_on_picture(const PictureView& picture, Session next, PicturePlacement& placement) {
  if (!picture.open() || next.spec.input.channels != picture.pixels->shape[1]) return next;
  const int64_t h = picture_height(picture), w = picture_width(picture);
  Conv2dProblem spec = sliding_window(next.spec);
  spec.batch = 1;
  spec.height = std::min(spec.height, h);
  spec.width = std::min(spec.width, w);
  if (!validate(spec).empty()) return next;  // e.g. a kernel bigger than a tiny picture
  const bool whole = placement.source == GridSource::WholePicture;
  placement.top = whole ? 0 : place_corner(placement.top, spec.stride.h, h - spec.height);
  placement.left = whole ? 0 : place_corner(placement.left, spec.stride.w, w - spec.width);
  next = with_spec(next, layer_of(spec));
  next.input =
      whole ? resample_to_grid(*picture.pixels, spec.height, spec.width)
            : crop_region(*picture.pixels, placement.top, placement.left, spec.height, spec.width);
  return next;
}

namespace {

// The named kernel a picture opens on, so the kernel choice can name it:
// the one the weight still is, else Sobel x (its edges show on any
// picture) in place of an example's weight. A weight the student made is
// kept (nullopt).
std::optional<FillSource> kernel_for_picture(const AppState& state) {
  if (const FillSource* named = intact_named_kernel(state)) return *named;
  for (const Preset& p : presets()) {
    if (p.session.weight == state.session.weight) return FillSource{Fill::SobelX};
  }
  return std::nullopt;
}

// `kernel` in every plane of the weight; false when it has no form at the
// weight's size.
bool put_kernel(Tensor& weight, const FillSource& kernel) {
  const int64_t kh = weight.shape[2], kw = weight.shape[3];
  const auto plane = kernel.fill == Fill::Gaussian && kernel.sigma > 0
                         ? std::optional(gaussian_kernel(kh, kw, kernel.sigma))
                         : named_kernel(kernel.fill, kh, kw);
  if (!plane) return false;
  spread_kernel(weight, *plane, kernel.mode);
  return true;
}

struct PictureLayer {
  Session session;
  std::optional<FillSource> kernel;  // the named kernel the weight now is
  bool bias_zeroed = false;          // a new kernel came with its bias, 0
};

// The layer for a picture of `channels` channels on a grid of grid_h ×
// grid_w: in_channels set, groups back to 1 when they no longer divide,
// and the kernel (see kernel_for_picture, else the first plane) spread over
// the channels by brightness when their count changes. Empty, with the
// broken rules in `why`, when it is not valid.
std::optional<PictureLayer> layer_for(const AppState& state, int64_t channels, GridSize grid,
                                      std::vector<SpecError>& why) {
  const Session& current = state.session;
  Conv2dProblem spec = sliding_window(current.spec);
  spec.in_channels = channels;
  spec.height = grid.h;
  spec.width = grid.w;
  if (channels % spec.groups != 0 || spec.out_channels % spec.groups != 0) spec.groups = 1;
  std::vector<SpecError> errors = validate(spec);
  if (errors.empty()) errors = window_limits(layer_of(spec));
  if (!errors.empty()) {
    why = errors;
    return std::nullopt;
  }
  PictureLayer layer{with_spec(current, layer_of(spec)), std::nullopt, false};
  Session& next = layer.session;
  std::optional<FillSource> kernel = kernel_for_picture(state);
  if (kernel && channels != current.spec.input.channels) kernel->mode = ChannelMode::Luminance;
  if (kernel && put_kernel(next.weight, *kernel)) {
    layer.kernel = kernel;
    if (!intact_named_kernel(state)) {
      layer.bias_zeroed = std::any_of(next.bias.data.begin(), next.bias.data.end(),
                                      [](float b) { return b != 0.0f; });
      std::fill(next.bias.data.begin(), next.bias.data.end(), 0.0f);
    }
  } else if (channels != current.spec.input.channels) {
    const int64_t plane = spec.kernel_size.h * spec.kernel_size.w;
    const std::vector<float> first(current.weight.data.begin(),
                                   current.weight.data.begin() + long(plane));
    spread_kernel(next.weight, first, ChannelMode::Luminance);
  }
  return layer;
}

// Puts `pixels` (read from `path`) under the grid as `layer` says, as one
// undoable edit, keeping the view's choices and counters running on.
bool install_picture(AppState& state, Tensor pixels, const std::string& path,
                     const render::ImageReadOptions& read, const PictureLayer& layer,
                     PicturePlacement placement) {
  PictureView view;
  view.path = path;
  view.grayscale = read.grayscale;
  view.unit_range = read.unit_range;
  view.pixels = std::make_shared<const Tensor>(std::move(pixels));
  const Session next = session_on_picture(view, layer.session, placement);
  if (!apply(state, ReplaceSession{next, placement})) return false;
  if (layer.kernel) {
    state.named_kernel = layer.kernel;
    state.named_kernel_weights = state.session.weight;
  }
  PictureView& old = state.picture;
  view.range_mode = old.range_mode;
  view.fixed_lo = old.fixed_lo;
  view.fixed_hi = old.fixed_hi;
  view.worker = old.worker;
  view.placement = old.placement;  // as the edit left it
  // Versions only grow, so the shell never mistakes one picture's maps for another's.
  view.pixels_version = old.pixels_version + 1;
  view.maps_version = old.maps_version + 1;
  view.submitted = old.submitted;
  state.picture = std::move(view);
  return true;
}

// The canvas as last drawn, notes and legend included (they come and go
// with what the grid shows), or an empty rectangle before the first frame.
Rect canvas_room(const AppState& state) {
  const auto canvas = state.item_rects.find("canvas");
  return canvas == state.item_rects.end() ? Rect{} : canvas->second;
}

// The largest square region side (up to 8) whose layer fits `canvas` with
// cells wide enough for a picture's value ("≈.42", or "255" for 0-255
// pixels) in the panel text; when even 3×3 cannot show them (the loupe
// beside the window then does), the largest whose cells are big enough to
// read as a picture's shades; 8×8 when even those do not fit.
int64_t region_side_that_fits(const AppState& state, const Rect& canvas) {
  constexpr float kShadeCell = 14.0f;
  const FontSet& fonts = state.fonts;
  const char* widest = state.picture.unit_range ? "≈.42" : "255";
  const float number_cell =
      fonts.mono ? fonts.mono->CalcTextSizeA(fonts.size, FLT_MAX, 0, widest).x / kDigitsShare
                 : fonts.size * 2.5f;
  const int64_t largest = std::min(
      {AppState::kRegionSide, picture_height(state.picture), picture_width(state.picture)});
  const int64_t smallest = std::min<int64_t>(3, largest);
  for (float cell : {number_cell, kShadeCell}) {
    for (int64_t side = largest; side >= smallest; --side) {
      Conv2dProblem spec = sliding_window(state.session.spec);
      spec.height = spec.width = side;
      if (!validate(spec).empty()) continue;
      // Image mode's legend takes up to two lines of the canvas.
      const float height = canvas.y1 - canvas.y0 - 2.5f * fonts.size;
      const float needed = needed_canvas_width(spec, height, fonts.size * 1.25f, cell);
      if (needed <= canvas.x1 - canvas.x0) return side;
    }
  }
  return largest;
}

// "'photo.png': does not fit the window", or the reason layer_for gave.
StatusMessage does_not_fit(const std::string& path, const std::vector<SpecError>& why) {
  StatusMessage message;
  message.add("'" + path + "'").add(S::Colon);
  if (why.empty()) {
    message.add(S::DoesNotFit);
  } else {
    message.add(error_texts(Language::En, why), error_texts(Language::Zh, why));
  }
  message.error = true;
  return message;
}

}  // namespace

StatusMessage opened_message(const AppState& state) {
  const PictureView& picture = state.picture;
  StatusMessage message =
      said(S::Opened, " " + picture.path + " (" + std::to_string(state.session.spec.input.height) +
                          "×" + std::to_string(state.session.spec.input.width) + ")");
  if (!picture.opened_bias_zeroed_by) return message;
  for (const LibraryKernel& k : kernel_library()) {
    if (k.fill == *picture.opened_bias_zeroed_by) {
      message.add("; ").add(k.name).add(": ").add(S::BiasSetToZero);
    }
  }
  return message;
}

bool open_picture(AppState& state, const Result<Tensor>& picture, const std::string& path) {
  if (!picture) {
    report_status(state, picture.error().message, true);
    return false;
  }
  const int64_t h = picture->shape[2], w = picture->shape[3];
  const bool whole = state.picture_grid_chosen || std::max(h, w) <= state.picture_grid;
  const GridSize grid =
      whole ? grid_size_for(h, w, state.picture_grid)
            : GridSize{std::min(h, AppState::kRegionSide), std::min(w, AppState::kRegionSide)};
  std::vector<SpecError> why;
  const std::optional<PictureLayer> layer = layer_for(state, picture->shape[1], grid, why);
  PicturePlacement placement;
  if (!whole) placement = {GridSource::Region, (h - grid.h) / 2, (w - grid.w) / 2};
  const render::ImageReadOptions read{state.picture.grayscale, state.picture.unit_range};
  if (!layer || !install_picture(state, *picture, path, read, *layer, placement)) {
    report_status(state, does_not_fit(path, why));
    return false;
  }
  state.picture.region_fit_side = whole ? 0 : std::max(grid.h, grid.w);
  if (layer->bias_zeroed) state.picture.opened_bias_zeroed_by = layer->kernel->fill;
  report_status(state, opened_message(state));
  return true;
}

bool open_picture_file(AppState& state, const std::string& path) {
  return open_picture(
      state, render::read_image_tensor(path, {state.picture.grayscale, state.picture.unit_range}),
      path);
}

bool reload_picture(AppState& state, bool grayscale, bool unit_range) {
  const PictureView& p = state.picture;
  if (!p.open()) return false;
  const render::ImageReadOptions read{grayscale, unit_range};
  Result<Tensor> pixels = render::read_image_tensor(p.path, read);
  std::vector<SpecError> why;
  std::optional<PictureLayer> layer;
  if (pixels) {
    const GridSize grid{state.session.spec.input.height, state.session.spec.input.width};
    layer = layer_for(state, pixels->shape[1], grid, why);
  }
  // The grid stays where it was, at its size; only the values (and, from
  // colour to gray, the channels) change.
  if (!pixels || !layer ||
      !install_picture(state, std::move(*pixels), p.path, read, *layer, p.placement)) {
    if (pixels) {
      report_status(state, does_not_fit(p.path, why));
    } else {
      report_status(state, pixels.error().message, true);
    }
    return false;
  }
  return true;
}

PlaceGrid grid_switched_to(const AppState& state, GridSource source) {
  const int64_t h = picture_height(state.picture), w = picture_width(state.picture);
  PlaceGrid edit{{source, 0, 0}};
  if (source == GridSource::Region) {
    const Rect canvas = canvas_room(state);
    const int64_t side =
        canvas.x1 > canvas.x0 ? region_side_that_fits(state, canvas) : AppState::kRegionSide;
    edit.height = std::min(h, side);
    edit.width = std::min(w, side);
    edit.placement.top = (h - edit.height) / 2;
    edit.placement.left = (w - edit.width) / 2;
  } else {
    const GridSize grid = grid_size_for(h, w, state.picture_grid);
    edit.height = grid.h;
    edit.width = grid.w;
  }
  return edit;
}

void fit_region_to_canvas(AppState& state) {
  PictureView& picture = state.picture;
  const Rect canvas = canvas_room(state);
  if (picture.region_fit_side == 0 || canvas.x1 <= canvas.x0 || canvas.y1 <= canvas.y0) return;
  const int64_t opened = std::exchange(picture.region_fit_side, 0);
  const Conv2dProblem spec = sliding_window(state.session.spec);
  // Only the region as it opened: a size or place chosen since is kept.
  if (!picture.open() || picture.placement.source != GridSource::Region ||
      std::max(spec.height, spec.width) != opened || state.undo_stack.empty()) {
    return;
  }
  const int64_t side = region_side_that_fits(state, canvas);
  if (side >= spec.height && side >= spec.width) return;
  // Still centred where the default region was.
  PlaceGrid edit{picture.placement, side, side};
  edit.placement.top += (spec.height - side) / 2;
  edit.placement.left += (spec.width - side) / 2;
  state.merge_next_edit = true;
  if (apply(state, edit)) report_status(state, opened_message(state));
}

AppState::PictureSnapshot picture_snapshot(const PictureView& picture) {
  return {picture.pixels, picture.path, picture.grayscale, picture.unit_range, picture.placement};
}

void restore_picture(AppState& state, const AppState::PictureSnapshot& snapshot) {
  PictureView& p = state.picture;
  p.placement = snapshot.placement;
  if (snapshot.pixels == p.pixels) return;
  if (!snapshot.pixels) {
    close_picture(state);
    return;
  }
  p.pixels = snapshot.pixels;
  p.path = snapshot.path;
  p.grayscale = snapshot.grayscale;
  p.unit_range = snapshot.unit_range;
  ++p.pixels_version;
  p.maps_stale = true;
}

void close_picture(AppState& state) {
  PictureView closed;
  closed.grayscale = state.picture.grayscale;
  closed.unit_range = state.picture.unit_range;
  closed.worker = state.picture.worker;
  closed.pixels_version = state.picture.pixels_version + 1;
  closed.maps_version = state.picture.maps_version + 1;
  closed.submitted = state.picture.submitted;
  state.picture = std::move(closed);
}

void refresh_feature_maps(AppState& state, std::chrono::milliseconds wait) {
  PictureView& p = state.picture;
  if (!p.open()) return;
  if (p.maps_stale) {
    p.maps_stale = false;
    if (const std::string refusal = why_no_maps(state); !refusal.empty()) {
      ++p.submitted;  // a result still on its way is for a layer that no longer is
      p.maps_error = refusal;
      p.maps = Tensor{};
      p.extremes.clear();
      p.ranges.clear();
      ++p.maps_version;
    } else {
      if (!p.worker) {
        p.worker =
            std::make_shared<BackgroundConv>(default_thread_pool().size(), state.wake_window);
      }
      ConvJob job{++p.submitted,        layer_of(full_spec(state)), p.pixels,
                  state.session.weight, state.session.bias,         std::move(p.spare_maps)};
      p.worker->submit(std::move(job));
    }
  } else {
    wait = std::chrono::milliseconds(0);
  }
  if (!p.worker) return;
  std::optional<ConvJobResult> done = p.worker->take(wait);
  if (!done || done->id != p.submitted) return;  // an older layer's maps: a newer one is coming
  p.maps_error = done->error;
  p.spare_maps = std::exchange(p.maps, std::move(done->output));
  p.extremes = std::move(done->extremes);
  p.maps_ms = done->milliseconds;
  p.maps_plan = done->plan;
  p.ranges = map_ranges(p.extremes, p.range_mode, p.fixed_lo, p.fixed_hi);
  p.first_map = std::clamp<int64_t>(p.first_map, 0,
                                    std::max<int64_t>(0, output_shape(state.session.spec).c - 1));
  ++p.maps_version;
}

PixelBox grid_on_picture(const AppState& state) {
  const PictureView& p = state.picture;
  const Conv2dProblem spec = sliding_window(state.session.spec);
  if (p.placement.source == GridSource::WholePicture) {
    return {0, 0, double(picture_height(p)), double(picture_width(p))};
  }
  return {double(p.placement.top), double(p.placement.left), double(p.placement.top + spec.height),
          double(p.placement.left + spec.width)};
}

PixelBox window_on_picture(const AppState& state) {
  const Conv2dProblem spec = sliding_window(state.session.spec);
  const SidePadding pad = side_padding(spec);
  const OutputPosition at = state.trace.position;
  // The window in grid cells (it may reach into the padding).
  const double y0 = double(at.y * spec.stride.h - pad.top);
  const double x0 = double(at.x * spec.stride.w - pad.left);
  const double y1 = y0 + double((spec.kernel_size.h - 1) * spec.dilation.h + 1);
  const double x1 = x0 + double((spec.kernel_size.w - 1) * spec.dilation.w + 1);
  const PixelBox grid = grid_on_picture(state);
  const double sy = (grid.y1 - grid.y0) / double(spec.height);
  const double sx = (grid.x1 - grid.x0) / double(spec.width);
  return {grid.y0 + y0 * sy, grid.x0 + x0 * sx, grid.y0 + y1 * sy, grid.x0 + x1 * sx};
}

PixelBox step_on_map(const AppState& state) {
  const PictureView& p = state.picture;
  const Conv2dProblem spec = sliding_window(state.session.spec);
  const OutputPosition at = state.trace.position;
  if (p.placement.source == GridSource::Region) {
    // The corner sits on a stride multiple: grid output (y, x) is map pixel
    // (y + top / stride, x + left / stride).
    const double y = double(at.y + p.placement.top / spec.stride.h);
    const double x = double(at.x + p.placement.left / spec.stride.w);
    return {y, x, y + 1, x + 1};
  }
  const Shape4 grid = output_shape(spec);
  const Shape4 map = output_shape(full_spec(state));
  const double sy = double(map.h) / double(grid.h), sx = double(map.w) / double(grid.w);
  return {double(at.y) * sy, double(at.x) * sx, double(at.y + 1) * sy, double(at.x + 1) * sx};
}

}  // namespace convviz::ui
