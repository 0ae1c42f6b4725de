#include "app/bench_shapes.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "core/io/spec_json.h"

namespace convviz {
namespace {

using nlohmann::json;
using Dims = std::array<int64_t, 4>;  // N, C, H, W

// `what` names the dimensions' source in messages: --input-shape, or a
// shape's "input_shape".
Result<Conv2dProblem> with_dims(const Conv2dProblem& spec, const Dims& dims,
                                const std::string& what) {
  if (dims[1] != spec.in_channels) {
    return Error{what + " has " + std::to_string(dims[1]) +
                 " channels but the config's in_channels is " + std::to_string(spec.in_channels)};
  }
  Conv2dProblem s = spec;
  s.batch = dims[0];
  s.height = dims[2];
  s.width = dims[3];
  if (std::vector<SpecError> errors = validate(s); !errors.empty()) {
    return Error{join_messages(errors)};
  }
  return s;
}

Result<Dims> dims_of(const json& value) {
  const Error bad{"\"input_shape\" must be four positive whole numbers [N, C, H, W], got " +
                  describe_json(value)};
  if (!value.is_array() || value.size() != 4) return bad;
  Dims dims{};
  for (size_t i = 0; i < 4; ++i) {
    if (!value[i].is_number_integer() || value[i].get<int64_t>() < 1) return bad;
    dims[i] = value[i].get<int64_t>();
  }
  return dims;
}

Result<Conv2dProblem> spec_of(const json& entry) {
  // Before the unknown keys: a file in the old format ("N", "kh", ...) is told what it lacks.
  if (!entry.contains("config") || !entry.contains("input_shape")) {
    return Error{"needs a \"config\" (nn.Conv2d's arguments) and an \"input_shape\" [N, C, H, W]"};
  }
  for (const auto& [key, value] : entry.items()) {
    if (key != "name" && key != "config" && key != "input_shape") {
      return Error{"has the unknown key " + quoted(key) +
                   " (a shape is {\"name\", \"config\", \"input_shape\"})"};
    }
  }
  Result<Dims> dims = dims_of(entry["input_shape"]);
  if (!dims) return dims.error();
  Result<Conv2dProblem> spec = spec_from_config(entry["config"]);
  if (!spec) return spec.error();
  return with_dims(*spec, *dims, "\"input_shape\"");
}

}  // namespace

Result<std::vector<BenchShape>> read_bench_shapes(const std::string& path) {
  Result<json> doc = read_json_file(path);
  if (!doc) return doc.error();
  if (!doc->is_object() || !doc->contains("shapes") || !(*doc)["shapes"].is_array()) {
    return Error{"'" + path + "' must hold {\"shapes\": [...]}"};
  }
  std::vector<BenchShape> shapes;
  for (const json& entry : (*doc)["shapes"]) {
    const std::string label = "'" + path + "' shape " + std::to_string(shapes.size() + 1);
    if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string()) {
      return Error{label + " needs a \"name\""};
    }
    const std::string name = entry["name"].get<std::string>();
    Result<Conv2dProblem> spec = spec_of(entry);
    if (!spec) return Error{label + " (" + quoted(name) + ") " + spec.error().message};
    shapes.push_back({name, *spec});
  }
  if (shapes.empty()) return Error{"'" + path + "' lists no shapes"};
  return shapes;
}

Result<Conv2dProblem> with_input_shape(const Conv2dProblem& spec, const std::string& text) {
  Dims dims{};
  const Error bad{"--input-shape must be four positive whole numbers N,C,H,W, not " +
                  convviz::quoted(text)};
  size_t at = 0;
  for (size_t i = 0; i < 4; ++i) {
    const size_t end = i < 3 ? text.find(',', at) : text.size();
    if (end == std::string::npos) return bad;
    const char* last = text.data() + end;
    const auto [next, ec] = std::from_chars(text.data() + at, last, dims[i]);
    if (ec != std::errc() || next != last || dims[i] < 1) return bad;
    at = end + 1;
  }
  return with_dims(spec, dims, "--input-shape");
}

}  // namespace convviz
