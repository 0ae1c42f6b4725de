#include "parser_checks.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/io/npy.h"
#include "core/io/session_json.h"
#include "core/io/spec_json.h"
#include "core/lesson/session.h"
#include "render/image_file.h"
#include "ui/settings.h"

namespace convviz::fuzz {
namespace {

// A message shown in one status line or one line of stderr. (Raw file bytes
// quoted into a message, not UTF-8, are not refused here: see the README's
// fuzzing notes.)
std::string check_message(const std::string& message) {
  if (message.empty()) return "the error message is empty";
  if (message.find_first_of("\n\r") != std::string::npos) {
    return "the error message is not one line: " + message;
  }
  return "";
}

std::string check_tensor(const Tensor& t) {
  for (int64_t d : t.shape) {
    if (d < 0) return "a tensor dimension is negative: " + shape_text(t.shape);
  }
  if (element_count(t.shape) != static_cast<int64_t>(t.data.size())) {
    return "the shape " + shape_text(t.shape) + " does not match " + std::to_string(t.data.size()) +
           " values";
  }
  return "";
}

std::string check_spec_messages(const Conv2dProblem& spec) {
  for (const SpecError& e : validate(spec)) {
    if (std::string problem = check_message(e.message); !problem.empty()) return problem;
  }
  return "";
}

// The answer of `parse` to `bytes` as JSON: the parse error's message, or
// what check_value says about the document.
template <class CheckValue>
std::string check_json(std::string_view bytes, CheckValue&& check_value) {
  Result<nlohmann::json> doc = parse_json_text(bytes, "'fuzz.json'");
  if (!doc) return check_message(doc.error().message);
  return check_value(*doc);
}

}  // namespace

std::string check_npy(std::string_view bytes) {
  Result<Tensor> t = parse_npy(bytes, "'fuzz.npy'");
  return t ? check_tensor(*t) : check_message(t.error().message);
}

std::string check_config(std::string_view bytes) {
  return check_json(bytes, [](const nlohmann::json& doc) -> std::string {
    Result<Conv2dProblem> spec = spec_from_config(doc);
    if (!spec) return check_message(spec.error().message);
    if (std::string problem = check_spec_messages(*spec); !problem.empty()) return problem;
    // What a session saves of the spec reads back as the same layer.
    const nlohmann::json saved = spec_to_config(*spec);
    Result<Conv2dProblem> again = spec_from_config(saved);
    if (!again || spec_to_config(*again) != saved)
      return "the config does not read back: " + saved.dump();
    return "";
  });
}

std::string check_session_file(std::string_view bytes) {
  return check_json(bytes, [](const nlohmann::json& doc) -> std::string {
    Result<Session> s = session_from_json(doc);
    if (!s) return check_message(s.error().message);
    if (std::vector<SpecError> errors = check_session(*s); !errors.empty()) {
      return "session_from_json gave a session check_session refuses: " + join_messages(errors);
    }
    const Session& session = *s;
    for (const Tensor* t : {&session.input, &session.weight, bias_or_null(session)}) {
      if (t == nullptr) continue;
      if (std::string problem = check_tensor(*t); !problem.empty()) return problem;
    }
    return "";
  });
}

std::string check_settings(std::string_view bytes) {
  return check_json(bytes, [](const nlohmann::json& doc) -> std::string {
    const ui::ViewOptions view = ui::view_options_from_json(doc);
    if (!(view.text_scale >= 1.0f && view.text_scale <= 3.0f)) {
      return "text_scale out of 1..3: " + std::to_string(view.text_scale);
    }
    if (!(view.steps_per_second >= 0.25f && view.steps_per_second <= 20.0f)) {
      return "steps_per_second out of 0.25..20: " + std::to_string(view.steps_per_second);
    }
    return "";
  });
}

std::string check_image(std::string_view bytes) {
  // The options come from the input's length, so one corpus file exercises
  // one combination and a reproducer stays a plain picture file.
  render::ImageReadOptions options;
  options.grayscale = bytes.size() % 2 == 1;
  options.unit_range = bytes.size() % 4 < 2;
  Result<Tensor> t = render::decode_image_tensor(bytes, "fuzz.png", options);
  if (!t) return check_message(t.error().message);
  if (std::string problem = check_tensor(*t); !problem.empty()) return problem;
  const std::vector<int64_t>& s = t->shape;
  if (s.size() != 4 || s[0] != 1 || (s[1] != 1 && s[1] != 3) || s[2] < 1 || s[3] < 1 ||
      s[2] > render::kMaxImageSide || s[3] > render::kMaxImageSide) {
    return "the picture's tensor has the shape " + shape_text(s);
  }
  if (options.grayscale && s[1] != 1) return "a grayscale read gave 3 channels";
  const float top = options.unit_range ? 1.0f : 255.0f;
  for (float v : t->data) {
    if (!(v >= 0.0f && v <= top * 1.0001f))
      return "a pixel value is out of range: " + std::to_string(v);
  }
  return "";
}

void abort_if_wrong(const std::string& problem) {
  if (problem.empty()) return;
  std::fprintf(stderr, "parser check failed: %s\n", problem.c_str());
  std::abort();
}

}  // namespace convviz::fuzz
