#pragma once
// Exports started from the window: the dialog leaves an ExportRequest in
// the AppState; the frame loop calls start_export, then continue_export once
// per frame until the job is done, so the window stays responsive and the
// progress window can cancel. Needs a current OpenGL context.
#include <memory>
#include <optional>

#include "app/export_renderer.h"
#include "render/export_job.h"
#include "ui/app_state.h"

namespace convviz {

struct WindowExport {
  std::unique_ptr<ExportRenderer> renderer;
  std::optional<render::ExportJob> job;
  std::optional<ui::AppState> base;  // the session as it was when the export started
};

void start_export(WindowExport& exporting, ui::AppState& state);
void continue_export(WindowExport& exporting, ui::AppState& state);
// Quitting mid-export: drop what was staged and the GL objects, while the
// context still exists.
void abandon_export(WindowExport& exporting);

}  // namespace convviz
