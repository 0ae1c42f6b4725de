#pragma once
// Ctrl-C (SIGINT), SIGTERM and SIGHUP: whatever a command is doing, it ends
// with status 128 + the signal (130, 143, 129) and leaves no staged file or
// made folder behind.
//
// By default the handler itself removes what core/interrupt_cleanup tracks
// and exits at once. Code that can stop cleanly between steps (an export,
// the window) holds an InterruptsDeferred: the handler then only records the
// signal, and that code checks interrupt_signal() and stops as its Cancel or
// Quit does. A second signal exits at once anyway, in case that code is
// stuck.
namespace convviz {

// Once, first thing in main. Signals ignored when the program started
// (nohup's SIGHUP) stay ignored.
void install_interrupt_handlers();

// The first signal received, or 0.
int interrupt_signal();
inline int interrupted_exit_status(int signal) { return 128 + signal; }

class InterruptsDeferred {
 public:
  InterruptsDeferred();
  ~InterruptsDeferred();
  InterruptsDeferred(const InterruptsDeferred&) = delete;
  InterruptsDeferred& operator=(const InterruptsDeferred&) = delete;
};

}  // namespace convviz
