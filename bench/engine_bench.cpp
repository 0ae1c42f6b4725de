// Google Benchmark: the vectorized engine against the reference loops on the
// eight shapes of bench/shapes.json, on 1 thread and on every hardware thread.
// Run by hand (never a timed test):
//   ./build/bench/engine_bench [--benchmark_filter=resnet]
// "GFLOP=x/s" counts 2 FLOPs per multiply-add. The reference is the oracle, kept
// plain on purpose; the ratio shows what vectorizing and blocking buy.
#include <benchmark/benchmark.h>

#include <random>

#include "app/bench_shapes.h"
#include "core/engine/engine.h"
#include "core/engine/reference_engine.h"
#include "core/model/op_counts.h"

namespace convviz {
namespace {

struct Operands {
  Tensor x, w, b, y;
  explicit Operands(const Conv2dProblem& spec) {
    std::mt19937 rng(0);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    auto random = [&](std::vector<int64_t> shape) {
      Tensor t = make_tensor(std::move(shape));
      for (float& v : t.data) v = normal(rng);
      return t;
    };
    x = random(to_vector(input_shape(spec)));
    w = random(to_vector(weight_shape(spec)));
    b = random({spec.out_channels});
    y = make_tensor(to_vector(output_shape(spec)));
  }
};

void set_rate(benchmark::State& state, const Conv2dProblem& spec) {
  state.counters["GFLOP"] =
      benchmark::Counter(2.0 * static_cast<double>(count_ops(spec).macs) * 1e-9,
                         benchmark::Counter::kIsIterationInvariantRate);
}

void engine(benchmark::State& state, Conv2dProblem spec, int threads) {
  Operands o(spec);
  ThreadPool pool(threads);
  ConvWorkspace workspace;
  for (auto _ : state) {
    conv2d(spec, o.x, o.w, spec.bias ? &o.b : nullptr, o.y, workspace, pool);
    benchmark::DoNotOptimize(o.y.data.data());
  }
  set_rate(state, spec);
  state.SetLabel(std::string(algorithm_name(workspace.plan.algorithm)));
}

void reference(benchmark::State& state, Conv2dProblem spec) {
  Operands o(spec);
  for (auto _ : state) {
    conv2d_reference(spec, o.x, o.w, spec.bias ? &o.b : nullptr, o.y);
    benchmark::DoNotOptimize(o.y.data.data());
  }
  set_rate(state, spec);
}

}  // namespace
}  // namespace convviz

int main(int argc, char** argv) {
  using namespace convviz;
  const auto shapes = read_bench_shapes(CONVVIZ_BENCH_DIR "/shapes.json");
  if (!shapes) {
    std::fprintf(stderr, "engine_bench: %s\n", shapes.error().message.c_str());
    return 2;
  }
  for (const BenchShape& s : *shapes) {
    for (int threads : {1, hardware_threads()}) {
      benchmark::RegisterBenchmark(
          ("engine/" + s.name + "/threads:" + std::to_string(threads)).c_str(), engine, s.spec,
          threads)
          ->Unit(benchmark::kMicrosecond)
          ->UseRealTime();
      if (hardware_threads() == 1) break;
    }
    benchmark::RegisterBenchmark(("reference/" + s.name).c_str(), reference, s.spec)
        ->Unit(benchmark::kMicrosecond);
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
