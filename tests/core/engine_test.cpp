// The vectorized engine against its oracle (the reference loops), against
// PyTorch's fixtures, and against itself on other thread counts.
#include "core/engine/engine.h"

#include <gtest/gtest.h>
#include <hwy/targets.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <set>

#include "allocation_counter.h"
#include "core/engine/engine_kernels.h"
#include "core/engine/reference_engine.h"
#include "core/io/npy.h"
#include "core/io/spec_json.h"
#include "core/lesson/session.h"
#include "core/model/step_trace.h"
#include "core/model/window_terms.h"
#include "random_specs.h"
#include "reference_check.h"
#include "test_paths.h"

namespace convviz {
namespace {

#ifdef CONVVIZ_SANITIZED
constexpr int kRandomSpecs = 1000;  // the sanitizers run ~10x slower
#else
constexpr int kRandomSpecs = 2000;
#endif

using testing::matches_reference;
using testing::tolerance;

TEST(Engine, MatchesTheReferenceOnRandomSpecs) {
  std::mt19937 rng(20261126);
  ThreadPool pool(2);
  ConvWorkspace workspace;
  int paths[4] = {};
  int crops = 0;  // specs with a negative padding: F.pad crops before the convolution
  for (int i = 0; i < kRandomSpecs; ++i) {
    const Conv2dProblem spec = testing::random_engine_spec(rng, 400'000);
    const Session s = testing::random_session(spec, rng);
    Tensor y;
    conv2d(spec, s.input, s.weight, bias_or_null(s), y, workspace, pool);
    ++paths[static_cast<int>(workspace.plan.algorithm)];
    const SidePadding pad = side_padding(spec);
    if (pad.top < 0 || pad.left < 0) ++crops;
    ASSERT_TRUE(matches_reference(s, y)) << "spec " << i << ": " << spec_to_config(spec).dump()
                                         << " input " << shape_text(s.input.shape);
  }
  // The generator must reach every algorithm, or the sweep proves less than it says.
  for (int count : paths) EXPECT_GT(count, kRandomSpecs / 50);
  EXPECT_GT(crops, kRandomSpecs / 20);
}

}  // namespace
}  // namespace convviz

namespace convviz {
namespace {

Conv2dProblem layer(int64_t c_in, int64_t c_out, int64_t size, int64_t k, int64_t groups = 1) {
  Conv2dProblem s;
  s.in_channels = c_in;
  s.out_channels = c_out;
  s.height = s.width = size;
  s.kernel_size = {k, k};
  s.padding = {k / 2, k / 2};
  s.groups = groups;
  return s;
}

// One binary carries a copy of the kernels per SIMD target and picks one at
// run time; each copy must be right, not just the one this CPU picks.
struct ForcedSimdTarget {  // undoes the forcing however the test ends
  explicit ForcedSimdTarget(int64_t target) { hwy::SetSupportedTargetsForTest(target); }
  ~ForcedSimdTarget() { hwy::SetSupportedTargetsForTest(0); }
};

TEST(Engine, EverySimdTargetMatchesTheReference) {
  std::set<std::string> names;
  // One workspace throughout: a plan made for another target's vector width
  // must be replaced, not reused.
  ConvWorkspace workspace;
  std::mt19937 first_rng(1);
  const Session fixed = testing::random_session(layer(3, 5, 21, 3), first_rng);
  for (int64_t target : hwy::SupportedAndGeneratedTargets()) {
    ForcedSimdTarget forced(target);
    names.insert(simd_target_name());
    std::mt19937 rng(static_cast<unsigned>(target % 1000003));
    ThreadPool pool(2);
    Tensor y;
    conv2d(sliding_window(fixed.spec), fixed.input, fixed.weight, bias_or_null(fixed), y, workspace,
           pool);
    ASSERT_EQ(workspace.plan.lanes, simd_float_lanes());
    ASSERT_TRUE(matches_reference(fixed, y)) << simd_target_name();
    for (int i = 0; i < kRandomSpecs / 10; ++i) {
      const Conv2dProblem spec = testing::random_engine_spec(rng, 100'000);
      const Session s = testing::random_session(spec, rng);
      Tensor y;
      conv2d(spec, s.input, s.weight, bias_or_null(s), y, workspace, pool);
      ASSERT_TRUE(matches_reference(s, y))
          << simd_target_name() << ", spec " << i << ": " << spec_to_config(spec).dump();
    }
  }
  std::string checked;
  for (const std::string& name : names) checked += " " + name;
  std::cout << "SIMD targets checked:" << checked << "\n";
  EXPECT_GE(names.size(), 2u) << "only one SIMD target was exercised";
}

// Specs big enough to be split between threads, checked like the rest.
TEST(Engine, MatchesTheReferenceWhenSplitBetweenThreads) {
  std::mt19937 rng(99);
  ThreadPool pool(3);
  ConvWorkspace workspace;
  for (int i = 0; i < kRandomSpecs / 20; ++i) {
    const Conv2dProblem spec = testing::random_engine_spec(rng, 1'500'000, 200'000);
    const Session s = testing::random_session(spec, rng);
    Tensor y;
    conv2d(spec, s.input, s.weight, bias_or_null(s), y, workspace, pool);
    ASSERT_EQ(workspace.plan.threads, 3);
    ASSERT_TRUE(matches_reference(s, y)) << "spec " << i << ": " << spec_to_config(spec).dump();
  }
}

// The AVX-512 row tile serves one output channel per group with 3, 5 or 7
// kernel columns; every width and padding mode, against the reference.
TEST(Engine, TheRowTileMatchesTheReference) {
  std::mt19937 rng(17);
  for (int64_t k : {3, 5, 7}) {
    for (int64_t width : {7, 16, 33, 50}) {
      for (PaddingMode mode : {PaddingMode::Zeros, PaddingMode::Reflect, PaddingMode::Circular}) {
        Conv2dProblem spec = layer(4, 4, width, k, 4);  // depthwise
        spec.width = width;
        spec.height = 9;
        spec.batch = 2;
        spec.padding = {k / 2, std::min(k / 2, width - 1)};
        spec.padding_mode = mode;
        Conv2dProblem single = spec;  // two input channels into one output
        single.in_channels = 2;
        single.out_channels = 1;
        single.groups = 1;
        for (const Conv2dProblem& s : {spec, single}) {
          ASSERT_TRUE(validate(s).empty()) << join_messages(validate(s));
          const Session session = testing::random_session(s, rng);
          Tensor y;
          conv2d(s, session.input, session.weight, bias_or_null(session), y);
          ASSERT_TRUE(matches_reference(session, y)) << spec_to_config(s).dump() << " w " << width;
        }
      }
    }
  }
}

// Shapes PyTorch accepts whose grid would be absurd: a stride far past the
// input reads one phase, not a million; huge padding with huge dilation
// falls back to the plain loops instead of allocating terabytes.
TEST(Engine, ExtremeStridesAndDilationsStayBounded) {
  std::mt19937 rng(23);
  Conv2dProblem far_stride = layer(2, 3, 8, 1);
  far_stride.padding = {0, 0};
  far_stride.stride = {1 << 20, 1 << 20};
  Conv2dProblem far_dilation = layer(1, 1, 4, 2);
  far_dilation.padding = {1 << 18, 1 << 18};
  far_dilation.dilation = {1 << 19, 1 << 19};
  for (const Conv2dProblem& spec : {far_stride, far_dilation}) {
    ASSERT_TRUE(validate(spec).empty()) << join_messages(validate(spec));
    const ConvPlan plan = plan_conv(spec, 2);
    EXPECT_LE(plan.workspace_bytes, int64_t{1} << 20) << describe_plan(spec, plan);
    const Session s = testing::random_session(spec, rng);
    Tensor y;
    conv2d(spec, s.input, s.weight, bias_or_null(s), y);
    EXPECT_TRUE(matches_reference(s, y));
  }
  EXPECT_EQ(plan_conv(far_dilation, 2).algorithm, Algorithm::Reference);
  EXPECT_NE(describe_plan(far_dilation, plan_conv(far_dilation, 2)).find("plain loops"),
            std::string::npos);
}

TEST(Engine, MatchesPyTorchOnEveryFixture) {
  const nlohmann::json manifest = *read_json_file(testing::golden_path("manifest.json"));
  ASSERT_GE(manifest.size(), 15u);
  for (const nlohmann::json& entry : manifest) {
    const std::string dir = testing::golden_path(entry["name"].get<std::string>()) + "/";
    SCOPED_TRACE(dir);
    Session s;
    s.input = *read_npy(dir + "x.npy");
    s.weight = *read_npy(dir + "w.npy");
    if (entry["has_bias"].get<bool>()) s.bias = *read_npy(dir + "b.npy");
    s.spec = *layer_from_config(*read_json_file(dir + "config.json"), input_shape_of(s.input));
    const Tensor expected = *read_npy(dir + "y.npy");
    Tensor y;
    conv2d(sliding_window(s.spec), s.input, s.weight, bias_or_null(s), y);
    ASSERT_EQ(y.shape, expected.shape);
    for (int64_t i = 0; i < step_count(s.spec); ++i) {
      const size_t k = static_cast<size_t>(i);
      ASSERT_NEAR(y.data[k], expected.data[k],
                  tolerance(sliding_window(s.spec), s, step_position(sliding_window(s.spec), i)))
          << "output " << i;
    }
  }
}

// Each output is one fixed chain of FMAs, so how the work is split between
// threads must not change a single bit.
TEST(Engine, EveryThreadCountGivesTheSameBits) {
  std::mt19937 rng(7);
  const Conv2dProblem specs[] = {layer(3, 16, 40, 3), layer(24, 20, 23, 3),
                                 layer(12, 12, 37, 5, 12), layer(32, 48, 17, 1)};
  for (const Conv2dProblem& spec : specs) {
    const Session s = testing::random_session(spec, rng);
    Tensor expected;
    ThreadPool single(1);
    ConvWorkspace single_ws;
    conv2d(spec, s.input, s.weight, bias_or_null(s), expected, single_ws, single);
    for (int threads : {2, 3, 5}) {
      ThreadPool pool(threads);
      ConvWorkspace ws;
      Tensor y;
      conv2d(spec, s.input, s.weight, bias_or_null(s), y, ws, pool);
      EXPECT_EQ(ws.plan.threads, threads) << "too small to use the threads it is testing";
      ASSERT_EQ(y.data.size(), expected.data.size());
      EXPECT_EQ(std::memcmp(y.data.data(), expected.data.data(), y.data.size() * sizeof(float)), 0)
          << threads << " threads, " << spec_to_config(spec).dump();
    }
  }
}

// Invariant: the step panel shows what the engine computed.
TEST(Engine, TheStepTracerAgreesWithTheEngine) {
  std::mt19937 rng(11);
  for (int i = 0; i < 200; ++i) {
    const Conv2dProblem spec = testing::random_engine_spec(rng, 20'000);
    const Session s = testing::random_session(spec, rng);
    Tensor y;
    conv2d(spec, s.input, s.weight, bias_or_null(s), y);
    for (int64_t step = 0; step < step_count(spec); step += 1 + step_count(spec) / 50) {
      const StepTrace t = trace_step(spec, s.input, s.weight, bias_or_null(s), step);
      ASSERT_NEAR(t.result, y.data[static_cast<size_t>(step)],
                  tolerance(spec, s, step_position(spec, step)))
          << "spec " << i << " step " << step;
    }
  }
}

TEST(Engine, ThePlannerPicksOneAlgorithmPerShapeFamily) {
  EXPECT_EQ(plan_conv(layer(3, 16, 224, 3), 2).algorithm, Algorithm::Direct);
  EXPECT_EQ(plan_conv(layer(64, 64, 56, 3), 2).algorithm, Algorithm::ImplicitGemm);
  EXPECT_EQ(plan_conv(layer(32, 32, 112, 3, 32), 2).algorithm, Algorithm::Depthwise);
  EXPECT_EQ(plan_conv(layer(64, 128, 28, 1), 2).algorithm, Algorithm::Pointwise);
  Conv2dProblem strided_1x1 = layer(64, 128, 28, 1);
  strided_1x1.stride = {2, 2};
  EXPECT_EQ(plan_conv(strided_1x1, 2).algorithm, Algorithm::ImplicitGemm);
  const std::string text = describe_plan(layer(64, 64, 56, 3), plan_conv(layer(64, 64, 56, 3), 2));
  EXPECT_NE(text.find("implicit-gemm"), std::string::npos) << text;
  EXPECT_NE(text.find("workspace: "), std::string::npos) << text;
}

TEST(Engine, TheWorkspaceIsSizedAsReportedAndReusedForTheSameShape) {
  std::mt19937 rng(3);
  const Conv2dProblem spec = layer(8, 8, 64, 3);
  const Session s = testing::random_session(spec, rng);
  ThreadPool pool(2);
  ConvWorkspace ws;
  Tensor y;
  conv2d(spec, s.input, s.weight, bias_or_null(s), y, ws, pool);
  int64_t floats = 0;
  for (const auto& grid : ws.scratch) floats += static_cast<int64_t>(grid.size());
  EXPECT_LE(floats * 4, ws.plan.workspace_bytes);
  EXPECT_GE(floats * 4 + 4096, ws.plan.workspace_bytes) << "the report overstates";

  const float* grid = ws.scratch[0].data();
  const float* out = y.data.data();
  Session edited = s;
  edited.weight.data[0] += 1.0f;  // an edit: same shape, new numbers
  conv2d(spec, edited.input, edited.weight, bias_or_null(edited), y, ws, pool);
  EXPECT_EQ(ws.scratch[0].data(), grid);
  EXPECT_EQ(y.data.data(), out);
  EXPECT_TRUE(matches_reference(edited, y));
}

#ifndef CONVVIZ_SANITIZED  // the sanitizers own operator new
TEST(Engine, ACallOnTheSameShapeAllocatesNothing) {
  std::mt19937 rng(5);
  for (const Conv2dProblem& spec :
       {layer(3, 16, 40, 3), layer(24, 24, 20, 3, 24), layer(32, 8, 9, 1)}) {
    const Session s = testing::random_session(spec, rng);
    ThreadPool pool(2);
    ConvWorkspace ws;
    Tensor y;
    conv2d(spec, s.input, s.weight, bias_or_null(s), y, ws, pool);  // plans and allocates
    const int64_t before = testing::allocations();
    for (int i = 0; i < 5; ++i) conv2d(spec, s.input, s.weight, bias_or_null(s), y, ws, pool);
    EXPECT_EQ(testing::allocations(), before) << spec_to_config(spec).dump();
  }
}
#endif

TEST(ThreadPool, RunsEveryTaskExactlyOnce) {
  ThreadPool pool(3);
  for (int64_t count : {0, 1, 2, 7, 1000}) {
    std::vector<std::atomic<int>> runs(static_cast<size_t>(count));
    pool.run(count, [&](int64_t i, int slot) {
      EXPECT_GE(slot, 0);
      EXPECT_LT(slot, 3);
      runs[static_cast<size_t>(i)].fetch_add(1);
    });
    for (auto& r : runs) EXPECT_EQ(r.load(), 1);
  }
}

TEST(ThreadPool, TheCountComesFromTheFlagThenTheEnvironment) {
  EXPECT_EQ(resolve_thread_count("3").threads, 3);
  EXPECT_NE(resolve_thread_count("0").error.find("--threads"), std::string::npos);
  EXPECT_NE(resolve_thread_count("two").error.find("got \"two\""), std::string::npos);
  EXPECT_EQ(resolve_thread_count("1\n2").error.find('\n'), std::string::npos);
  ::setenv("CONVVIZ_THREADS", "5", 1);
  EXPECT_EQ(resolve_thread_count(std::nullopt).threads, 5);
  EXPECT_EQ(resolve_thread_count("2").threads, 2);
  ::setenv("CONVVIZ_THREADS", "-1", 1);
  EXPECT_NE(resolve_thread_count(std::nullopt).error.find("CONVVIZ_THREADS"), std::string::npos);
  ::unsetenv("CONVVIZ_THREADS");
  EXPECT_EQ(resolve_thread_count(std::nullopt).threads, hardware_threads());
}

}  // namespace
}  // namespace convviz
