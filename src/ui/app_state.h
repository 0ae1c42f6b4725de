#pragma once
// Everything the window shows and remembers: the Session (the model), what
// the engine made of it, the undo history and the UI-only state. Panels read
// it and change the model only through apply() (see edits.h).
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/engine/background_conv.h"
#include "core/engine/conv_plan.h"
#include "core/lesson/colormap.h"
#include "core/lesson/named_kernels.h"
#include "core/lesson/session.h"
#include "core/model/op_counts.h"
#include "core/model/step_trace.h"
#include "ui/fonts.h"

namespace convviz::ui {

enum class Theme { Dark, Light };
enum class S;  // a string of the table in ui/strings.h

// A status-line message kept in pieces, so it is drawn in the language of
// the moment: a string id is looked up when drawn, text (a path, a reason
// from a file reader) is shown as it is.
struct StatusPiece {
  std::optional<S> id;
  std::string text;
  std::string text_zh;  // when the text was said in both languages
};
struct StatusMessage {
  std::vector<StatusPiece> pieces;
  bool error = false;
  bool empty() const { return pieces.empty(); }
  StatusMessage& add(S id) {
    pieces.push_back({id, {}, {}});
    return *this;
  }
  StatusMessage& add(std::string text, std::string text_zh = "") {
    pieces.push_back({std::nullopt, std::move(text), std::move(text_zh)});
    return *this;
  }
};
enum class Language { En, Zh };

struct ViewOptions {
  float text_scale = 1.0f;  // 1.0 = 100 %; 1.0 .. 3.0
  Theme theme = Theme::Dark;
  Language language = Language::En;
  bool reveal_outputs = false;  // outputs not reached yet stay blank
  float steps_per_second = 2.0f;
  bool fine_steps = false;  // step one multiplication at a time
  bool restore_last_session = true;
  bool show_parameters = true;  // Tab hides the side panel to give the canvas the room
  bool operator==(const ViewOptions&) const = default;
};

struct Rect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool contains(float x, float y) const { return x >= x0 && x < x1 && y >= y0 && y < y1; }
  float center_x() const { return (x0 + x1) / 2; }
  float center_y() const { return (y0 + y1) / 2; }
};

// Which grid cell the mouse is over, in the grid's own coordinates.
enum class GridKind { None, Input, Kernel, Output };
struct GridCell {
  GridKind grid = GridKind::None;
  int64_t channel = 0;   // input: c_in; kernel: c_in within the group; output: c_out
  int64_t y = 0, x = 0;  // input: padded coordinates
  int64_t n = 0;         // the batch item shown (input, output)
  int64_t c_out = 0;     // the output channel whose kernels are shown (kernel)
  bool operator==(const GridCell&) const = default;
};

// What the canvas drew in the last frame, cell by cell: the layout report
// (--layout) and the tests that check the grid is legible and exact.
struct DrawnCell {
  GridKind grid = GridKind::None;
  int64_t n = 0, c = 0, y = 0, x = 0;  // input: padded coordinates; kernel: c is c_in
  bool padding = false;
  Rect rect, text_rect;  // text_rect: the digits' box, empty without text
  std::string text;      // exactly what the cell shows
  float value = 0, text_px = 0;
  bool approximate = false;  // text is marked "≈"
  bool loupe = false;        // drawn enlarged beside the window (cells too small)
  bool partial = false;      // fine steps: "Σ 7", the running sum so far (in value)
};
struct DrawnCanvas {
  Rect area;
  std::vector<DrawnCell> cells;
  std::vector<std::vector<std::pair<float, float>>> connectors;  // polylines
  bool approximations = false;                                   // some cell shows "≈"
  bool hidden_numbers = false;                                   // some cell shows none
  bool loupe = false;  // the window's values are shown enlarged beside the grids
};

// Exports from the window: the dialog fills a request, the shell (which
// owns OpenGL) carries it out, one step per frame for sequences, and
// reports progress back here.
enum class ExportTarget { StepImage, AllSteps, Animation };
struct ExportRequest {
  ExportTarget target = ExportTarget::StepImage;
  std::string path;  // a file, or the folder for AllSteps
  int scale = 1;
  bool white_background = false;
  bool with_text = false;
  bool reveal_outputs = false;
  int64_t from = 0, to = 0;  // steps, inclusive
  double fps = 2.0;
};
struct ExportProgress {
  bool running = false;
  int64_t done = 0, total = 0;
  bool cancel_requested = false;
};

