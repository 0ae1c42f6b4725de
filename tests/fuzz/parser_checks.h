#pragma once
// What each parser must do with any bytes at all (ARCHITECTURE.md,
// invariant 5): answer with an Error of one non-empty line, or with a value
// that passes that value's own checks. The fuzz targets abort when a check
// fails; the normal suite runs every corpus and regression file through the
// same checks. Exceptions are not caught here: one escaping a parser is a
// finding, and libFuzzer reports it as a crash.
#include <string>
#include <string_view>

namespace convviz::fuzz {

// Each returns what is wrong with the parser's answer, or "" when it is right.
std::string check_npy(std::string_view bytes);
std::string check_config(std::string_view bytes);
std::string check_session_file(std::string_view bytes);
std::string check_settings(std::string_view bytes);
std::string check_image(std::string_view bytes);

struct FuzzTarget {
  const char* name;  // the folder under tests/fuzz/corpus/ and regressions/
  std::string (*check)(std::string_view bytes);
};
inline constexpr FuzzTarget kFuzzTargets[] = {{"npy", check_npy},
                                              {"config", check_config},
                                              {"session", check_session_file},
                                              {"settings", check_settings},
                                              {"image", check_image}};

// For the fuzz targets: prints the problem and aborts when there is one.
void abort_if_wrong(const std::string& problem);

}  // namespace convviz::fuzz
