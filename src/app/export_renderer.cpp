#include "app/export_renderer.h"

#include <glad/gl.h>
#include <imgui.h>

#include <backends/imgui_impl_opengl3.h>
#include <nlohmann/json.hpp>

#include "core/io/atomic_file.h"

#include "ui/fonts.h"
#include "ui/layout_report.h"
#include "ui/theme.h"

namespace convviz {
namespace {

// Makes `context` current for a scope and restores the previous one.
class CurrentContext {
 public:
  explicit CurrentContext(ImGuiContext* context) : previous_(ImGui::GetCurrentContext()) {
    ImGui::SetCurrentContext(context);
  }
  ~CurrentContext() { ImGui::SetCurrentContext(previous_); }

 private:
  ImGuiContext* previous_;
};

}  // namespace

Status write_layout(const std::string& path, const nlohmann::json& layout) {
  return write_file_atomically(path, layout.dump(1) + "\n");
}

Result<std::unique_ptr<ExportRenderer>> ExportRenderer::create(const ui::ExportOptions& options) {
  if (options.scale != 1 && options.scale != 2 && options.scale != 4) {
    return Error{"the scale must be 1, 2 or 4, not " + std::to_string(options.scale)};
  }
  std::unique_ptr<ExportRenderer> r(new ExportRenderer(options));
  r->width_ = ui::kExportWidth * options.scale;
  r->height_ = ui::kExportHeight * options.scale;
  GLint largest = 0;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &largest);
  if (r->width_ > largest || r->height_ > largest) {
    return Error{"this OpenGL cannot render " + std::to_string(r->width_) + "x" +
                 std::to_string(r->height_) + " pictures (at most " + std::to_string(largest) +
                 ")"};
  }
  glGenTextures(1, &r->texture_);
  glBindTexture(GL_TEXTURE_2D, r->texture_);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, r->width_, r->height_, 0, GL_RGBA, GL_UNSIGNED_BYTE,
               nullptr);
  glGenFramebuffers(1, &r->framebuffer_);
  glBindFramebuffer(GL_FRAMEBUFFER, r->framebuffer_);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, r->texture_, 0);
  glBindTexture(GL_TEXTURE_2D, 0);
  const bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  if (!complete) return Error{"cannot make an offscreen framebuffer for the export"};

  r->context_ = ImGui::CreateContext();
  CurrentContext current(r->context_);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(float(r->width_), float(r->height_));
  const float text_scale = ui::kExportTextScale * float(options.scale);
  r->fonts_ = ui::build_fonts(text_scale);
  ui::apply_theme(options.theme, text_scale);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  return r;
}

ExportRenderer::~ExportRenderer() {
  if (context_) {
    CurrentContext current(context_);
    ImGui_ImplOpenGL3_Shutdown();
  }
  if (context_) ImGui::DestroyContext(context_);
  if (framebuffer_) glDeleteFramebuffers(1, &framebuffer_);
  if (texture_) glDeleteTextures(1, &texture_);
}

render::Image ExportRenderer::render(const ui::AppState& base, int64_t step) {
  CurrentContext current(context_);
  ui::AppState state = ui::export_state(base, step, options_);
  state.fonts = fonts_;
  state.fonts_stale = false;
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  // Two frames: the first settles window sizes and text wrapping.
  for (int frame = 0; frame < 2; ++frame) {
    io.DeltaTime = 1.0f / 60.0f;
    ImGui_ImplOpenGL3_NewFrame();  // makes the shaders and the font texture the first time
    ImGui::NewFrame();
    ui::draw_export_view(state, options_);
    ImGui::Render();
  }
  // The window's frame sets its own viewport and clear colour; keep them.
  GLint viewport[4];
  GLfloat clear_before[4];
  glGetIntegerv(GL_VIEWPORT, viewport);
  glGetFloatv(GL_COLOR_CLEAR_VALUE, clear_before);
  glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_);
  glViewport(0, 0, width_, height_);
  const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(clear.x, clear.y, clear.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  render::Image image = render::read_framebuffer(width_, height_);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
  glClearColor(clear_before[0], clear_before[1], clear_before[2], clear_before[3]);
  layout_ = ui::layout_report(state, float(width_), float(height_));
  return image;
}

}  // namespace convviz
