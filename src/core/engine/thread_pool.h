#pragma once
// A fixed set of worker threads, made once and reused by every engine call,
// so a call costs a wake-up rather than a thread start. Work is split into
// numbered tasks; which thread runs which task never changes a result,
// because every task writes its own outputs.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace convviz {

class ThreadPool {
 public:
  explicit ThreadPool(int threads);  // threads >= 1; the caller counts as one
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int size() const { return static_cast<int>(workers_.size()) + 1; }

  // Runs task(i, slot) for every i in [0, count) and returns when all are
  // done; slot in [0, size()) names the thread, for per-thread scratch. The
  // calling thread works too, as slot 0. Not reentrant.
  template <class Task>
  void run(int64_t count, Task&& task) {
    using Callable = std::remove_reference_t<Task>;
    run_erased(count, const_cast<void*>(static_cast<const void*>(&task)),
               [](void* t, int64_t i, int slot) { (*static_cast<Callable*>(t))(i, slot); });
  }

 private:
  using Trampoline = void (*)(void*, int64_t, int);
  void run_erased(int64_t count, void* task, Trampoline call);
  void work_until_done(int slot);
  void worker_loop(int slot);
  void stop_workers();

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  // Bumped under mutex_ for each run; workers spin on it before sleeping.
  std::atomic<uint64_t> generation_{0};
  bool stopping_ = false;  // guarded by mutex_
  std::atomic<int> busy_workers_{0};
  void* task_ = nullptr;
  Trampoline call_ = nullptr;
  int64_t count_ = 0;
  std::atomic<int64_t> next_{0};
};

// The thread count a command asked for: --threads if given, else
// $CONVVIZ_THREADS, else the hardware's. Error text names the bad value.
struct ThreadCount {
  int threads = 1;
  std::string error;
};
ThreadCount resolve_thread_count(std::optional<std::string> from_flag);
int hardware_threads();

// The pool every engine call without an explicit pool uses. Its size is
// fixed by the first call to default_thread_pool() or by
// set_default_thread_count() (which replaces the pool; not while it runs).
// Like ThreadPool::run, these are for one calling thread (the program's
// main thread: the window's frame loop or a CLI command).
ThreadPool& default_thread_pool();
void set_default_thread_count(int threads);

}  // namespace convviz
