#include "core/engine/thread_pool.h"

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <memory>

#include "core/io/json_text.h"

namespace convviz {
namespace {

// Threads spin this long for the next call before sleeping: the gap between
// the calls of a slider drag or a benchmark is shorter, a futex wake-up costs
// more than a small convolution, and a sleeping worker costs nothing.
constexpr auto kSpinTime = std::chrono::microseconds(300);

void pause_briefly() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

// Spins until done() or kSpinTime has passed; looks at the clock only now
// and then (a pause is 20-140 cycles, a clock read about as much).
template <class Done>
void spin_until(Done&& done) {
  const auto give_up = std::chrono::steady_clock::now() + kSpinTime;
  for (;;) {
    for (int i = 0; i < 64; ++i) {
      if (done()) return;
      pause_briefly();
    }
    if (std::chrono::steady_clock::now() >= give_up) return;
  }
}

}  // namespace

ThreadPool::ThreadPool(int threads) {
  try {
    for (int slot = 1; slot < threads; ++slot) {
      workers_.emplace_back([this, slot] { worker_loop(slot); });
    }
  } catch (...) {  // e.g. a process limit: stop the threads already started
    stop_workers();
    throw;
  }
}

ThreadPool::~ThreadPool() { stop_workers(); }

void ThreadPool::stop_workers() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& t : workers_) t.join();
  workers_.clear();
}

void ThreadPool::work_until_done(int slot) {
  for (int64_t i = next_.fetch_add(1); i < count_; i = next_.fetch_add(1)) call_(task_, i, slot);
}

void ThreadPool::run_erased(int64_t count, void* task, Trampoline call) {
  if (workers_.empty() || count <= 1) {
    for (int64_t i = 0; i < count; ++i) call(task, i, 0);
    return;
  }
  {
    std::lock_guard lock(mutex_);
    task_ = task;
    call_ = call;
    count_ = count;
    next_.store(0);
    busy_workers_.store(static_cast<int>(workers_.size()));
    generation_.fetch_add(1);
  }
  wake_.notify_all();
  work_until_done(0);
  spin_until([this] { return busy_workers_.load() == 0; });
  std::unique_lock lock(mutex_);
  done_.wait(lock, [this] { return busy_workers_.load() == 0; });
}

void ThreadPool::worker_loop(int slot) {
  uint64_t seen = 0;
  for (;;) {
    // Spin briefly first: engine calls come in bursts (a slider drag, a
    // benchmark), and a futex wake-up costs more than a small convolution.
    spin_until([&] { return generation_.load() != seen; });
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || generation_.load() != seen; });
      if (stopping_) return;
      seen = generation_.load();
    }
    work_until_done(slot);
    if (busy_workers_.fetch_sub(1) == 1) {
      std::lock_guard lock(mutex_);  // so the notify cannot slip between check and wait
      done_.notify_one();
    }
  }
}

int hardware_threads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

namespace {

constexpr int kMaxThreads = 256;

ThreadCount parse_thread_count(const std::string& text, const std::string& source) {
  int value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || value < 1 || value > kMaxThreads) {
    return {1, source + " must be a whole number from 1 to " + std::to_string(kMaxThreads) +
                   ", got " + convviz::quoted(text)};
  }
  return {value, ""};
}

std::unique_ptr<ThreadPool>& default_pool_slot() {
  static std::unique_ptr<ThreadPool> pool;
  return pool;
}

}  // namespace

ThreadCount resolve_thread_count(std::optional<std::string> from_flag) {
  if (from_flag) return parse_thread_count(*from_flag, "--threads");
  if (const char* env = std::getenv("CONVVIZ_THREADS"); env != nullptr && *env != '\0') {
    return parse_thread_count(env, "CONVVIZ_THREADS");
  }
  return {hardware_threads(), ""};
}

ThreadPool& default_thread_pool() {
  auto& pool = default_pool_slot();
  if (!pool) {
    const ThreadCount count = resolve_thread_count(std::nullopt);
    pool = std::make_unique<ThreadPool>(count.error.empty() ? count.threads : hardware_threads());
  }
  return *pool;
}

void set_default_thread_count(int threads) {
  auto& pool = default_pool_slot();
  if (pool && pool->size() == threads) return;
  pool.reset();
  pool = std::make_unique<ThreadPool>(threads);
}

}  // namespace convviz
