#include <iostream>

#include "app/cli.h"
#include "app/interrupts.h"

int main(int argc, char** argv) {
  convviz::install_interrupt_handlers();
  const std::vector<std::string> args(argv + 1, argv + argc);
  const int status = convviz::run_cli(args, std::cout, std::cerr);
  // A signal that a command deferred and stopped for still ends as one.
  if (const int signal = convviz::interrupt_signal()) {
    return convviz::interrupted_exit_status(signal);
  }
  return status;
}
