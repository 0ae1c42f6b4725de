#include "core/engine/background_conv.h"

#include <new>
#include <utility>

#include "core/engine/layer_compute.h"
#include "core/engine/thread_pool.h"

namespace convviz {
namespace {

ConvJobResult run_job(ConvJob& job, LayerWorkspace& workspace, ThreadPool& pool) {
  ConvJobResult result;
  result.id = job.id;
  std::vector<SpecError> errors = validate(job.spec);
  const LayerParams params{&job.weight, has_bias(job.spec) ? &job.bias : nullptr};
  if (errors.empty()) errors = check_tensor_shapes(job.spec, *job.input, params);
  if (!errors.empty()) {
    result.error = join_messages(errors);
    return result;
  }
  result.output = std::move(job.output);
  const auto start = std::chrono::steady_clock::now();
  try {
    compute(job.spec, *job.input, params, result.output, workspace, pool);
  } catch (const std::bad_alloc&) {
    result.output = Tensor{};
    result.error = "not enough memory for the full-resolution output";
    return result;
  }
  result.milliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  result.plan = workspace.conv.plan;
  result.extremes = channel_extremes(result.output);
  return result;
}

}  // namespace

BackgroundConv::BackgroundConv(int threads, std::function<void()> finished)
    : finished_callback_(std::move(finished)), worker_([this, threads] { work(threads); }) {}

BackgroundConv::~BackgroundConv() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  worker_.join();
}

void BackgroundConv::submit(ConvJob job) {
  {
    std::lock_guard lock(mutex_);
    newest_submitted_ = job.id;
    queued_ = std::move(job);
  }
  changed_.notify_all();
}

std::optional<ConvJobResult> BackgroundConv::take(std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, wait, [this] {
    return !queued_ && !running_ && (!finished_ || finished_->id == newest_submitted_);
  });
  return std::exchange(finished_, std::nullopt);
}

bool BackgroundConv::busy() const {
  std::lock_guard lock(mutex_);
  return queued_ || running_;
}

void BackgroundConv::work(int threads) {
  ThreadPool pool(threads);
  LayerWorkspace workspace;
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return stopping_ || queued_; });
    if (stopping_) return;
    ConvJob job = std::move(*queued_);
    queued_.reset();
    running_ = true;
    lock.unlock();
    ConvJobResult result = run_job(job, workspace, pool);
    lock.lock();
    running_ = false;
    finished_ = std::move(result);
    changed_.notify_all();
    if (finished_callback_) {
      lock.unlock();  // the callback may take its time (or post to a window)
      finished_callback_();
      lock.lock();
    }
  }
}

}  // namespace convviz
