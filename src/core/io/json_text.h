#pragma once
// Text for messages about what a file holds, escaped so that a message is
// always one line of valid UTF-8. Free of the JSON parser: any layer may
// quote a name (thread_pool.cpp quotes $CONVVIZ_THREADS).
#include <string>
#include <string_view>

namespace convviz {

// A key or string quoted and escaped as JSON (never a raw newline), at most
// ~40 characters.
std::string quoted(const std::string& text);
// Bytes from a file as one line of valid UTF-8 (control bytes escaped as
// JSON does, invalid sequences replaced by U+FFFD).
std::string printable(std::string_view text);
// A message as one line: control bytes shown as \n, \t or \xNN and invalid
// UTF-8 as U+FFFD; everything else (quotes too) as it is.
std::string one_line(std::string_view text);

}  // namespace convviz
