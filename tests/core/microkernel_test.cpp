// Every microkernel each SIMD target compiled, run on its own (XNNPACK style)
// against the reference loops, on the edges a tile meets: outputs per row
// around the vector width, row pitch tails, odd band heights, output channel
// counts that leave a block part full, inputs read in place up to their end.
// Also: the planner chooses exactly the tiles compiled, no more, no fewer.
#include <gtest/gtest.h>
#include <hwy/tests/hwy_gtest.h>

#include <cstring>
#include <random>
#include <set>
#include <tuple>
#include <vector>

#include "core/engine/engine.h"
#include "core/engine/engine_kernels.h"
#include "core/io/spec_json.h"
#include "random_specs.h"
#include "reference_check.h"

namespace convviz {
namespace {

using testing::matches_reference;

// One shape a microkernel is run on.
struct Case {
  int64_t out_width = 1, out_height = 1;
  int64_t kernel = 3, stride_h = 1, stride_w = 1, dilation_w = 1, pad = 0;
  PaddingMode mode = PaddingMode::Zeros;
  int64_t in_per_group = 1, out_per_group = 1, groups = 1;
};

// Input sizes that give the case's output size (PyTorch's formula solved
// for the input), or nothing valid when the padding would not fit it.
Conv2dProblem spec_of(const Case& c) {
  Conv2dProblem s;
  s.in_channels = c.in_per_group * c.groups;
  s.out_channels = c.out_per_group * c.groups;
  s.groups = c.groups;
  s.kernel_size = {c.kernel, c.kernel};
  s.stride = {c.stride_h, c.stride_w};
  s.dilation = {1, c.dilation_w};
  s.padding = {c.pad, c.pad};
  s.padding_mode = c.mode;
  s.batch = 2;
  s.height = (c.out_height - 1) * c.stride_h + c.kernel - 2 * c.pad;
  s.width = (c.out_width - 1) * c.stride_w + c.dilation_w * (c.kernel - 1) + 1 - 2 * c.pad;
  return s;
}

// Outputs per row around the vector width: 1, lanes - 1, lanes, lanes + 1
// and a row that ends mid-vector after a few whole ones.
std::vector<int64_t> edge_widths(int lanes) {
  std::set<int64_t> widths{1, lanes - 1, lanes, lanes + 1, 3 * int64_t{lanes} + 2};
  widths.erase(0);
  return {widths.begin(), widths.end()};
}

// The cases a kernel of `kw` columns is legal on. The row kernel reads a
// kernel row's columns side by side, so only stride and dilation 1 along x.
std::vector<Case> cases_for(int lanes, int64_t kw, bool row_kernel) {
  std::vector<Case> cases;
  for (int64_t width : edge_widths(lanes)) {
    for (int64_t height : {1, 3, 7}) {
      for (int64_t pad : {int64_t{0}, kw / 2}) {  // read in place / a padded grid with a tail
        for (int64_t out_per_group : {1, 3, 9}) {
          Case c{width, height, kw};
          c.pad = pad;
          c.mode = height == 3 ? PaddingMode::Reflect : PaddingMode::Zeros;
          c.out_per_group = out_per_group;
          c.in_per_group = out_per_group == 3 ? 2 : 1;
          c.groups = out_per_group == 1 ? 3 : 1;  // depthwise, or one group
          cases.push_back(c);
          if (!row_kernel && out_per_group == 3) {  // strided and dilated along x too
            c.stride_w = 2;
            cases.push_back(c);
            c.stride_w = 1;
            c.dilation_w = 2;
            cases.push_back(c);
          }
        }
      }
    }
  }
  return cases;
}

// What the dispatched target runs each microkernel on.
std::vector<std::pair<Microkernel, int64_t>> every_microkernel(const SimdSupport& simd) {
  std::vector<std::pair<Microkernel, int64_t>> kernels;  // with its kernel width
  for (const TileShape& t : simd.tiles) {
    for (int64_t kw : {1, 3}) {
      kernels.push_back({{MicrokernelKind::FmaTile, t.oc_block, t.pixel_vectors, 1}, kw});
    }
    if (t.oc_block != 1) continue;
    for (int width : simd.row_shift_widths) {
      kernels.push_back({{MicrokernelKind::RowShift, 1, t.pixel_vectors, width}, width});
    }
  }
  return kernels;
}

// The engine with `kernel` in place of the planner's choice: the workspace
// is plain data, and the kernels run what its plan names.
Tensor run_with(const Microkernel& kernel, const Session& s, ThreadPool& pool) {
  ConvWorkspace ws;
  prepare_workspace(ws, sliding_window(s.spec), pool.size());
  ws.plan.microkernel = kernel;
  Tensor y;
  conv2d(sliding_window(s.spec), s.input, s.weight, bias_or_null(s), y, ws, pool);
  EXPECT_EQ(ws.plan.microkernel, kernel) << "the engine replanned";
  return y;
}

void every_microkernel_matches_the_reference(int64_t target) {
  const SimdSupport simd = simd_support();
  std::mt19937 rng(static_cast<unsigned>(target % 1000003));
  ThreadPool pool(1);
  int checked = 0;
  for (const auto& [kernel, kw] : every_microkernel(simd)) {
    const bool row_kernel = kernel.kind == MicrokernelKind::RowShift;
    for (const Case& c : cases_for(simd.lanes, kw, row_kernel)) {
      const Conv2dProblem spec = spec_of(c);
      if (spec.width < 1 || spec.height < 1 || !validate(spec).empty()) continue;
      const Session s = testing::random_session(spec, rng);
      const Tensor y = run_with(kernel, s, pool);
      ASSERT_TRUE(matches_reference(s, y))
          << simd.target_name << " " << microkernel_name(kernel) << ": "
          << spec_to_config(spec).dump() << " input " << shape_text(s.input.shape);
      ++checked;
    }
  }
  EXPECT_GT(checked, 100 * static_cast<int>(simd.tiles.size())) << "too many cases were invalid";
}

// Each output is one fixed FMA chain from the bias, whatever bands the
// threads split the rows into: 1 and 3 threads give the same bits.
void every_microkernel_gives_the_same_bits_on_any_thread_count() {
  const SimdSupport simd = simd_support();
  std::mt19937 rng(5);
  ThreadPool one(1), three(3);
  for (const auto& [kernel, kw] : every_microkernel(simd)) {
    // Big enough (200k multiply-adds) for the planner to use every thread,
    // rows that end mid-vector on every target, 29 rows in odd bands.
    Case c{67, 29, kw};
    c.pad = kw / 2;
    if (kernel.kind == MicrokernelKind::RowShift) {
      c.out_width = 131;
      c.groups = 8;  // depthwise
    } else {
      c.in_per_group = 8;
      c.out_per_group = 9;
    }
    const Conv2dProblem spec = spec_of(c);
    ASSERT_TRUE(validate(spec).empty()) << spec_to_config(spec).dump();
    ASSERT_EQ(plan_conv(spec, 3).threads, 3) << spec_to_config(spec).dump();
    const Session s = testing::random_session(spec, rng);
    const Tensor alone = run_with(kernel, s, one);
    const Tensor split = run_with(kernel, s, three);
    ASSERT_EQ(alone.data.size(), split.data.size());
    EXPECT_EQ(std::memcmp(alone.data.data(), split.data.data(), alone.data.size() * sizeof(float)),
              0)
        << simd.target_name << " " << microkernel_name(kernel);
  }
}

// The tiles compiled are exactly the ones the planner can choose: none it
// would name is missing (run_band would abort), none is dead code.
void the_planner_chooses_every_compiled_microkernel_and_no_other() {
  const SimdSupport simd = simd_support();
  std::set<std::tuple<int, int, int, int>> chosen;
  for (int64_t oc = 1; oc <= 10; ++oc) {
    for (int64_t kw : {1, 3, 5, 7}) {
      for (int64_t width = 1; width <= 20 * simd.lanes; width += 1 + width / 3) {
        Conv2dProblem spec;
        spec.out_channels = oc;
        spec.kernel_size = {1, kw};
        spec.height = 1;
        spec.width = width + kw - 1;
        const Microkernel k = plan_conv(spec, 1, simd).microkernel;
        chosen.insert({static_cast<int>(k.kind), k.oc_block, k.pixel_vectors, k.kernel_row});
      }
    }
  }
  std::set<std::tuple<int, int, int, int>> compiled;
  for (const auto& [kernel, kw] : every_microkernel(simd)) {
    compiled.insert(
        {static_cast<int>(kernel.kind), kernel.oc_block, kernel.pixel_vectors, kernel.kernel_row});
  }
  EXPECT_EQ(chosen, compiled) << simd.target_name;
}

// --explain prints the microkernel that runs.
void explain_names_the_microkernel_that_runs() {
  Conv2dProblem depthwise;
  depthwise.in_channels = depthwise.out_channels = depthwise.groups = 32;
  depthwise.height = depthwise.width = 112;
  depthwise.padding = {1, 1};
  const ConvPlan plan = plan_conv(depthwise, 2);
  const std::string text = describe_plan(depthwise, plan);
  EXPECT_NE(text.find("microkernel: " + microkernel_name(plan.microkernel) + " "),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(simd_target_name()), std::string::npos) << text;
  const bool row_kernel = !simd_support().row_shift_widths.empty();
  EXPECT_EQ(plan.microkernel.kind,
            row_kernel ? MicrokernelKind::RowShift : MicrokernelKind::FmaTile)
      << text;
}

}  // namespace
}  // namespace convviz

// Highway's instantiation macro names `testing::` unqualified, so the suite
// lives outside namespace convviz (whose testing:: holds the test helpers).
class MicrokernelTest : public hwy::TestWithParamTarget {};
HWY_TARGET_INSTANTIATE_TEST_SUITE_P(MicrokernelTest);
TEST_P(MicrokernelTest, EveryCompiledMicrokernelMatchesTheReference) {
  convviz::every_microkernel_matches_the_reference(GetParam());
}
TEST_P(MicrokernelTest, EveryCompiledMicrokernelGivesTheSameBitsOnAnyThreadCount) {
  convviz::every_microkernel_gives_the_same_bits_on_any_thread_count();
}
TEST_P(MicrokernelTest, ThePlannerChoosesEveryCompiledMicrokernelAndNoOther) {
  convviz::the_planner_chooses_every_compiled_microkernel_and_no_other();
}
TEST_P(MicrokernelTest, ExplainNamesTheMicrokernelThatRuns) {
  convviz::explain_names_the_microkernel_that_runs();
}
