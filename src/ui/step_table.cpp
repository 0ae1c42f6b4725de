// The table of the step's products (see step_table.h).
#include "ui/step_table.h"

#include <imgui.h>

#include <algorithm>
#include <optional>

#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace convviz::ui {
namespace {

// How the table fits the panel: the first of kTableLayouts whose columns,
// each as wide as its widest text, fit without a sideways scrollbar.
struct TableLayout {
  bool merged_index;              // "c,ky,kx" in one column rather than three
  bool padding_word;              // "0 (padding)"; else the padding colour alone marks it
  bool symbol_headers;            // "x", "w", "w×x" for input, weight, product
  bool index_in_tooltip = false;  // no index column: the row's tooltip names c_in, ky, kx
};
constexpr TableLayout kTableLayouts[] = {{false, true, false},
                                         {true, true, false},
                                         {true, false, false},
                                         {true, false, true},
                                         {true, false, true, true}};

struct TermTexts {
  std::string c_in, ky, kx, index, input, weight, product;
};

// The widest text of each kind, headers apart.
struct TextWidths {
  float c_in = 0, ky = 0, kx = 0, index = 0, input = 0, padded_input = 0, weight = 0, product = 0;
};

struct Column {
  std::string header, tooltip;
  float width = 0;
};

TermTexts term_texts(const TraceTerm& term) {
  TermTexts texts;
  texts.c_in = std::to_string(term.c_in);
  texts.ky = std::to_string(term.ky);
  texts.kx = std::to_string(term.kx);
  texts.index = texts.c_in + "," + texts.ky + "," + texts.kx;
  texts.input = format_number(term.input);
  texts.weight = format_number(term.weight);
  texts.product = format_number(term.product);
  return texts;
}

std::string padding_word(const AppState& state) {
  return std::string(" (") + tr(state, S::PaddingCell) + ")";
}

TextWidths text_widths(const AppState& state, const std::vector<TermTexts>& rows) {
  const StepTrace& t = state.trace;
  const float word = text_width(padding_word(state));
  TextWidths w;
  for (size_t i = 0; i < rows.size(); ++i) {
    const TermTexts& r = rows[i];
    w.c_in = std::max(w.c_in, text_width(r.c_in));
    w.ky = std::max(w.ky, text_width(r.ky));
    w.kx = std::max(w.kx, text_width(r.kx));
    w.index = std::max(w.index, text_width(r.index));
    const float input = text_width(r.input);
    w.input = std::max(w.input, input);
    w.padded_input = std::max(w.padded_input, input + (t.terms[i].is_padding ? word : 0.0f));
    w.weight = std::max(w.weight, text_width(r.weight));
    w.product = std::max(w.product, text_width(r.product));
  }
  return w;
}

std::vector<Column> table_columns(const AppState& state, const TableLayout& layout,
                                  const TextWidths& w) {
  const auto column = [](const std::string& header, const std::string& tooltip, float content) {
    return Column{header, tooltip, std::max(text_width(header), content)};
  };
  std::vector<Column> columns;
  if (layout.index_in_tooltip) {
    // the narrowest panel: hovering a row also outlines its cells on the canvas
  } else if (layout.merged_index) {
    columns.push_back(column("c,ky,kx", "c_in, ky, kx", w.index));
  } else {
    columns.push_back(column("c_in", "", w.c_in));
    columns.push_back(column("ky", "", w.ky));
    columns.push_back(column("kx", "", w.kx));
  }
  const std::string input = tr(state, S::InputValue), weight = tr(state, S::WeightValue),
                    product = tr(state, S::Product);
  const bool symbols = layout.symbol_headers;
  columns.push_back(column(symbols ? "x" : input, symbols ? input : "",
                           layout.padding_word ? w.padded_input : w.input));
  columns.push_back(column(symbols ? "w" : weight, symbols ? weight : "", w.weight));
  columns.push_back(column(symbols ? "w\u00d7x" : product, symbols ? product : "", w.product));
  return columns;
}

float table_width(const std::vector<Column>& columns) {
  const ImGuiStyle& style = ImGui::GetStyle();
  float width = 0;
  for (const Column& c : columns) width += c.width + 2 * style.CellPadding.x + 1;  // + a border
  return width;
}

struct ChosenTable {
  TableLayout layout;
  std::vector<Column> columns;
  bool scroll_x = false;  // not even the narrowest layout fits
};

ChosenTable choose_table(const AppState& state, const TextWidths& widths) {
  // The vertical scrollbar's room is kept whether or not it shows, so the
  // layout does not change with the number of products.
  const float room = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize;
  for (const TableLayout& layout : kTableLayouts) {
    std::vector<Column> columns = table_columns(state, layout, widths);
    if (table_width(columns) <= room) return {layout, std::move(columns), false};
  }
  const TableLayout& narrowest = kTableLayouts[std::size(kTableLayouts) - 1];
  return {narrowest, table_columns(state, narrowest, widths), true};
}

// Numbers right-aligned, so their digits line up down a column.
void right_aligned(const std::string& text, float column_width,
                   std::optional<ImU32> colour = std::nullopt) {
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, column_width - text_width(text)));
  if (colour) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(*colour), "%s", text.c_str());
  } else {
    ImGui::TextUnformatted(text.c_str());
  }
}

