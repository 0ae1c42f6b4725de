#include "app/bench_shapes.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "core/io/spec_json.h"

namespace convviz {
namespace {

using nlohmann::json;

Result<int64_t> whole_number(const json& entry, const char* key) {
  if (!entry.contains(key)) return Error{"is missing \"" + std::string(key) + "\""};
  const json& v = entry[key];
  if (!v.is_number_integer()) {
    return Error{"\"" + std::string(key) + "\" must be a whole number, got " + describe_json(v)};
  }
  return v.get<int64_t>();
}

Result<Pair> pair_of(const json& entry, const char* key, Pair fallback) {
  if (!entry.contains(key)) return fallback;
  const json& v = entry[key];
  if (v.is_number_integer()) return Pair{v.get<int64_t>(), v.get<int64_t>()};
  if (v.is_array() && v.size() == 2 && v[0].is_number_integer() && v[1].is_number_integer()) {
    return Pair{v[0].get<int64_t>(), v[1].get<int64_t>()};
  }
  return Error{"\"" + std::string(key) + "\" must be a number or [h, w], got " + describe_json(v)};
}

Result<Conv2dProblem> spec_of(const json& entry) {
  Conv2dProblem s;
  int64_t* fields[] = {&s.batch, &s.in_channels, &s.height, &s.width, &s.out_channels};
  const char* keys[] = {"N", "C", "H", "W", "out"};
  for (size_t i = 0; i < std::size(keys); ++i) {
    Result<int64_t> v = whole_number(entry, keys[i]);
    if (!v) return v.error();
    *fields[i] = *v;
  }
  Result<int64_t> kh = whole_number(entry, "kh");
  if (!kh) return kh.error();
  Result<int64_t> kw = whole_number(entry, "kw");
  if (!kw) return kw.error();
  s.kernel_size = {*kh, *kw};
  for (auto [key, field] : {std::pair{"stride", &s.stride}, std::pair{"pad", &s.padding},
                            std::pair{"dilation", &s.dilation}}) {
    Result<Pair> p = pair_of(entry, key, *field);
    if (!p) return p.error();
    *field = *p;
  }
  if (entry.contains("groups")) {
    Result<int64_t> g = whole_number(entry, "groups");
    if (!g) return g.error();
    s.groups = *g;
  }
  if (entry.contains("bias")) {
    if (!entry["bias"].is_boolean()) return Error{"\"bias\" must be true or false"};
    s.bias = entry["bias"].get<bool>();
  }
  if (entry.contains("padding_mode")) {
    const json& m = entry["padding_mode"];
    auto mode = m.is_string() ? parse_padding_mode(m.get<std::string>()) : std::nullopt;
    if (!mode) return Error{"\"padding_mode\" must be zeros, reflect, replicate or circular"};
    s.padding_mode = *mode;
  }
  if (std::vector<SpecError> errors = validate(s); !errors.empty()) {
    return Error{join_messages(errors)};
  }
  return s;
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
  int64_t dims[4] = {};
  const Error bad{"--input-shape must be four positive whole numbers N,C,H,W, not " +
                  convviz::quoted(text)};
  size_t at = 0;
  for (int i = 0; i < 4; ++i) {
    const size_t end = i < 3 ? text.find(',', at) : text.size();
    if (end == std::string::npos) return bad;
    const char* last = text.data() + end;
    const auto [next, ec] = std::from_chars(text.data() + at, last, dims[i]);
    if (ec != std::errc() || next != last || dims[i] < 1) return bad;
    at = end + 1;
  }
  if (dims[1] != spec.in_channels) {
    return Error{"--input-shape has " + std::to_string(dims[1]) +
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

}  // namespace convviz
