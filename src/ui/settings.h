#pragma once
// What the window remembers between runs: the view options and the last
// session, in the user's config folder ($CONVVIZ_CONFIG_DIR, else
// $XDG_CONFIG_HOME/convviz, else ~/.config/convviz).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/lesson/session.h"
#include "core/model/result.h"
#include "ui/app_state.h"

namespace convviz::ui {

std::string config_dir();

// A file in the config folder that could not be read: renamed to
// `moved_to` (empty when even that failed) and reported in the status line.
struct SetAside {
  std::string file, moved_to, reason;
  bool operator==(const SetAside&) const = default;
};
StatusMessage set_aside_message(const SetAside& note);
std::string set_aside_text(Language language, const SetAside& note);

// Defaults when there is no (valid) file; an unreadable one is set aside.
ViewOptions load_view_options(std::optional<SetAside>& set_aside);
// What a settings.json document says, without the disk (the fuzzer calls
// it): defaults for what is missing, of the wrong kind or out of range.
ViewOptions view_options_from_json(const nlohmann::json& document);
Status save_view_options(const ViewOptions& view);

std::optional<Session> load_last_session(std::optional<SetAside>& set_aside);
Status save_last_session(const Session& session);

// Text size steps offered by the View menu and Ctrl+= / Ctrl+-.
float next_text_scale(float scale, int direction);

}  // namespace convviz::ui
