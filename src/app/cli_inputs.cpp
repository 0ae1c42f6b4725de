#include "app/cli_inputs.h"

#include "core/engine/thread_pool.h"
#include "core/io/npy.h"
#include "core/io/spec_json.h"
#include "core/lesson/presets.h"
#include "render/image_file.h"

namespace convviz {
namespace {

Result<Session> load_preset(const CliArgs& args) {
  for (const char* other : {"config", "input", "image", "weight", "bias"}) {
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

// X from --input X.npy, or from --image P.png read as torchvision's
// ToTensor would (or kept 0-255, or made grayscale).
Result<Tensor> load_input(const CliArgs& args) {
  if (args.has("input") && args.has("image")) {
    return Error{"give the input once: --input X.npy or --image P.png, not both"};
  }
  if (!args.has("image")) {
    for (const char* image_only : {"grayscale", "range"}) {
      if (args.has(image_only)) return Error{"--" + std::string(image_only) + " goes with --image"};
    }
    Result<Tensor> x = read_npy(*args.get("input"));
    if (x && x->shape.size() != 4 && x->shape.size() != 3) {
      return Error{"'" + *args.get("input") + "' has shape " + shape_text(x->shape) +
                   "; the input must be [N, C, H, W], or [C, H, W] unbatched"};
    }
    return x;
  }
  render::ImageReadOptions options;
  options.grayscale = args.has("grayscale");
  const std::string range = args.get("range").value_or("0-1");
  if (range != "0-1" && range != "0-255") {
    return Error{"--range must be 0-1 (values / 255, like ToTensor) or 0-255, not " +
                 quoted(range)};
  }
  options.unit_range = range == "0-1";
  return render::read_image_tensor(*args.get("image"), options);
}

// A picture with the wrong number of channels for the config is the common
// slip; say which way to fix it.
Status check_image_channels(const CliArgs& args, const Session& s) {
  const int64_t in_channels = sliding_window(s.spec).in_channels;
  if (!args.has("image") || s.input.shape[1] == in_channels) return std::nullopt;
  const bool colour = s.input.shape[1] == 3;
  return Error{"'" + *args.get("image") + "' gives " + std::to_string(s.input.shape[1]) +
               (colour ? " channels (RGB)" : " channel (grayscale)") + " but in_channels is " +
               std::to_string(in_channels) +
               (colour && in_channels == 1 ? "; add --grayscale" : "")};
}

}  // namespace

Status use_thread_option(const CliArgs& args) {
  const ThreadCount count = resolve_thread_count(args.get("threads"));
  if (!count.error.empty()) return Error{count.error};
  set_default_thread_count(count.threads);
  return std::nullopt;
}

Result<CliSession> load_cli_session(const CliArgs& args) {
  if (args.has("preset")) {
    Result<Session> preset = load_preset(args);
    if (!preset) return preset.error();
    return CliSession{*preset};
  }
  for (const char* required : {"config", "weight"}) {
    if (!args.has(required)) {
      return Error{"--" + std::string(required) + " is required (or use --preset NAME)"};
    }
  }
  if (!args.has("input") && !args.has("image")) {
    return Error{"--input X.npy or --image P.png is required (or use --preset NAME)"};
  }
  // The config's own errors come first; its input shape is the tensor's.
  Result<LayerSpec> spec = read_layer_config(*args.get("config"), {});
  if (!spec) return spec.error();
  Session s;
  Result<Tensor> x = load_input(args);
  if (!x) return x.error();
  // Held as [1, C, H, W]; the flag puts the shape back on the way out.
  const bool unbatched = args.has("input") && x->shape.size() == 3;
  const std::vector<int64_t> given_shape = x->shape;
  if (unbatched) x->shape.insert(x->shape.begin(), 1);
  s.input = std::move(*x);
  s.spec = *spec;
  s.spec.input = input_shape_of(s.input);
  const Conv2dProblem window = sliding_window(s.spec);
  if (unbatched && s.input.shape[1] != window.in_channels) {
    return Error{channels_mismatch(given_shape, window.in_channels)};
  }
  // PyTorch 1.13's circular F.pad takes only batched input ("Invalid padding
  // size, expected 2 but got 4"), whatever the padding.
  if (unbatched && window.padding_mode == PaddingMode::Circular) {
    return Error{"PyTorch 1.13 refuses an unbatched input " + shape_text(given_shape) +
                 " with padding_mode 'circular' (its F.pad needs the batch dimension): save "
                 "x.unsqueeze(0)"};
  }
  Result<Tensor> w =
      load_tensor(*args.get("weight"), 4, "weight", "[out_channels, in_channels/groups, kh, kw]");
  if (!w) return w.error();
  s.weight = std::move(*w);
  if (args.has("bias")) {
    Result<Tensor> b = load_tensor(*args.get("bias"), 1, "bias", "[out_channels]");
    if (!b) return b.error();
    s.bias = std::move(*b);
  }
  if (Status bad = check_image_channels(args, s)) return *bad;
  std::vector<SpecError> errors = validate(s.spec);
  if (errors.empty()) {
    errors =
        check_tensor_shapes(s.spec, s.input, {&s.weight, args.has("bias") ? &s.bias : nullptr});
  }
  if (!errors.empty()) return Error{join_messages(errors)};
  return CliSession{std::move(s), unbatched};
}

}  // namespace convviz
