// CPU time of one frame of the window (all panels, ImGui's draw lists, no
// GPU), headless through the UI test harness. Targets on 2 cores: textbook
// under 4 ms, 3×32×32 → 8 channels under 8 ms; image mode: an edit's new
// maps of a 1024×1024 picture within a frame (16 ms) for small layers.
#include <benchmark/benchmark.h>

#include <chrono>
#include "core/lesson/presets.h"

#include "ui/edits.h"
#include "ui/picture_mode.h"
#include "ui_harness.h"

namespace {

using convviz::Session;

Session rgb32_to_8() {
  Session s = *convviz::find_preset("rgb-to-2");
  convviz::Conv2dProblem spec = sliding_window(s.spec);
  spec.height = spec.width = 32;
  spec.out_channels = 8;
  return convviz::with_spec(s, layer_of(spec));
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

// Image mode: from a kernel edit to the new full-resolution maps of a
// 1024×1024 RGB picture (args: kernel size, out_channels). The window shows
// the new maps in the edit's own frame when this is under the frame wait.
void BM_ImageEditToMaps(benchmark::State& bench) {
  const int64_t k = bench.range(0), maps = bench.range(1);
  convviz::testing::UiHarness ui(*convviz::find_preset("textbook"));
  convviz::Tensor picture = convviz::make_tensor({1, 3, 1024, 1024});
  for (size_t i = 0; i < picture.data.size(); ++i) picture.data[i] = float(i % 251) / 251.0f;
  convviz::ui::open_picture(ui.state, picture, "bench.png");
  convviz::Conv2dProblem spec = sliding_window(ui.state.session.spec);
  spec.kernel_size = {k, k};
  spec.padding = {k / 2, k / 2};
  spec.out_channels = maps;
  convviz::ui::apply(ui.state, convviz::ui::SetSpec{layer_of(spec)});
  int64_t edit = 0;
  for (auto _ : bench) {
    convviz::ui::apply(
        ui.state, convviz::ui::SetValue{convviz::ui::TensorRole::Weight, 0, float(edit++ % 7)});
    convviz::ui::refresh(ui.state);  // submits, waits up to one frame
    while (ui.state.picture.maps_version == 0 || ui.state.picture.worker->busy()) {
      convviz::ui::refresh_feature_maps(ui.state, std::chrono::milliseconds(1));
    }
    convviz::ui::refresh_feature_maps(ui.state, std::chrono::milliseconds(0));
  }
  bench.counters["engine_ms"] = ui.state.picture.maps_ms;
}

BENCHMARK(BM_FrameTextbook)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FrameRgb32To8)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FrameRgb32To8WithEdit)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ImageEditToMaps)
    ->Args({3, 1})
    ->Args({7, 1})
    ->Args({3, 8})
    ->Args({7, 8})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
