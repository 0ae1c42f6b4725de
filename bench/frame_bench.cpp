// CPU time of one frame of the window (all panels, ImGui's draw lists, no
// GPU), headless through the UI test harness. Targets on 2 cores: textbook
// under 4 ms, 3×32×32 → 8 channels under 8 ms.
#include <benchmark/benchmark.h>

#include "core/presets.h"
#include "ui/edits.h"
#include "ui_harness.h"

namespace {

using convviz::Session;

Session rgb32_to_8() {
  Session s = *convviz::find_preset("rgb-to-2");
  convviz::ConvSpec spec = s.spec;
  spec.height = spec.width = 32;
  spec.out_channels = 8;
  return convviz::with_spec(s, spec);
}

void run_frames(benchmark::State& bench, const Session& session, bool edit_each_frame) {
  convviz::testing::UiHarness ui(session);
  ui.move_to(800, 400);  // hovering the canvas: the hover highlights are drawn too
  int64_t step = 0;
  for (auto _ : bench) {
    if (edit_each_frame) {  // a kernel value changes: the engine recomputes
      convviz::ui::apply(
          ui.state, convviz::ui::SetValue{convviz::ui::TensorRole::Weight, 0, float(step % 7)});
    }
    convviz::ui::apply(ui.state, convviz::ui::SetStep{step++ % 20});
    ui.frame();
  }
}

void BM_FrameTextbook(benchmark::State& s) {
  run_frames(s, *convviz::find_preset("textbook"), false);
}
void BM_FrameRgb32To8(benchmark::State& s) { run_frames(s, rgb32_to_8(), false); }
void BM_FrameRgb32To8WithEdit(benchmark::State& s) { run_frames(s, rgb32_to_8(), true); }

BENCHMARK(BM_FrameTextbook)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FrameRgb32To8)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FrameRgb32To8WithEdit)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
