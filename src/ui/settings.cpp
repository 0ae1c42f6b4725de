#include "ui/settings.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "core/atomic_file.h"
#include "core/spec_json.h"

namespace convviz::ui {
namespace {

constexpr float kScales[] = {1.0f, 1.25f, 1.5f, 1.75f, 2.0f, 2.5f, 3.0f};

std::string file_in_config(const char* name) {
  const std::string dir = config_dir();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  return dir + "/" + name;
}

}  // namespace

std::string config_dir() {
  if (const char* dir = std::getenv("CONVVIZ_CONFIG_DIR"); dir && *dir) return dir;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) {
    return std::string(xdg) + "/convviz";
  }
  const char* home = std::getenv("HOME");
  return std::string(home ? home : ".") + "/.config/convviz";
}

ViewOptions load_view_options() {
  ViewOptions view;
  Result<nlohmann::json> doc = read_json_file(file_in_config("settings.json"));
  if (!doc || !doc->is_object()) return view;
  const nlohmann::json& j = *doc;
  if (j.value("language", "") == "zh") view.language = Language::Zh;
  if (j.value("theme", "") == "light") view.theme = Theme::Light;
  const double scale = j.value("text_scale", 1.0);
  if (std::isfinite(scale)) view.text_scale = std::clamp(float(scale), 1.0f, 3.0f);
  const double speed = j.value("steps_per_second", 2.0);
  if (std::isfinite(speed)) view.steps_per_second = std::clamp(float(speed), 0.25f, 20.0f);
  view.restore_last_session = j.value("restore_last_session", true);
  return view;
}

Status save_view_options(const ViewOptions& view) {
  const nlohmann::json j = {{"language", view.language == Language::Zh ? "zh" : "en"},
                            {"theme", view.theme == Theme::Light ? "light" : "dark"},
                            {"text_scale", view.text_scale},
                            {"steps_per_second", view.steps_per_second},
                            {"restore_last_session", view.restore_last_session}};
  return write_file_atomically(file_in_config("settings.json"), j.dump(1) + "\n");
}

std::optional<Session> load_last_session() {
  Result<Session> s = load_session(file_in_config("last_session.json"));
  if (!s) return std::nullopt;
  return *s;
}

Status save_last_session(const Session& session) {
  return save_session(file_in_config("last_session.json"), session);
}

float next_text_scale(float scale, int direction) {
  if (direction > 0) {
    for (float s : kScales) {
      if (s > scale + 0.01f) return s;
    }
    return kScales[std::size(kScales) - 1];
  }
  for (auto it = std::rbegin(kScales); it != std::rend(kScales); ++it) {
    if (*it < scale - 0.01f) return *it;
  }
  return kScales[0];
}

}  // namespace convviz::ui
