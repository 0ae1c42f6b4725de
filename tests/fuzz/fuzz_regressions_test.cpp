// Every seed and every input a fuzzer once failed on (tests/fuzz/corpus/ and
// regressions/), through the fuzz targets' own checks, in the normal suite:
// a fixed parser bug stays fixed without clang or libFuzzer.
#include <gtest/gtest.h>

#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <string>

#include "parser_checks.h"

namespace convviz::fuzz {

// Test names and failures say "npy", not the struct's bytes.
void PrintTo(const FuzzTarget& target, std::ostream* out) { *out << target.name; }

namespace {

namespace fs = std::filesystem;

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class FuzzInputs : public ::testing::TestWithParam<FuzzTarget> {};

TEST_P(FuzzInputs, EachFileGetsAOneLineErrorOrAValueThatPassesItsChecks) {
  const FuzzTarget target = GetParam();
  int files = 0;
  for (const char* set : {"corpus", "regressions"}) {
    const fs::path dir = fs::path(CONVVIZ_FUZZ_DIR) / set / target.name;
    if (!fs::exists(dir)) continue;  // no regressions for this parser yet
    for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
      ++files;
      std::string problem;
      try {
        problem = target.check(read_bytes(entry.path()));
      } catch (const std::exception& e) {
        problem = std::string("an exception escaped the parser: ") + e.what();
      }
      EXPECT_EQ(problem, "") << entry.path();
    }
  }
  EXPECT_GT(files, 0) << "tests/fuzz/corpus/" << target.name << "/ is empty";
}

INSTANTIATE_TEST_SUITE_P(Parsers, FuzzInputs, ::testing::ValuesIn(kFuzzTargets),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace convviz::fuzz
