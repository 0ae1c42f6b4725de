#pragma once
// The convviz command line. main() forwards to run_cli so the tests drive
// exactly what users run, in process.
#include <ostream>
#include <string>
#include <vector>

namespace convviz {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitBadInput = 2;

// `args` excludes the program name. Results go to `out`, the one-line error
// for bad input to `err`.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

int run_compute(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_export(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_explain(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_bench(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// Prints "convviz <command>: <message>" and returns kExitBadInput.
int report_bad_input(std::ostream& err, const std::string& command, const std::string& message);

}  // namespace convviz
