#include "app/gui.h"

#include <glad/gl.h>
// glad first: GLFW must not pull in the system GL header.
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "app/interrupts.h"
#include "app/picture_textures.h"
#include "app/window_export.h"
#include "core/io/atomic_file.h"
#include "core/io/session_json.h"
#include "core/lesson/presets.h"
#include "render/export_job.h"
#include "render/image_file.h"
#include "render/png.h"
#include "ui/edits.h"
#include "ui/file_actions.h"
#include "ui/fonts.h"
#include "ui/kernel_library.h"
#include "ui/layout_report.h"
#include "ui/panels.h"
#include "ui/picture_mode.h"
#include "ui/settings.h"
#include "ui/strings.h"
#include "ui/theme.h"

namespace convviz {
namespace {

using Clock = std::chrono::steady_clock;

// Frames rendered before a screenshot: fonts built, layout and popups settled.
constexpr int kScreenshotFrames = 6;

struct Shell {
  GLFWwindow* window = nullptr;
  WindowExport exporting;
  PictureTextures picture;
  std::vector<std::string> dropped;
  int windowed_x = 100, windowed_y = 100, windowed_w = 1600, windowed_h = 900;
  std::string title;
};

// "ConvViz — lesson.json *": the file, and a star while changes are unsaved.
void update_title(Shell& shell, const ui::AppState& state) {
  std::string title = "ConvViz";
  if (!state.session_path.empty()) {
    title += " — " + std::filesystem::path(state.session_path).filename().string();
  }
  if (state.dirty) title += " *";
  if (title == shell.title) return;
  shell.title = title;
  glfwSetWindowTitle(shell.window, title.c_str());
}

}  // namespace

// share/convviz/ relative to the binary when installed (under any prefix),
// else the source tree's assets/ for a binary run from its build folder.
std::string samples_dir() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  for (const std::filesystem::path& dir :
       {exe.parent_path() / CONVVIZ_DATA_FROM_BINARY, std::filesystem::path(CONVVIZ_ASSETS_DIR)}) {
    if (std::filesystem::exists(dir / "scene.png", ec)) return dir.lexically_normal().string();
  }
  return "";
}

