#include "app/interrupts.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "core/io/interrupt_cleanup.h"

namespace convviz {
namespace {

// Read and written by the handler, so lock-free atomics only.
std::atomic<int> g_signal{0};
std::atomic<int> g_deferring{0};
static_assert(std::atomic<int>::is_always_lock_free, "the handler may not take a lock");

constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};

extern "C" void on_interrupt(int signal) {
  int none = 0;
  const bool first = g_signal.compare_exchange_strong(none, signal);
  if (first && g_deferring.load() > 0) return;
  // Only async-signal-safe calls from here on: unlink, rmdir, _exit.
  remove_tracked_paths();
  ::_exit(interrupted_exit_status(g_signal.load()));
}

// exit() while something is tracked means it was never finished: Xlib, for
// one, exits when the X server goes away, as it does when Ctrl-C reaches
// xvfb-run's Xvfb along with convviz. A signal that came first still
// decides the status.
extern "C" void on_exit_with_tracked_paths() {
  remove_tracked_paths();
  if (const int signal = g_signal.load()) {
    std::fflush(nullptr);
    ::_exit(interrupted_exit_status(signal));
  }
}

}  // namespace

void install_interrupt_handlers() {
  std::atexit(on_exit_with_tracked_paths);
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  for (int signal : kSignals) sigaddset(&action.sa_mask, signal);  // one handler at a time
  // Restarted system calls: a deferred signal must not fail a write midway.
  action.sa_flags = SA_RESTART;
  for (int signal : kSignals) {
    struct sigaction old {};
    if (::sigaction(signal, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    ::sigaction(signal, &action, nullptr);
  }
}

int interrupt_signal() { return g_signal.load(); }

InterruptsDeferred::InterruptsDeferred() { g_deferring.fetch_add(1); }
InterruptsDeferred::~InterruptsDeferred() { g_deferring.fetch_sub(1); }

}  // namespace convviz
