#pragma once
// A session as JSON: {"convviz_session": 1, "config": {"layer": "Conv2d",
// ...}, "input": {"shape", "data"}, "weight", "bias", "step"}. NaN and
// infinities are the strings "nan", "inf" and "-inf".
#include <nlohmann/json.hpp>
#include <string>

#include "core/lesson/session.h"
#include "core/model/result.h"

namespace convviz {

nlohmann::json session_to_json(const Session& session);
// Errors name the key at fault; the result always passes check_session.
Result<Session> session_from_json(const nlohmann::json& document);

// Staged and renamed: a failed save leaves the previous file as it was.
Status save_session(const std::string& path, const Session& session);
Result<Session> load_session(const std::string& path);

}  // namespace convviz
