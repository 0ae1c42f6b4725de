// The threaded code under load, for the ThreadSanitizer build (.ci/run runs
// ThreadPool.* and BackgroundConv.* under it): runs back to back, pools made
// and stopped at once, a worker fed and drained while it computes. TSan
// fails any access the pool's or the worker's locks do not order.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "core/engine/background_conv.h"
#include "core/engine/engine.h"
#include "core/engine/thread_pool.h"

namespace convviz {
namespace {

using namespace std::chrono_literals;

TEST(ThreadPool, BackToBackRunsOfEverySizeRunEachTaskOnce) {
  ThreadPool pool(3);
  std::vector<int> hits(16);
  for (int round = 0; round < 3000; ++round) {
    // 0 and 1 run on the caller alone; more wake the workers, some of them
    // still spinning from the run before.
    const int64_t count = round % 17;
    std::fill(hits.begin(), hits.end(), 0);
    pool.run(count, [&](int64_t i, int slot) {
      ASSERT_GE(slot, 0);
      ASSERT_LT(slot, pool.size());
      ++hits[static_cast<size_t>(i)];  // each task owns its cell
    });
    for (int64_t i = 0; i < count; ++i) ASSERT_EQ(hits[static_cast<size_t>(i)], 1) << round;
  }
}

TEST(ThreadPool, APoolStoppedRightAfterARunStopsCleanly) {
  // The last worker to finish still holds the pool's lock to notify the
  // caller, which may already be destroying the pool.
  for (int round = 0; round < 300; ++round) {
    ThreadPool pool(2 + round % 3);
    std::vector<int64_t> out(8);
    pool.run(8, [&](int64_t i, int) { out[static_cast<size_t>(i)] = i * i; });
    ASSERT_EQ(out[7], 49);
  }
}

// Heights vary so the worker's workspace is replanned between jobs.
ConvJob job_of_height(uint64_t id, int64_t height) {
  ConvJob job;
  job.id = id;
  edit_conv2d(job.spec, [&](Conv2dProblem& p) { p.in_channels = 3; });
  edit_conv2d(job.spec, [&](Conv2dProblem& p) { p.out_channels = 4; });
  edit_conv2d(job.spec, [&](Conv2dProblem& p) { p.height = height; });
  edit_conv2d(job.spec, [&](Conv2dProblem& p) { p.width = 61; });
  edit_conv2d(job.spec, [&](Conv2dProblem& p) { p.kernel_size = {3, 3}; });
  edit_conv2d(job.spec, [&](Conv2dProblem& p) { p.padding = {1, 1}; });
  std::mt19937 rng(static_cast<uint32_t>(id));
  std::uniform_real_distribution<float> value(-1, 1);
  Tensor x = make_tensor({1, 3, height, 61});
  for (float& v : x.data) v = value(rng);
  job.input = std::make_shared<const Tensor>(std::move(x));
  job.weight = make_tensor({4, 3, 3, 3});
  for (float& v : job.weight.data) v = value(rng);
  job.bias = make_tensor({4}, 0.5f);
  return job;
}

ConvJob job_of(uint64_t id) { return job_of_height(id, 20 + int64_t(id % 7) * 9); }

// What one thread computes: the worker's pool must give the same bits.
Tensor on_one_thread(const ConvJob& job) {
  ThreadPool one(1);
  ConvWorkspace workspace;
  Tensor y;
  conv2d(sliding_window(job.spec), *job.input, job.weight, &job.bias, y, workspace, one);
  return y;
}

TEST(BackgroundConv, JobsSubmittedAndTakenWhileItWorksGiveOneThreadsBits) {
  BackgroundConv worker(3);
  std::optional<ConvJobResult> last;
  for (uint64_t id = 1; id <= 40; ++id) {
    worker.submit(job_of(id));
    if (std::optional<ConvJobResult> early = worker.take(0ms)) {
      ASSERT_TRUE(early->error.empty()) << early->error;
      EXPECT_EQ(early->output, on_one_thread(job_of(early->id))) << "job " << early->id;
      last = std::move(early);
    }
    (void)worker.busy();
  }
  // The last take in the loop may already have handed out job 40.
  if (!last || last->id != 40) last = worker.take(30s);
  ASSERT_TRUE(last);
  ASSERT_EQ(last->id, 40u);
  EXPECT_EQ(last->output, on_one_thread(job_of(40)));
}

TEST(BackgroundConv, StopsWithAJobRunningAndOneQueued) {
  for (int round = 0; round < 20; ++round) {
    BackgroundConv worker(2);
    worker.submit(job_of_height(1, 300));
    worker.submit(job_of_height(2, 30));
  }  // the destructor waits for the running job and drops the queued one
}

}  // namespace
}  // namespace convviz
