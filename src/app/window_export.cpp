#include "app/window_export.h"

#include <utility>

#include "ui/export_view.h"
#include "ui/file_actions.h"
#include "ui/strings.h"

namespace convviz {
namespace {

void report(ui::AppState& state, const std::string& message, bool error) {
  ui::report_status(state, message, error);
}

ui::ExportOptions export_options(const ui::AppState& state, const ui::ExportRequest& r) {
  ui::ExportOptions o;
  o.scale = r.scale;
  o.theme = r.white_background ? ui::Theme::Light : state.view.theme;
  o.with_text = r.with_text;
  o.reveal_outputs = r.reveal_outputs;
  return o;
}

}  // namespace

// Takes the request the export dialog left: a single picture at once, a
// sequence as a job that continue_export advances frame by frame.
void start_export(WindowExport& shell, ui::AppState& state) {
  const ui::ExportRequest r = *std::exchange(state.export_request, std::nullopt);
  auto renderer = ExportRenderer::create(export_options(state, r));
  if (!renderer) return report(state, renderer.error().message, true);
  if (r.target == ui::ExportTarget::StepImage) {
    const Status failed = render::write_png(r.path, (*renderer)->render(state, r.from));
    if (failed) return report(state, failed->message, true);
    return ui::report_status(state, ui::said(ui::S::Wrote, " " + r.path));
  }
  const LayerSpec spec = state.session.spec;
  Result<render::ExportJob> job =
      r.target == ui::ExportTarget::Animation
          ? render::start_gif(r.path, r.from, r.to, r.fps, (*renderer)->width(),
                              (*renderer)->height())
          : render::start_png_sequence(r.path, r.from, r.to, [spec](int64_t step) {
              return ui::export_file_name(spec, step, "png");
            });
  if (!job) return report(state, job.error().message, true);
  shell.renderer = std::move(*renderer);
  shell.job = std::move(*job);
  shell.base = ui::make_app_state(state.session);
  shell.base->view = state.view;
  state.export_progress = {true, 0, r.to - r.from + 1, false};
}

// One step of a running export per frame, so the window stays responsive.
void continue_export(WindowExport& shell, ui::AppState& state) {
  render::ExportJob& job = *shell.job;
  if (state.export_progress.cancel_requested) {
    render::cancel(job);
    ui::report_status(state, ui::said(ui::S::ExportCancelled));
  } else {
    render::advance(job, [&](int64_t step) { return shell.renderer->render(*shell.base, step); });
    state.export_progress.done = job.next - job.first;
    if (job.error) report(state, job.error->message, true);
    if (job.finished && !job.error) {
      ui::report_status(state, ui::said(ui::S::Wrote, " " + job.target));
    }
  }
  if (!job.finished) return;
  state.export_progress = {};
  shell.job.reset();
  shell.renderer.reset();
  shell.base.reset();
}

void abandon_export(WindowExport& exporting) {
  if (exporting.job) render::cancel(*exporting.job);
  exporting.job.reset();
  exporting.renderer.reset();
  exporting.base.reset();
}

}  // namespace convviz
