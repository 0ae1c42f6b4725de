#pragma once
// Full-resolution convolutions for the image view, off the UI thread: the
// window hands in a job each time the layer or the picture changes and
// keeps showing the last finished map until the new one is ready. Only the
// newest job matters; one that has not started yet is replaced.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/engine/conv_plan.h"
#include "core/lesson/colormap.h"
#include "core/model/layer_spec.h"
#include "core/model/tensor.h"

namespace convviz {

struct ConvJob {
  uint64_t id = 0;
  LayerSpec spec;
  std::shared_ptr<const Tensor> input;  // shared: the picture does not change while sliders move
  Tensor weight, bias;
  Tensor output;  // a spare buffer of the output's size, reused when it fits
};

struct ConvJobResult {
  uint64_t id = 0;
  Tensor output;
  std::vector<Extremes> extremes;  // of each output channel, so the UI thread need not scan
  double milliseconds = 0;
  ConvPlan plan;
  std::string error;  // the spec or tensors did not fit; output is empty
};

class BackgroundConv {
 public:
  // The worker's own pool: threads >= 1. `finished`, when set, is called on
  // the worker's thread after each result is ready to take: a window asleep
  // until its next event wakes to show it.
  explicit BackgroundConv(int threads, std::function<void()> finished = {});
  ~BackgroundConv();
  BackgroundConv(const BackgroundConv&) = delete;
  BackgroundConv& operator=(const BackgroundConv&) = delete;

  void submit(ConvJob job);

  // The newest finished result not taken yet. Waits up to `wait` for the
  // newest submitted job to finish first, so quick jobs show in the frame
  // that asked for them.
  std::optional<ConvJobResult> take(std::chrono::milliseconds wait);

  bool busy() const;  // a job is queued or running

 private:
  void work(int threads);

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<ConvJob> queued_;
  std::optional<ConvJobResult> finished_;
  uint64_t newest_submitted_ = 0;
  bool running_ = false;
  bool stopping_ = false;
  std::function<void()> finished_callback_;
  std::thread worker_;
};

}  // namespace convviz
