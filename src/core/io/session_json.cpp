#include "core/io/session_json.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/io/atomic_file.h"
#include "core/io/spec_json.h"

namespace convviz {
namespace {

using nlohmann::json;

constexpr int kFormatVersion = 1;

// JSON has no NaN or infinity: they are written as the strings "nan",
// "inf" and "-inf" so a session with them still opens.
json value_json(float v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return v;
}

std::optional<float> value_from_json(const json& v) {
  if (v.is_number()) return narrow_to_float(v.get<double>());
  if (v == "nan") return std::numeric_limits<float>::quiet_NaN();
  if (v == "inf") return std::numeric_limits<float>::infinity();
  if (v == "-inf") return -std::numeric_limits<float>::infinity();
  return std::nullopt;
}

json tensor_json(const Tensor& t) {
  json data = json::array();
  for (float v : t.data) data.push_back(value_json(v));
  return json{{"shape", t.shape}, {"data", std::move(data)}};
}

Result<Tensor> tensor_from_json(const json& doc, const std::string& key) {
  if (!doc.contains(key)) return Error{"session key \"" + key + "\" is missing"};
  const json& value = doc.at(key);
  if (!value.is_object() || !value.contains("shape") || !value.contains("data") ||
      !value["shape"].is_array() || !value["data"].is_array()) {
    return Error{"session key \"" + key +
                 "\" must be an object with \"shape\" and \"data\" arrays"};
  }
  Tensor t;
  for (const json& d : value["shape"]) {
    if (!d.is_number_integer() || d.get<int64_t>() < 0 || d.get<int64_t>() > kMaxExtent) {
      return Error{"session key " + quoted(key) + " has a bad shape"};
    }
    t.shape.push_back(d.get<int64_t>());
  }
  const json& data = value["data"];
  if (t.shape.size() > 4) {
    return Error{"session key \"" + key + "\" has " + std::to_string(t.shape.size()) +
                 " dimensions " + shape_text(t.shape) + "; a tensor here has at most 4"};
  }
  if (int64_t(data.size()) != element_count(t.shape)) {
    return Error{"session key \"" + key + "\" has " + std::to_string(data.size()) +
                 " values but its shape " + shape_text(t.shape) + " needs " +
                 std::to_string(element_count(t.shape))};
  }
  t.data.reserve(data.size());
  for (const json& v : data) {
    const std::optional<float> value = value_from_json(v);
    if (!value) {
      return Error{"session key " + quoted(key) +
                   " holds a value that is not a number: " + describe_json(v)};
    }
    t.data.push_back(*value);
  }
  return t;
}

}  // namespace

json session_to_json(const Session& s) {
  json doc{{"convviz_session", kFormatVersion},
           {"config", layer_to_config(s.spec)},
           {"input", tensor_json(s.input)},
           {"weight", tensor_json(s.weight)},
           {"step", s.step}};
  doc["bias"] = has_bias(s.spec) ? tensor_json(s.bias) : json(nullptr);
  return doc;
}

Result<Session> session_from_json(const json& doc) {
  if (!doc.is_object() || !doc.contains("convviz_session")) {
    return Error{"this is not a ConvViz session (the key \"convviz_session\" is missing)"};
  }
  if (doc["convviz_session"] != kFormatVersion) {
    return Error{"session format " + describe_json(doc["convviz_session"]) +
                 " is not supported (expected " + std::to_string(kFormatVersion) + ")"};
  }
  for (const auto& [key, value] : doc.items()) {
    static const char* known[] = {"convviz_session", "config", "input", "weight", "bias", "step"};
    if (std::find(std::begin(known), std::end(known), key) == std::end(known)) {
      return Error{"unknown session key " + quoted(key)};
    }
  }
  Session s;
  Result<Tensor> input = tensor_from_json(doc, "input");
  if (!input) return input.error();
  s.input = *input;
  if (s.input.shape.size() != 4) return Error{"session key \"input\" must have 4 dimensions"};
  Result<LayerSpec> spec =
      layer_from_config(doc.value("config", json::object()), input_shape_of(s.input));
  if (!spec) return Error{"in \"config\": " + spec.error().message};
  s.spec = *spec;
  Result<Tensor> weight = tensor_from_json(doc, "weight");
  if (!weight) return weight.error();
  s.weight = *weight;
  if (has_bias(s.spec)) {
    Result<Tensor> bias = tensor_from_json(doc, "bias");
    if (!bias) return bias.error();
    s.bias = *bias;
  } else if (doc.contains("bias") && !doc["bias"].is_null()) {
    return Error{"session key \"bias\" must be null when the config has bias off"};
  }
  if (doc.contains("step")) {
    if (!doc["step"].is_number_integer())
      return Error{"session key \"step\" must be a whole number"};
    s.step = doc["step"].get<int64_t>();
  }
  if (std::vector<SpecError> errors = check_session(s); !errors.empty()) {
    return Error{join_messages(errors)};
  }
  return s;
}

Status save_session(const std::string& path, const Session& session) {
  return write_file_atomically(path, session_to_json(session).dump(1) + "\n");
}

Result<Session> load_session(const std::string& path) {
  Result<json> doc = read_json_file(path);
  if (!doc) return doc.error();
  Result<Session> session = session_from_json(*doc);
  if (!session) return Error{"'" + path + "': " + session.error().message};
  return session;
}

}  // namespace convviz
