// convviz bench: times the engine alone on shapes, as compare.py and
// researchers script it. The output syntax is fixed; add fields, never rename.
#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <random>

#include "app/bench_shapes.h"
#include "app/cli.h"
#include "app/cli_args.h"
#include "app/command_help.h"
#include "core/engine/engine.h"
#include "core/engine/engine_kernels.h"
#include "core/engine/reference_engine.h"
#include "core/io/spec_json.h"
#include "core/model/op_counts.h"

namespace convviz {
namespace {

struct Timing {
  double median_ms = 0;
  double min_ms = 0;
};

// Each repeat times enough calls to last about a millisecond, so that
// microsecond shapes are not lost in the clock's own cost.
template <class Call>
Timing time_calls(Call&& call, int64_t warmup, int64_t repeat) {
  using Clock = std::chrono::steady_clock;
  for (int64_t i = 0; i < warmup; ++i) call();
  int64_t calls = 1;
  for (;;) {
    const auto start = Clock::now();
    for (int64_t i = 0; i < calls; ++i) call();
    if (Clock::now() - start >= std::chrono::microseconds(500) || calls >= (1 << 20)) break;
    calls *= 2;
  }
  std::vector<double> samples;
  for (int64_t r = 0; r < repeat; ++r) {
    const auto start = Clock::now();
    for (int64_t i = 0; i < calls; ++i) call();
    const std::chrono::duration<double, std::milli> took = Clock::now() - start;
    samples.push_back(took.count() / static_cast<double>(calls));
  }
  std::sort(samples.begin(), samples.end());
  const size_t mid = samples.size() / 2;
  const double median =
      samples.size() % 2 == 1 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2.0;
  return {median, samples.front()};
}

Tensor random_tensor(std::vector<int64_t> shape, std::mt19937& rng) {
  std::normal_distribution<float> normal(0.0f, 1.0f);
  Tensor t = make_tensor(std::move(shape));
  for (float& v : t.data) v = normal(rng);
  return t;
}

struct BenchSettings {
  int threads = 1;
  int64_t repeat = 30;
  int64_t warmup = 5;
  bool json = false;
  bool explain = false;
  bool reference = false;
};

nlohmann::json bench_one(const BenchShape& shape, const BenchSettings& settings, ThreadPool& pool) {
  std::mt19937 rng(0);
  const Conv2dProblem& spec = shape.spec;
  const Tensor x = random_tensor(to_vector(input_shape(spec)), rng);
  const Tensor w = random_tensor(to_vector(weight_shape(spec)), rng);
  const Tensor b = random_tensor({spec.out_channels}, rng);
  const Tensor* bias = spec.bias ? &b : nullptr;
  Tensor y = make_tensor(to_vector(output_shape(spec)));
  ConvWorkspace workspace;
  const ConvPlan& plan = prepare_workspace(workspace, spec, pool.size());
  const Timing t = settings.reference
                       ? time_calls([&] { conv2d_reference(spec, x, w, bias, y); }, 1,
                                    std::min<int64_t>(settings.repeat, 3))
                       : time_calls([&] { conv2d(spec, x, w, bias, y, workspace, pool); },
                                    settings.warmup, settings.repeat);
  const int64_t macs = count_ops(spec).macs;
  return {
      {"name", shape.name},
      {"median_ms", t.median_ms},
      {"min_ms", t.min_ms},
      {"gflops", 2.0 * static_cast<double>(macs) / (t.median_ms * 1e6)},
      {"algorithm", settings.reference ? "reference" : std::string(algorithm_name(plan.algorithm))},
      {"threads", settings.reference ? 1 : plan.threads},
      {"workspace_bytes", settings.reference ? 0 : plan.workspace_bytes},
      {"macs", macs},
      {"simd_target", simd_target_name()}};
}

void print_row(std::ostream& out, const nlohmann::json& r) {
  std::string name = r["name"].get<std::string>();
  if (name.size() < 28) name.resize(28, ' ');  // a column, but never a cut name
  char numbers[96];
  std::snprintf(numbers, sizeof numbers, " %10.4g ms median %10.4g ms min %8.1f GFLOP/s  ",
                r["median_ms"].get<double>(), r["min_ms"].get<double>(), r["gflops"].get<double>());
  const int threads = r["threads"].get<int>();
  out << name << numbers << r["algorithm"].get<std::string>() << ", " << threads
      << (threads == 1 ? " thread\n" : " threads\n");
}

// Every thread runs the FMA loop at once; the slowest sets the time.
nlohmann::json measure_peak(ThreadPool& pool) {
  constexpr int64_t kIterations = 20'000'000;
  run_fma_loop(kIterations / 10);  // wakes the core up to its clock
  double best = 0;
  for (int round = 0; round < 5; ++round) {
    std::vector<double> flops(static_cast<size_t>(pool.size()));
    const auto start = std::chrono::steady_clock::now();
    pool.run(pool.size(),
             [&](int64_t i, int) { flops[static_cast<size_t>(i)] = run_fma_loop(kIterations); });
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    double total = 0;
    for (double f : flops) total += f;
    best = std::max(best, total / took.count() / 1e9);
  }
  return {{"peak_gflops", best}, {"threads", pool.size()}, {"simd_target", simd_target_name()}};
}

Result<std::vector<BenchShape>> shapes_to_time(const CliArgs& args) {
  if (args.has("shapes")) {
    if (args.has("config") || args.has("input-shape")) {
      return Error{"--shapes cannot be combined with --config or --input-shape"};
    }
    return read_bench_shapes(*args.get("shapes"));
  }
  if (!args.has("config") || !args.has("input-shape")) {
    return Error{"give --shapes FILE.json, or --config C.json with --input-shape N,C,H,W"};
  }
  Result<nlohmann::json> config = read_json_file(*args.get("config"), kMaxConfigBytes);
  if (!config) return config.error();
  Result<Conv2dProblem> spec = spec_from_config(*config);
  if (!spec) return Error{"'" + *args.get("config") + "': " + spec.error().message};
  Result<Conv2dProblem> sized = with_input_shape(*spec, *args.get("input-shape"));
  if (!sized) return sized.error();
  return std::vector<BenchShape>{{"config", *sized}};
}

Result<BenchSettings> settings_from(const CliArgs& args) {
  BenchSettings s;
  const ThreadCount threads = resolve_thread_count(args.get("threads"));
  if (!threads.error.empty()) return Error{threads.error};
  s.threads = threads.threads;
  for (auto [name, field] : {std::pair{"repeat", &s.repeat}, std::pair{"warmup", &s.warmup}}) {
    if (!args.has(name)) continue;
    Result<int64_t> v = parse_integer_option(name, *args.get(name));
    if (!v) return v.error();
    if (*v < (std::string(name) == "repeat" ? 1 : 0) || *v > 100000) {
      return Error{"--" + std::string(name) + " must be from " +
                   (std::string(name) == "repeat" ? "1" : "0") + " to 100000"};
    }
    *field = *v;
  }
  s.json = args.has("json");
  s.explain = args.has("explain");
  if (auto engine = args.get("engine")) {
    if (*engine != "fast" && *engine != "reference") {
      return Error{"--engine must be fast or reference, not " + convviz::quoted(*engine)};
    }
    s.reference = *engine == "reference";
  }
  return s;
}

}  // namespace

int run_bench(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Result<CliArgs> parsed = parse_command(command_help("bench"), args);
  if (!parsed) return report_bad_input(err, "bench", parsed.error().message);
  if (parsed->has("help")) {
    out << command_help("bench").text;
    return kExitOk;
  }
  Result<BenchSettings> settings = settings_from(*parsed);
  if (!settings) return report_bad_input(err, "bench", settings.error().message);
  ThreadPool pool(settings->threads);
  if (parsed->has("peak")) {
    if (parsed->has("shapes") || parsed->has("config") || parsed->has("input-shape")) {
      return report_bad_input(err, "bench",
                              "--peak times no shapes: leave out --shapes and --config");
    }
    const nlohmann::json peak = measure_peak(pool);
    if (settings->json) {
      out << peak.dump() << "\n";
    } else {
      out << "peak FP32 FMA throughput: " << peak["peak_gflops"].get<double>() << " GFLOP/s on "
          << pool.size() << " thread(s), " << simd_target_name() << "\n";
    }
    return kExitOk;
  }
  Result<std::vector<BenchShape>> shapes = shapes_to_time(*parsed);
  if (!shapes) return report_bad_input(err, "bench", shapes.error().message);
  for (const BenchShape& shape : *shapes) {
    const std::string plan =
        settings->explain ? describe_plan(shape.spec, plan_conv(shape.spec, pool.size())) : "";
    if (settings->explain && !settings->json) out << shape.name << "\n" << plan;
    nlohmann::json row = bench_one(shape, *settings, pool);
    if (settings->explain) row["plan"] = plan;
    if (settings->json) {
      out << row.dump() << std::endl;
    } else {
      print_row(out, row);
    }
  }
  return kExitOk;
}

}  // namespace convviz
