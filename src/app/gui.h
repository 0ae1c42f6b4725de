#pragma once
// The window: GLFW + OpenGL 3.3 core + Dear ImGui, the frame loop, and the
// screenshot mode the tests and the README use.
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "app/cli_args.h"
#include "core/lesson/named_kernels.h"

namespace convviz {

struct GuiOptions {
  std::optional<std::string> preset;
  std::optional<std::string> session_file;
  // `convviz FILE`, as a file manager runs it: a session or a picture opened
  // as a drop opens it, so that a bad one leaves a message, not no window.
  std::optional<std::string> open_file;
  std::optional<int64_t> step;
  std::optional<int64_t> products;      // --products K: fine steps, K products of the step added
  bool reveal = false;                  // --reveal: outputs not reached yet stay blank
  std::optional<std::string> language;  // "en" or "zh"
  std::optional<float> text_scale;
  std::optional<std::string> theme;  // "dark" or "light"
  int width = 1600, height = 900;
  std::optional<std::string> screenshot;  // write a PNG of the window and exit
  std::optional<std::string>
      dump_layout;  // with --screenshot: --layout OUT.json (ui/layout_report.h)
  bool restore = true;
  bool report_timing = false;
  std::optional<std::string> image;  // a picture as the input grid
  bool grayscale = false;
  std::optional<int64_t> grid;  // cells along the picture's longer side: the whole picture
  std::optional<std::pair<int64_t, int64_t>> region;  // --region TOP,LEFT: the grid on a region
  std::optional<Fill> kernel;                         // --kernel sobel-x: a library kernel
};

// Checks the values; errors name the option.
Result<GuiOptions> gui_options(const CliArgs& args);

// Where the sample pictures are (File ▸ Sample pictures), or "" if nowhere.
std::string samples_dir();

int run_gui(const GuiOptions& options, std::ostream& err);

}  // namespace convviz
