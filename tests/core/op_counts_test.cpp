#include "core/model/op_counts.h"

#include <gtest/gtest.h>

namespace convviz {
namespace {

TEST(CountOps, TextbookExample) {
  Conv2dProblem s;
  s.padding = {1, 1};
  const OpCounts ops = count_ops(s);
  EXPECT_EQ(ops.output_elements, 25);
  EXPECT_EQ(ops.multiplications, 225);  // 1·1·5·5·1·3·3
  EXPECT_EQ(ops.additions, 225);        // 25·(9 − 1 + 1)
  EXPECT_EQ(ops.macs, 225);
  EXPECT_EQ(ops.flops, 450);
  EXPECT_EQ(ops.params, 10);  // 9 weights + 1 bias
}

TEST(CountOps, WithoutBiasOneAdditionFewerPerOutput) {
  Conv2dProblem s;
  s.padding = {1, 1};
  s.bias = false;
  const OpCounts ops = count_ops(s);
  EXPECT_EQ(ops.additions, 200);
  EXPECT_EQ(ops.params, 9);
}

TEST(CountOps, GroupsDivideTheWork) {
  Conv2dProblem dense;
  dense.in_channels = dense.out_channels = 8;
  dense.height = dense.width = 6;
  dense.batch = 2;
  Conv2dProblem grouped = dense;
  grouped.groups = 8;
  const OpCounts a = count_ops(dense), b = count_ops(grouped);
  EXPECT_EQ(a.multiplications, 2 * 8 * 4 * 4 * 8 * 9);
  EXPECT_EQ(a.multiplications, 8 * b.multiplications);
  EXPECT_EQ(b.params, 8 * 9 + 8);
}

}  // namespace
}  // namespace convviz
