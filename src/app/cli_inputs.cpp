#include "app/cli_inputs.h"

#include "core/npy.h"
#include "core/presets.h"
#include "core/spec_json.h"
#include "core/thread_pool.h"

namespace convviz {
namespace {

Result<Session> load_preset(const CliArgs& args) {
  for (const char* other : {"config", "input", "weight", "bias"}) {
    if (args.has(other)) {
      return Error{"--preset carries its own tensors; it cannot be combined with --" +
                   std::string(other)};
    }
  }
  const std::string name = *args.get("preset");
  std::optional<Session> session = find_preset(name);
  if (!session) return Error{"unknown preset '" + name + "' (presets: " + preset_names() + ")"};
  return *session;
}

Result<Tensor> load_tensor(const std::string& path, size_t rank, const char* what,
                           const char* layout) {
  Result<Tensor> t = read_npy(path);
  if (!t) return t;
  if (t->shape.size() != rank) {
    return Error{"'" + path + "' has shape " + shape_text(t->shape) + "; the " + what +
                 " must be " + layout};
  }
  return t;
}

}  // namespace

std::vector<OptionSpec> with_session_options(std::initializer_list<OptionSpec> own) {
  std::vector<OptionSpec> options(std::begin(kSessionOptions), std::end(kSessionOptions));
  options.insert(options.end(), own);
  return options;
}

Status use_thread_option(const CliArgs& args) {
  const ThreadCount count = resolve_thread_count(args.get("threads"));
  if (!count.error.empty()) return Error{count.error};
  set_default_thread_count(count.threads);
  return std::nullopt;
}

Result<Session> load_cli_session(const CliArgs& args) {
  if (args.has("preset")) return load_preset(args);
  for (const char* required : {"config", "input", "weight"}) {
    if (!args.has(required)) {
      return Error{"--" + std::string(required) + " is required (or use --preset NAME)"};
    }
  }
  Result<nlohmann::json> config = read_json_file(*args.get("config"));
  if (!config) return config.error();
  Session s;
  Result<Tensor> x = load_tensor(*args.get("input"), 4, "input", "[N, C, H, W]");
  if (!x) return x.error();
  s.input = std::move(*x);
  Result<ConvSpec> spec = spec_from_config(*config, sized_for_input(s.input));
  if (!spec) return Error{"'" + *args.get("config") + "': " + spec.error().message};
  s.spec = *spec;
  Result<Tensor> w =
      load_tensor(*args.get("weight"), 4, "weight", "[out_channels, in_channels/groups, kh, kw]");
  if (!w) return w.error();
  s.weight = std::move(*w);
  if (args.has("bias")) {
    Result<Tensor> b = load_tensor(*args.get("bias"), 1, "bias", "[out_channels]");
    if (!b) return b.error();
    s.bias = std::move(*b);
  }
  std::vector<SpecError> errors = validate(s.spec);
  if (errors.empty()) {
    errors = check_tensor_shapes(s.spec, s.input, s.weight, args.has("bias") ? &s.bias : nullptr);
  }
  if (!errors.empty()) return Error{join_messages(errors)};
  return s;
}

}  // namespace convviz
