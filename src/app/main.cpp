#include <iostream>

#include "app/cli.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  return convviz::run_cli(args, std::cout, std::cerr);
}