// Fine steps: the table follows the current product, once each time it
// changes (the user may scroll away from it in between).
void follow_current_row(int64_t step, int64_t term, const Rect& row, float view_top) {
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID step_key = ImGui::GetID("##followed_step"), term_key = ImGui::GetID("##followed");
  if (storage->GetInt(step_key, -1) == int(step) && storage->GetInt(term_key, -1) == int(term)) {
    return;
  }
  storage->SetInt(step_key, int(step));
  storage->SetInt(term_key, int(term));
  const float view_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight();
  if (row.y0 < view_top || row.y1 > view_bottom) {
    ImGui::SetScrollY(ImGui::GetScrollY() + row.center_y() - (view_top + view_bottom) / 2);
  }
}

void table_headers(AppState& state, const std::vector<Column>& columns) {
  for (size_t c = columns.size(); c < 6; ++c) {
    state.item_rects.erase("step.table.column." + std::to_string(c));
  }
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (size_t c = 0; c < columns.size(); ++c) {
    ImGui::TableSetColumnIndex(int(c));
    ImGui::TableHeader(columns[c].header.c_str());
    remember_item(state, "step.table.column." + std::to_string(c));
    if (!columns[c].tooltip.empty() && ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s", columns[c].tooltip.c_str());
    }
  }
}

}  // namespace

void draw_terms_table(AppState& state, const FineStep& fine, float height) {
  const StepTrace& t = state.trace;
  const Palette& colors = palette(state.view.theme);
  std::vector<TermTexts> rows;
  rows.reserve(t.terms.size());
  for (const TraceTerm& term : t.terms) rows.push_back(term_texts(term));
  const ChosenTable table = choose_table(state, text_widths(state, rows));
  state.item_rects.erase("step.table.current_row");
  const bool no_index = table.layout.index_in_tooltip;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit |
                                (table.scroll_x ? ImGuiTableFlags_ScrollX : 0);
  const int count = int(table.columns.size());
  if (!ImGui::BeginTable("##terms", count, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  for (const Column& c : table.columns) {
    ImGui::TableSetupColumn(c.header.c_str(), ImGuiTableColumnFlags_WidthFixed, c.width);
  }
  table_headers(state, table.columns);
  const float view_top = ImGui::GetItemRectMax().y;
  const std::vector<Column>& cols = table.columns;
  const size_t value_column = no_index ? 0 : table.layout.merged_index ? 1 : 3;
  int64_t hovered = -1;
  for (size_t i = 0; i < t.terms.size(); ++i) {
    const TraceTerm& term = t.terms[i];
    const TermTexts& texts = rows[i];
    const bool current = int64_t(i) == fine.current_term;
    ImGui::TableNextRow();
    if (current)
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, faded(colors.current_term, 0.4f));
    if (int64_t(i) == state.hovered_term) {
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, faded(colors.hover, 0.35f));
    }
    ImGui::PushID(int(i));
    ImGui::TableNextColumn();
    const std::string& index = table.layout.merged_index ? texts.index : texts.c_in;
    // Without an index column the row is a selectable under its values.
    ImGui::Selectable(no_index ? "##row" : index.c_str(), false,
                      ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap);
    ImGui::PopID();
    const bool row_hovered = ImGui::IsItemHovered();
    if (row_hovered && no_index) {
      ImGui::SetTooltip("c_in %s, ky %s, kx %s", texts.c_in.c_str(), texts.ky.c_str(),
                        texts.kx.c_str());
    }
    const Rect row_rect{ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y,
                        ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y};
    if (no_index) ImGui::SameLine(0, 0);
    if (row_hovered) hovered = int64_t(i);
    if (current) {
      state.item_rects["step.table.current_row"] = row_rect;  // erased before the table
      follow_current_row(t.step, fine.current_term, row_rect, view_top);
    }
    if (!table.layout.merged_index) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(texts.ky.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(texts.kx.c_str());
    }
    if (!no_index) ImGui::TableNextColumn();
    if (term.is_padding) {
      const std::string input =
          texts.input + (table.layout.padding_word ? padding_word(state) : std::string());
      right_aligned(input, cols[value_column].width, colors.padding_text);
    } else {
      right_aligned(texts.input, cols[value_column].width);
    }
    ImGui::TableNextColumn();
    right_aligned(texts.weight, cols[value_column + 1].width);
    ImGui::TableNextColumn();
    if (int64_t(i) < fine.products) right_aligned(texts.product, cols[value_column + 2].width);
  }
  ImGui::EndTable();
  remember_item(state, "step.table");
  if (hovered >= 0) state.hovered_term = state.hovered_term_next = hovered;
}

}  // namespace convviz::ui
