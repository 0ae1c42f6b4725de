#pragma once
// Small building blocks the panels share.
#include <imgui.h>

#include <string>
#include <string_view>

#include "ui/app_state.h"

namespace convviz::ui {

// Remembers the last item's screen rectangle under `name` (for tests and
// for drawing connectors between panels).
void remember_item(AppState& state, const std::string& name);

// The messages validate() gives for `field`, in the error colour, wrapped.
void field_errors(const AppState& state, const char* field);

// A labelled row: the label in the first column (as wide as the widest
// label of the panel, set with set_label_column), then the widgets.
void set_label_column(float width);
void row_label(const char* text);

// SameLine when `width` more pixels fit on the current line; else a new line.
void same_line_if_fits(float width);

// An int64 from min to max, dragged sideways (one per font height) or
// typed after a Ctrl+click or double-click (any value).
bool int_slider(const char* id, int64_t& value, int64_t min, int64_t max, float width);

// Wraps an expression between its terms ("…+1×7+" never breaks inside a
// number), in the current font, within `width` (see formula_lines.h).
std::string wrapped_expression(const std::string& text, float width);

// The width of `text` in the current font.
float text_width(std::string_view text);

// While the draft is invalid a panel shows the last valid layer's figures:
// this says so in a line (remembered as `note_item`) and dims the rest of
// the panel, until it goes out of scope.
class DimmedWhileInvalid {
 public:
  DimmedWhileInvalid(AppState& state, const std::string& note_item);
  ~DimmedWhileInvalid();
  DimmedWhileInvalid(const DimmedWhileInvalid&) = delete;
  DimmedWhileInvalid& operator=(const DimmedWhileInvalid&) = delete;

 private:
  bool dimmed_;
};

// Marks the coming edit as part of the drag of the item just drawn, so a
// whole drag is one undo step.
void note_drag(AppState& state);

}  // namespace convviz::ui