// Image mode: a picture at full resolution beside the step grid. The
// grid's input is the picture averaged down (the whole picture) or the
// pixels under a region box; the layer runs over the whole picture off the
// UI thread and its output channels are drawn as colour-mapped textures.
enum class GridSource { WholePicture, Region };
// Where the grid sits on the picture; undo restores it with the session.
struct PicturePlacement {
  GridSource source = GridSource::WholePicture;
  int64_t top = 0, left = 0;  // the region's top-left pixel; the region is spec.height × spec.width
  bool operator==(const PicturePlacement&) const = default;
};
struct PictureView {
  static constexpr int64_t kMaxMapsShown = 6;  // maps side by side; a slider picks the first
  std::string path;                            // empty: no picture open
  std::shared_ptr<const Tensor> pixels;        // [1, C, H, W] as read with the options below
  bool grayscale = false;
  bool unit_range = true;       // values / 255 like ToTensor; false keeps 0-255
  uint64_t pixels_version = 0;  // bumps with every new `pixels`: the shell re-uploads
  PicturePlacement placement;

  // The full-resolution output: the last finished one is shown while the
  // newest is computed.
  std::shared_ptr<BackgroundConv> worker;
  bool maps_stale = true;
  uint64_t submitted = 0;          // id of the newest job
  Tensor maps;                     // [1, C_out, H_out, W_out]; empty until the first result
  Tensor spare_maps;               // the previous maps' buffer, lent to the next job
  std::vector<Extremes> extremes;  // of each map
  uint64_t maps_version = 0;
  std::string maps_error;     // why there are no maps (from the layer)
  std::string texture_error;  // why they cannot be shown (from OpenGL); set by the shell
  double maps_ms = 0.0;
  ConvPlan maps_plan;
  RangeMode range_mode = RangeMode::PerMap;
  float fixed_lo = -1.0f, fixed_hi = 1.0f;
  std::vector<MapRange> ranges;  // one per map, for the shader and the colour bars
  int64_t first_map = 0;         // the first output channel shown

  bool visible = true;  // View ▸ Show the picture (P): off gives the grid the whole canvas
  float zoom = 1.0f;    // shared by the picture and every map
  float centre_x = 0.5f, centre_y = 0.5f;  // what the view is centred on, as fractions
  bool dragging_region = false;
  int64_t region_fit_side = 0;  // the default region's side, until it is fitted to the canvas
  std::optional<Fill> opened_bias_zeroed_by;  // the library kernel that set the bias to 0

  // Set by the shell each frame (0 when there is no GL, as in the UI tests).
  uintptr_t picture_texture = 0;
  std::vector<uintptr_t> map_textures;  // for maps first_map, first_map + 1, ...
  bool open() const { return pixels != nullptr; }
};

// A modal question the window is waiting on.
enum class PendingAction { None, Quit, OpenFile };

// A named kernel as the weight got it (see edits.h FillValues).
struct FillSource {
  Fill fill = Fill::Identity;
  ChannelMode mode = ChannelMode::AsGiven;
  double sigma = 0.0;  // Gaussian only; 0 = binomial weights
};

struct AppState {
  Session session;                      // the last valid session
  LayerSpec draft;                      // what the parameter widgets hold; may be invalid
  std::vector<SpecError> draft_errors;  // validate(draft)

  // What the core made of `session`; recomputed at most once per frame.
  Tensor output;
  bool output_stale = true;
  double engine_ms = 0.0;
  ConvPlan engine_plan;  // how the engine computed `output`
  OpCounts ops;
  StepTrace trace;  // for session.step only
  bool trace_stale = true;
  int64_t products_shown = 0;  // fine steps: how many products of the step are revealed

  // Undo restores the picture the grid was on with each session.
  struct PictureSnapshot {
    std::shared_ptr<const Tensor> pixels;  // null: no picture
    std::string path;
    bool grayscale = false, unit_range = true;
    PicturePlacement placement;
  };
  struct Snapshot {
    Session session;
    PictureSnapshot picture;
    // Redo only: an invalid draft that undo dropped, over this same session.
    std::optional<LayerSpec> invalid_draft = std::nullopt;
  };
  std::vector<Snapshot> undo_stack, redo_stack;
  bool dirty = false;        // differs from `saved`
  Session saved;             // the session as last opened or saved
  std::string session_path;  // where Ctrl+S saves; empty until saved once
  PictureView picture;
  std::string samples_dir;    // where File ▸ Samples looks; empty hides it
  int64_t picture_grid = 28;  // cells along a picture's longer side, like MNIST
  // A picture opens on the whole of it when it is no bigger than
  // picture_grid (or --grid asked for that), else on a region this big in
  // its middle, where the numbers stay readable.
  bool picture_grid_chosen = false;
  static constexpr int64_t kRegionSide = 8;
  StatusMessage status;  // the last file message, shown in the status line

