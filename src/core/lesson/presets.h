#pragma once
// Ready-made lessons, each carrying its own tensors.
#include <optional>
#include <string>
#include <vector>

#include "core/lesson/session.h"

namespace convviz {

struct Preset {
  std::string name;         // for --preset, e.g. "textbook"
  std::string description;  // one line for people
  Session session;
};

const std::vector<Preset>& presets();
std::optional<Session> find_preset(const std::string& name);
std::string preset_names();  // "textbook, torch-ones, ..."

}  // namespace convviz
