#pragma once
// Renders export pictures offscreen: its own ImGui context with the OpenGL 3
// backend, a font atlas built at the picture's scale (crisp, not an upscaled
// screenshot) and a framebuffer of the picture's size. Needs a current
// OpenGL 3.3 context; leaves the caller's ImGui context current.
#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>

#include "core/model/result.h"
#include "render/png.h"
#include "ui/app_state.h"
#include "ui/export_view.h"

struct ImGuiContext;

namespace convviz {

// A frame's layout report (ui/layout_report.h), for --layout and the tests
// that check a picture against it.
Status write_layout(const std::string& path, const nlohmann::json& layout);

class ExportRenderer {
 public:
  static Result<std::unique_ptr<ExportRenderer>> create(const ui::ExportOptions& options);
  ~ExportRenderer();
  ExportRenderer(const ExportRenderer&) = delete;
  ExportRenderer& operator=(const ExportRenderer&) = delete;

  // The picture of `step` of `base`'s session.
  render::Image render(const ui::AppState& base, int64_t step);
  // Where the last picture drew each named thing (e.g. "canvas.window")
  // and what its cells show.
  const nlohmann::json& layout() const { return layout_; }
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  explicit ExportRenderer(const ui::ExportOptions& options) : options_(options) {}
  ui::ExportOptions options_;
  ImGuiContext* context_ = nullptr;
  ImGuiContext* previous_ = nullptr;
  unsigned framebuffer_ = 0, texture_ = 0;
  int width_ = 0, height_ = 0;
  ui::FontSet fonts_;
  nlohmann::json layout_;
};

}  // namespace convviz