  ViewOptions view;
  bool playing = false;
  double play_accumulator = 0.0;  // seconds since the last automatic step
  float zoom = 1.0f;
  float pan_x = 0.0f, pan_y = 0.0f;
  float brush_value = 1.0f;  // what drag-painting writes
  // The "square" locks: one slider sets h and w, as PyTorch's single int does.
  bool kernel_square = true, stride_square = true, padding_square = true, dilation_square = true;
  bool merge_next_edit = false;  // a continuing slider drag: one undo step for the whole drag
  int drag_edits = 0;            // edits made by the active slider since it was grabbed

  GridCell hovered;                     // set by the canvas each frame
  int64_t hovered_term = -1;            // the product linked across canvas and step panel
  int64_t hovered_term_next = -1;       // what this frame's hovering sets; read next frame
  std::optional<GridCell> editing;      // the cell whose value is being typed
  std::optional<GridCell> pressed;      // where the left button went down on the canvas
  bool painting = false;                // the press became a drag that paints cells
  bool panning = false;                 // the left button went down between the grids
  GridKind menu_grid = GridKind::None;  // the grid whose context menu is open
  int64_t menu_channel = 0;
  bool fill_one_channel = false;
  uint32_t fill_seed = 1;                              // advances with every random fill
  ChannelMode kernel_channels = ChannelMode::AsGiven;  // named kernels over several channels
  float gaussian_sigma = 1.0f;                         // the Gaussian's sigma, in cells
  // The last named kernel put into the whole weight and the weight it left:
  // while the weight is still that (no cell edited, not undone), a new
  // kernel size rebuilds it (Sobel x stays Sobel x at 5×5).
  std::optional<FillSource> named_kernel;
  Tensor named_kernel_weights;

  PendingAction pending = PendingAction::None;
  std::string file_dialog_path;  // the path field of the open/save dialog
  bool file_dialog_saving = false;
  bool file_dialog_picture = false;  // File ▸ Open image…
  bool file_dialog_open = false;
  std::string file_dialog_error;  // shown inside the dialog, which stays open
  bool show_shortcuts = false;
  bool export_dialog_open = false;
  ExportRequest export_draft;                   // what the export dialog shows
  std::optional<ExportRequest> export_request;  // taken by the shell
  ExportProgress export_progress;
  PendingAction after_save = PendingAction::None;  // "save changes?" answered Save: then this

  // Set by the shell: ends the frame loop's wait for events, so what a
  // background job finished shows without a mouse move. Called from the
  // job's thread.
  std::function<void()> wake_window;
  bool quit_requested = false;        // the frame loop closes the window when true
  bool fullscreen_requested = false;  // toggled by F11; the shell acts on it
  bool fonts_stale = true;            // text scale changed: rebuild the atlas
  FontSet fonts;                      // set by the shell after each rebuild

  // Screen rectangles of named widgets and grid cells from the last frame,
  // so tests (and the connector lines) can find what was drawn where.
  std::map<std::string, Rect> item_rects;
  // What some of them show, by the same names ("canvas.current_output":
  // its value, or the running sum in fine steps), for the tests.
  std::map<std::string, std::string> item_texts;
  DrawnCanvas drawn;
  // Large text on a small window: the parameters leave the canvas its room
  // and open over it as a drawer (Tab, or the canvas's button).
  bool parameters_docked = true;
  bool parameters_drawer_open = false;
  bool parameters_drawer_focus = false;  // brought to the front as it opens
  bool transport_compact = false;        // playback in one row, its options in a popup
};

// A state showing `session`, with everything derived marked stale.
AppState make_app_state(const Session& session);

// After the session changed as a whole (undo, redo, open): the widgets show
// its spec again and no half-done mouse gesture survives.
void sync_widgets_to_session(AppState& state);

// Unlocks each "square" lock whose pair the draft holds unequal.
void unlock_unequal_pairs(AppState& state);

// The named kernel the weight still is, or null once it was edited.
const FillSource* intact_named_kernel(const AppState& state);

// Recomputes what is stale: the output (once per frame at most) and the
// trace of the current step.
void refresh(AppState& state);

}  // namespace convviz::ui
