#include "ui/layout_report.h"

namespace convviz::ui {
namespace {

nlohmann::json rect(const Rect& r) { return {r.x0, r.y0, r.x1, r.y1}; }

const char* grid_name(GridKind kind) {
  switch (kind) {
    case GridKind::Input:
      return "input";
    case GridKind::Kernel:
      return "kernel";
    case GridKind::Output:
      return "output";
    case GridKind::None:
      break;
  }
  return "none";
}

nlohmann::json cell_json(const DrawnCell& c) {
  nlohmann::json j = {{"grid", grid_name(c.grid)},
                      {"n", c.n},
                      {"c", c.c},
                      {"y", c.y},
                      {"x", c.x},
                      {"padding", c.padding},
                      {"rect", rect(c.rect)},
                      {"text", c.text},
                      {"value", c.value},
                      {"text_px", c.text_px},
                      {"approximate", c.approximate}};
  if (!c.text.empty()) j["text_rect"] = rect(c.text_rect);
  if (c.loupe) j["loupe"] = true;
  if (c.partial) j["partial"] = true;
  return j;
}

}  // namespace

nlohmann::json layout_report(const AppState& state, float width, float height) {
  nlohmann::json report = nlohmann::json::object();
  for (const auto& [name, r] : state.item_rects) report[name] = rect(r);
  report["texts"] = state.item_texts;
  report["window"] = {width, height};
  report["text_px"] = state.fonts.size;
  report["canvas"] = rect(state.drawn.area);
  nlohmann::json cells = nlohmann::json::array();
  for (const DrawnCell& c : state.drawn.cells) cells.push_back(cell_json(c));
  report["cells"] = std::move(cells);
  nlohmann::json connectors = nlohmann::json::array();
  for (const auto& line : state.drawn.connectors) {
    nlohmann::json points = nlohmann::json::array();
    for (const auto& [x, y] : line) points.push_back({x, y});
    connectors.push_back(std::move(points));
  }
  report["connectors"] = std::move(connectors);
  return report;
}

}  // namespace convviz::ui
