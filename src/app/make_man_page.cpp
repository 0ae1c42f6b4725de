// Build step: writes convviz.1 from the options and help texts the binary
// itself uses (src/app/command_help.cpp).
#include <fstream>
#include <iostream>

#include "app/command_help.h"
#include "core/lesson/presets.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_man_page OUT.1\n";
    return 2;
  }
  std::ofstream out(argv[1], std::ios::binary);
  out << convviz::man_page(CONVVIZ_VERSION, CONVVIZ_RELEASE_DATE, convviz::preset_names());
  out.close();
  if (!out) {
    std::cerr << "make_man_page: cannot write " << argv[1] << "\n";
    return 1;
  }
  return 0;
}
