// convviz export: step pictures, step sequences and animated GIFs, drawn by
// the window's own code into an offscreen framebuffer.
#include <cmath>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli.h"
#include "app/cli_args.h"
#include "app/cli_inputs.h"
#include "app/command_help.h"
#include "app/export_renderer.h"
#include "app/gl_context.h"
#include "app/interrupts.h"
#include "core/io/atomic_file.h"
#include "core/io/session_json.h"
#include "core/lesson/presets.h"
#include "render/export_job.h"
#include "ui/edits.h"

namespace convviz {
namespace {

struct ExportRequest {
  Session session;
  ui::ExportOptions options;
  ui::Language language = ui::Language::En;
  int64_t from = 0, to = 0;
};

// The window's state the pictures are drawn from, in the slides' language.
ui::AppState base_state(const ExportRequest& r) {
  ui::AppState state = ui::make_app_state(r.session);
  state.view.language = r.language;
  return state;
}

Result<ExportRequest> read_request(const CliArgs& args) {
  ExportRequest r;
  if (args.has("preset") == args.has("session")) {
    return Error{"give either --preset NAME or --session S.json"};
  }
  if (args.has("preset")) {
    auto preset = find_preset(*args.get("preset"));
    if (!preset) {
      return Error{"unknown preset '" + *args.get("preset") + "' (presets: " + preset_names() +
                   ")"};
    }
    r.session = *preset;
  } else {
    Result<Session> loaded = load_session(*args.get("session"));
    if (!loaded) return loaded.error();
    r.session = *loaded;
  }
  if (const auto limits = ui::window_limits(r.session.spec); !limits.empty()) {
    return Error{join_messages(limits)};
  }
  if (auto scale = args.get("scale")) {
    Result<int64_t> value = parse_integer_option("scale", *scale);
    if (!value || (*value != 1 && *value != 2 && *value != 4)) {
      return Error{"--scale must be 1, 2 or 4, not '" + *scale + "'"};
    }
    r.options.scale = int(*value);
  }
  if (auto theme = args.get("theme")) {
    if (*theme != "dark" && *theme != "light") {
      return Error{"--theme must be dark or light, not '" + *theme + "'"};
    }
    r.options.theme = *theme == "light" ? ui::Theme::Light : ui::Theme::Dark;
  }
  if (auto lang = args.get("lang")) {
    if (*lang != "en" && *lang != "zh")
      return Error{"--lang must be en or zh, not '" + *lang + "'"};
    r.language = *lang == "zh" ? ui::Language::Zh : ui::Language::En;
  }
  r.options.with_text = args.has("with-text");
  r.options.reveal_outputs = args.has("reveal");
  const int64_t steps = step_count(r.session.spec);
  r.from = 0;
  r.to = steps - 1;
  for (const char* name : {"from", "to", "step"}) {
    auto text = args.get(name);
    if (!text) continue;
    Result<int64_t> value = parse_integer_option(name, *text);
    if (!value) return value.error();
    if (*value < 0 || *value >= steps) {
      return Error{"--" + std::string(name) + " " + *text +
                   " is out of range: this convolution has " + std::to_string(steps) +
                   " steps (0.." + std::to_string(steps - 1) + ")"};
    }
    if (std::string(name) == "to") r.to = *value;
    if (std::string(name) != "to") r.from = *value;
  }
  if (r.from > r.to) return Error{"--from must not come after --to"};
  return r;
}

Status export_step(const ExportRequest& r, const CliArgs& args, std::ostream& out) {
  const std::string path = *args.get("out");
  if (Status bad = check_writable_target(path)) return bad;
  return with_offscreen_gl([&]() -> Status {
    auto renderer = ExportRenderer::create(r.options);
    if (!renderer) return renderer.error();
    const render::Image image = (*renderer)->render(base_state(r), r.from);
    if (Status failed = render::write_png(path, image)) return failed;
    if (auto layout = args.has("layout") ? args.get("layout") : args.get("dump-layout")) {
      if (Status failed = write_layout(*layout, (*renderer)->layout())) return failed;
    }
    out << "wrote " << path << " (" << image.width << "x" << image.height << ")\n";
    return std::nullopt;
  });
}

Status export_sequence(const ExportRequest& r, const CliArgs& args, std::ostream& out) {
  const bool gif = args.has("gif");
  double fps = 4.0;
  if (auto text = args.get("fps")) {
    char* end = nullptr;
    fps = std::strtod(text->c_str(), &end);
    // strtod gives ±HUGE_VAL for "1e400": a number, just not a frame rate.
    if (text->empty() || *end != '\0' || !std::isfinite(fps)) {
      return Error{"--fps must be a number from 0.1 to 50, not '" + *text + "'"};
    }
  }
  const int width = ui::kExportWidth * r.options.scale,
            height = ui::kExportHeight * r.options.scale;
  const LayerSpec spec = r.session.spec;
  return with_offscreen_gl([&]() -> Status {
    // Ctrl-C stops between steps and cancels as the window's Cancel does.
    const InterruptsDeferred deferred;
    auto renderer = ExportRenderer::create(r.options);
    if (!renderer) return renderer.error();
    // Only now, with OpenGL working, may the job make the output folder.
    Result<render::ExportJob> job =
        gif ? render::start_gif(*args.get("gif"), r.from, r.to, fps, width, height)
            : render::start_png_sequence(*args.get("out"), r.from, r.to, [spec](int64_t step) {
                return ui::export_file_name(spec, step, "png");
              });
    if (!job) return job.error();
    const ui::AppState base = base_state(r);
    while (!interrupt_signal() &&
           render::advance(*job, [&](int64_t step) { return (*renderer)->render(base, step); })) {
    }
    if (interrupt_signal()) render::cancel(*job);  // a finished job keeps its files
    if (job->cancelled) return Error{"interrupted; nothing was written"};
    if (job->error) return job->error;
    const int64_t frames = r.to - r.from + 1;
    if (gif) {
      std::error_code ec;  // written a moment ago: 0 only if it vanished since
      const uintmax_t size = std::filesystem::file_size(job->target, ec);
      const uintmax_t bytes = ec ? 0 : size;
      out << "wrote " << job->target << ": " << frames << " frames, " << bytes << " bytes ("
          << bytes / uint64_t(frames) << " per frame)\n";
    } else {
      out << "wrote " << job->written.size() << " pictures to " << job->target << "\n";
    }
    return std::nullopt;
  });
}

}  // namespace

int run_export(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Result<CliArgs> parsed = parse_command(command_help("export"), args);
  if (!parsed) return report_bad_input(err, "export", parsed.error().message);
  if (parsed->has("help")) {
    out << command_help("export").text;
    return kExitOk;
  }
  if (Status bad = use_thread_option(*parsed)) return report_bad_input(err, "export", bad->message);
  const int modes =
      int(parsed->has("step")) + int(parsed->has("all-steps")) + int(parsed->has("gif"));
  if (modes != 1) {
    return report_bad_input(err, "export",
                            "give exactly one of --step I, --all-steps or --gif FILE");
  }
  if (!parsed->has("gif") && !parsed->has("out")) {
    return report_bad_input(err, "export", "--out is required");
  }
  if (parsed->has("step") && (parsed->has("from") || parsed->has("to"))) {
    return report_bad_input(err, "export", "--from/--to go with --all-steps or --gif, not --step");
  }
  if (parsed->has("gif") && parsed->has("out")) {
    return report_bad_input(err, "export",
                            "--gif names the file; --out goes with --step or --all-steps");
  }
  if (parsed->has("fps") && !parsed->has("gif")) {
    return report_bad_input(err, "export", "--fps goes with --gif");
  }
  Result<ExportRequest> request = read_request(*parsed);
  if (!request) return report_bad_input(err, "export", request.error().message);
  const Status failed = parsed->has("step") ? export_step(*request, *parsed, out)
                                            : export_sequence(*request, *parsed, out);
  if (const int signal = interrupt_signal()) {
    if (failed) err << "convviz export: " << failed->message << "\n";
    return interrupted_exit_status(signal);
  }
  if (failed) return report_bad_input(err, "export", failed->message);
  return kExitOk;
}

}  // namespace convviz
