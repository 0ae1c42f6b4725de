#include "ui/settings.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "core/io/atomic_file.h"
#include "core/io/session_json.h"
#include "core/io/spec_json.h"
#include "ui/strings.h"

namespace convviz::ui {
namespace {

constexpr float kScales[] = {1.0f, 1.25f, 1.5f, 1.75f, 2.0f, 2.5f, 3.0f};

std::string file_in_config(const char* name) {
  const std::string dir = config_dir();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  return dir + "/" + name;
}

// A setting of the expected kind, else the fallback: a hand-edited or
// corrupt settings file must not stop the window from opening.
double number_or(const nlohmann::json& j, const char* key, double fallback) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return fallback;
  const double value = it->get<double>();
  return std::isfinite(value) ? value : fallback;
}

std::string text_or(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

// A file that exists but cannot be read is renamed to NAME.bad (replacing
// an older one), so the window opens with defaults now and next time, and
// nothing the user might want to rescue is deleted.
std::optional<SetAside> set_aside_if_present(const std::string& path, const Error& why) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  SetAside note{std::filesystem::path(path).filename().string(), "", why.message};
  const std::string bad = path + ".bad";
  std::filesystem::rename(path, bad, ec);
  if (!ec) note.moved_to = std::filesystem::path(bad).filename().string();
  return note;
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

ViewOptions load_view_options(std::optional<SetAside>& set_aside) {
  const std::string path = file_in_config("settings.json");
  Result<nlohmann::json> doc = read_json_file(path, kMaxConfigBytes);
  if (doc && !doc->is_object()) doc = Error{"it holds " + describe_json(*doc) + ", not an object"};
  if (!doc) set_aside = set_aside_if_present(path, doc.error());
  return doc ? view_options_from_json(*doc) : ViewOptions{};
}

ViewOptions view_options_from_json(const nlohmann::json& j) {
  ViewOptions view;
  if (!j.is_object()) return view;
  if (text_or(j, "language") == "zh") view.language = Language::Zh;
  if (text_or(j, "theme") == "light") view.theme = Theme::Light;
  view.text_scale = std::clamp(float(number_or(j, "text_scale", 1.0)), 1.0f, 3.0f);
  view.steps_per_second = std::clamp(float(number_or(j, "steps_per_second", 2.0)), 0.25f, 20.0f);
  const auto restore = j.find("restore_last_session");
  view.restore_last_session = restore == j.end() || !restore->is_boolean() || restore->get<bool>();
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

std::optional<Session> load_last_session(std::optional<SetAside>& set_aside) {
  const std::string path = file_in_config("last_session.json");
  Result<Session> s = load_session(path);
  if (!s) {
    set_aside = set_aside_if_present(path, s.error());
    return std::nullopt;
  }
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

StatusMessage set_aside_message(const SetAside& note) {
  StatusMessage message;
  message.add(note.file + " ");
  message.add(note.moved_to.empty() ? S::SettingsUnreadable : S::SettingsSetAside);
  if (!note.moved_to.empty()) message.add(" " + note.moved_to);
  message.add(S::Colon).add(note.reason);
  message.error = true;
  return message;
}

std::string set_aside_text(Language language, const SetAside& note) {
  return status_text(language, set_aside_message(note));
}

}  // namespace convviz::ui