namespace {

// A dropped or double-clicked file: a picture by its extension, else a
// session. A failure leaves the window as it was, with the reason said.
void open_given_file(ui::AppState& state, const std::string& path) {
  if (render::has_picture_extension(path)) {
    ui::open_picture_file(state, path);
  } else {
    ui::open_session_file(state, path);
  }
}

Result<ui::AppState> initial_state(const GuiOptions& o) {
  std::optional<ui::SetAside> bad_settings, bad_last_session;  // corrupt files, set aside
  ui::ViewOptions view = o.restore ? ui::load_view_options(bad_settings) : ui::ViewOptions{};
  if (o.language) view.language = *o.language == "zh" ? ui::Language::Zh : ui::Language::En;
  if (o.theme) view.theme = *o.theme == "light" ? ui::Theme::Light : ui::Theme::Dark;
  if (o.text_scale) view.text_scale = *o.text_scale;

  Session session = *find_preset("textbook");
  std::string path;
  if (o.preset) {
    session = *find_preset(*o.preset);
  } else if (o.session_file) {
    Result<Session> loaded = load_session(*o.session_file);
    if (!loaded) return loaded.error();
    if (const auto limits = ui::window_limits(loaded->spec); !limits.empty()) {
      return Error{"'" + *o.session_file + "': " + join_messages(limits)};
    }
    session = *loaded;
    path = *o.session_file;
  } else if (o.restore && view.restore_last_session) {  // a file given opens over it
    auto last = ui::load_last_session(bad_last_session);
    if (last && ui::window_limits(last->spec).empty()) session = *last;
  }
  ui::AppState state = ui::make_app_state(session);
  state.view = view;
  state.session_path = path;
  state.samples_dir = samples_dir();
  state.picture_grid = o.grid.value_or(state.picture_grid);
  state.picture_grid_chosen = o.grid.has_value();
  state.picture.grayscale = o.grayscale;
  if (o.open_file) open_given_file(state, *o.open_file);
  if (o.image && !ui::open_picture_file(state, *o.image)) return Error{ui::status_text(state)};
  if (o.region && state.picture.open()) {
    ui::apply(state, ui::PlaceGrid{{ui::GridSource::Region, o.region->first, o.region->second}});
  }
  for (const auto& note : {bad_settings, bad_last_session}) {
    if (!note) continue;
    if (!state.status.empty()) state.status.add("; ");
    const ui::StatusMessage set_aside = ui::set_aside_message(*note);
    state.status.pieces.insert(state.status.pieces.end(), set_aside.pieces.begin(),
                               set_aside.pieces.end());
    state.status.error = true;
  }
  if (o.kernel && !ui::apply_library_kernel(state, *o.kernel)) {
    return Error{"--kernel " + std::string(fill_name(*o.kernel)) + " has no " +
                 std::to_string(sliding_window(state.session.spec).kernel_size.h) + "x" +
                 std::to_string(sliding_window(state.session.spec).kernel_size.w) + " form"};
  }
  if (o.step) {
    const int64_t steps = step_count(state.session.spec);
    if (*o.step < 0 || *o.step >= steps) {
      return Error{"--step " + std::to_string(*o.step) + " is out of range: this convolution has " +
                   std::to_string(steps) + " steps (0.." + std::to_string(steps - 1) + ")"};
    }
    ui::apply(state, ui::SetStep{*o.step});
  }
  if (o.reveal) state.view.reveal_outputs = true;
  if (o.products) {  // refresh() caps it at the step's products
    state.view.fine_steps = true;
    state.products_shown = *o.products;
  }
  return state;
}

void rebuild_fonts(ui::AppState& state) {
  state.fonts = ui::build_fonts(state.view.text_scale);
  ui::apply_theme(state.view.theme, state.view.text_scale);
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  state.fonts_stale = false;
}

void toggle_fullscreen(Shell& shell) {
  GLFWmonitor* monitor = glfwGetWindowMonitor(shell.window);
  if (monitor) {
    glfwSetWindowMonitor(shell.window, nullptr, shell.windowed_x, shell.windowed_y,
                         shell.windowed_w, shell.windowed_h, 0);
    return;
  }
  glfwGetWindowPos(shell.window, &shell.windowed_x, &shell.windowed_y);
  glfwGetWindowSize(shell.window, &shell.windowed_w, &shell.windowed_h);
  monitor = glfwGetPrimaryMonitor();
  if (const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr) {
    glfwSetWindowMonitor(shell.window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
  }
}

// Until the next frame: none while something moves on its own; else until
// an event (a finished background job posts one, see wake_window) or a slow
// heartbeat, idling without spinning a core. A few frames follow each wait,
// so what the event opened (a popup, a new size) settles on screen.
void wait_for_next_frame(bool animating, bool typing, int& settle_frames) {
  if (animating || settle_frames > 0) {
    settle_frames = animating ? 2 : settle_frames - 1;
    glfwPollEvents();
    return;
  }
  glfwWaitEventsTimeout(typing ? 1.0 / 30.0 : 0.5);  // a text cursor blinks
  settle_frames = 2;
}

// Runs frames until the window closes (or the screenshot is taken).
int frame_loop(Shell& shell, ui::AppState& state, const GuiOptions& o, std::ostream& err,
               Clock::time_point launched) {
  int settle_frames = 0;
  for (int frame = 0;; ++frame) {
    const bool computing = state.picture.worker && state.picture.worker->busy();
    wait_for_next_frame(o.screenshot || state.playing || shell.exporting.job || computing ||
                            state.export_request.has_value(),
                        ImGui::GetIO().WantTextInput, settle_frames);
    // SIGINT/SIGTERM/SIGHUP: quit as Quit does, without asking about unsaved
    // changes (nobody may be there to answer); run_gui still cancels the
    // export and saves what a quit saves.
    if (const int signal = interrupt_signal()) return interrupted_exit_status(signal);
    if (glfwWindowShouldClose(shell.window)) {
      glfwSetWindowShouldClose(shell.window, GLFW_FALSE);
      ui::request_quit(state);
    }
    for (const std::string& path : std::exchange(shell.dropped, {})) open_given_file(state, path);
    update_picture_textures(shell.picture, state);
    if (state.fonts_stale) rebuild_fonts(state);
    if (std::exchange(state.fullscreen_requested, false)) toggle_fullscreen(shell);

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // A screenshot shows the window as it is, not where Xvfb left the pointer.
    if (o.screenshot) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    ui::draw_app(state);
    ImGui::Render();
    int fb_width = 0, fb_height = 0;
    glfwGetFramebufferSize(shell.window, &fb_width, &fb_height);
    glViewport(0, 0, fb_width, fb_height);
    const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (frame == 0 && o.report_timing) {
      glFinish();
      err << "first frame "
          << std::chrono::duration<double, std::milli>(Clock::now() - launched).count()
          << " ms after launch\n";
    }
    // A screenshot of image mode waits for the feature maps it shows.
    const bool maps_shown =
        !state.picture.open() || shell.picture.maps_version == state.picture.maps_version;
    if (o.screenshot && frame + 1 >= kScreenshotFrames &&
        ((!computing && maps_shown) || frame > 50 * kScreenshotFrames)) {
      Status failed =
          render::write_png(*o.screenshot, render::read_framebuffer(fb_width, fb_height));
      if (!failed && o.dump_layout) {
        failed = write_layout(*o.dump_layout,
                              ui::layout_report(state, float(fb_width), float(fb_height)));
      }
      if (failed) {
        err << "convviz: " << failed->message << "\n";
        return 2;
      }
      return 0;
    }
    glfwSwapBuffers(shell.window);
    update_title(shell, state);
    // Exports render between frames, with their own ImGui context.
    if (state.export_request) start_export(shell.exporting, state);
    if (shell.exporting.job) continue_export(shell.exporting, state);
    if (state.quit_requested) return 0;
  }
}

void save_on_exit(const ui::AppState& state, std::ostream& err) {
  if (Status failed = ui::save_view_options(state.view)) {
    err << "convviz: settings not saved: " << failed->message << "\n";
  }
  if (!state.view.restore_last_session) return;
  if (Status failed = ui::save_last_session(state.session)) {
    err << "convviz: last session not saved: " << failed->message << "\n";
  }
}

}  // namespace

int run_gui(const GuiOptions& o, std::ostream& err) {
  const auto launched = Clock::now();
  // A signal is handled by the frame loop, so a quit's saving happens.
  const InterruptsDeferred deferred;
  Result<ui::AppState> state = initial_state(o);
  if (!state) {
    err << "convviz: " << state.error().message << "\n";
    return 2;
  }
  if (!glfwInit()) {
    err << "convviz: cannot open a window: no display found (set DISPLAY, or run headless "
           "under xvfb-run)\n";
    return 2;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  // WM_CLASS: the desktop entry's StartupWMClass, so the dock groups the
  // window under ConvViz's icon.
  glfwWindowHintString(GLFW_X11_CLASS_NAME, "convviz");
  glfwWindowHintString(GLFW_X11_INSTANCE_NAME, "convviz");
  Shell shell;
  shell.window = glfwCreateWindow(o.width, o.height, "ConvViz", nullptr, nullptr);
  if (!shell.window) {
    err << "convviz: cannot create an OpenGL 3.3 window (is a display and OpenGL 3.3 available?)\n";
    glfwTerminate();
    return 2;
  }
  glfwMakeContextCurrent(shell.window);
  glfwSwapInterval(1);
  if (!gladLoadGL(glfwGetProcAddress)) {
    err << "convviz: cannot load OpenGL 3.3 functions\n";
    glfwTerminate();
    return 2;
  }
  glfwSetWindowSizeLimits(shell.window, 1024, 700, GLFW_DONT_CARE, GLFW_DONT_CARE);
  glfwSetWindowUserPointer(shell.window, &shell);
  glfwSetDropCallback(shell.window, [](GLFWwindow* w, int count, const char** paths) {
    auto* s = static_cast<Shell*>(glfwGetWindowUserPointer(w));
    for (int i = 0; i < count; ++i) s->dropped.emplace_back(paths[i]);
  });

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // the layout is computed, not remembered
  ImGui_ImplGlfw_InitForOpenGL(shell.window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");

  state->wake_window = [] { glfwPostEmptyEvent(); };  // thread-safe in GLFW
  const int status = frame_loop(shell, *state, o, err, launched);
  state->picture.worker.reset();  // its thread may wake the window: not after glfwTerminate
  abandon_export(shell.exporting);
  shell.picture.textures.reset();  // while the GL context is still there
  if (!o.screenshot) save_on_exit(*state, err);

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(shell.window);
  glfwTerminate();
  return status;
}

}  // namespace convviz
