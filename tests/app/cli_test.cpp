#include "app/cli.h"
#include "app/command_help.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/bench_shapes.h"
#include "core/io/atomic_file.h"
#include "core/io/npy.h"
#include "core/lesson/presets.h"
#include "core/model/op_counts.h"

namespace convviz {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct CliRun {
  int status;
  std::string out, err;
};

CliRun run(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int status = run_cli(args, out, err);
  return {status, out.str(), err.str()};
}

size_t line_count(const std::string& s) { return std::count(s.begin(), s.end(), '\n'); }

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("convviz_cli_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const Session s = *find_preset("textbook");
    write("config.json",
          R"({"in_channels": 1, "out_channels": 1, "kernel_size": 3, "padding": 1})");
    ASSERT_FALSE(write_npy(path("x.npy"), s.input));
    ASSERT_FALSE(write_npy(path("w.npy"), s.weight));
    ASSERT_FALSE(write_npy(path("b.npy"), s.bias));
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  void write(const std::string& name, const std::string& text) {
    ASSERT_FALSE(write_file_atomically(path(name), text));
  }
  std::vector<std::string> files_args() const {
    return {"--config", path("config.json"), "--input", path("x.npy"),
            "--weight", path("w.npy"),       "--bias",  path("b.npy")};
  }
  std::vector<std::string> compute_args(std::vector<std::string> extra) const {
    std::vector<std::string> args = {"compute"};
    for (auto& a : files_args()) args.push_back(a);
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }
  size_t files_in_dir() const {
    return std::distance(fs::directory_iterator(dir_), fs::directory_iterator());
  }
  // Bad input: exit 2, exactly one line on stderr containing `expected`, no new file.
  void expect_bad_input(const std::vector<std::string>& args, const std::string& expected) {
    const size_t before = files_in_dir();
    const CliRun r = run(args);
    EXPECT_EQ(r.status, kExitBadInput) << r.err;
    EXPECT_EQ(line_count(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find(expected), std::string::npos) << r.err;
    EXPECT_EQ(files_in_dir(), before) << "a file was left behind";
  }
  fs::path dir_;
};

TEST_F(Cli, ExplainPresetTextbookStepZeroEndsWithTheExpression) {
  const CliRun r = run({"explain", "--preset", "textbook", "--step", "0"});
  ASSERT_EQ(r.status, kExitOk) << r.err;
  const std::string last = "1×0+0×0+1×0+0×0+1×1+0×8+1×0+0×6+1×7+1=9\n";
  ASSERT_GE(r.out.size(), last.size());
  EXPECT_EQ(r.out.substr(r.out.size() - last.size()), last);
  EXPECT_NE(r.out.find("Step 0 (1 of 25): output[n=0, c=0, y=0, x=0]"), std::string::npos);
  EXPECT_TRUE(r.err.empty());
}

TEST_F(Cli, ExplainFromFilesMatchesThePreset) {
  std::vector<std::string> args = {"explain"};
  for (auto& a : files_args()) args.push_back(a);
  args.insert(args.end(), {"--step", "12"});
  const CliRun files = run(args);
  const CliRun preset = run({"explain", "--preset", "textbook", "--step", "12"});
  ASSERT_EQ(files.status, kExitOk) << files.err;
  EXPECT_EQ(files.out, preset.out);
}

TEST_F(Cli, ExplainJsonCarriesTheWholeTrace) {
  const CliRun r = run({"explain", "--preset", "reflect-padding", "--step", "0", "--json"});
  ASSERT_EQ(r.status, kExitOk) << r.err;
  const json t = json::parse(r.out);
  EXPECT_EQ(t["step_count"], 25);
  EXPECT_EQ(t["position"], (json{{"n", 0}, {"c_out", 0}, {"y", 0}, {"x", 0}}));
  ASSERT_EQ(t["terms"].size(), 9u);
  EXPECT_EQ(t["terms"][0]["is_padding"], true);
  EXPECT_EQ(t["terms"][0]["source"], json::array({1, 1}));
  EXPECT_EQ(t["terms"][0]["input"], 7.0);
  EXPECT_EQ(t["bias"], 1.0);
  EXPECT_EQ(t["expression"].get<std::string>().substr(0, 4), "1×7");
}

TEST_F(Cli, ComputeWritesTheOutputAndOps) {
  const CliRun r = run(compute_args({"--output", path("y.npy"), "--ops-json", path("ops.json")}));
  ASSERT_EQ(r.status, kExitOk) << r.err;
  Result<Tensor> y = read_npy(path("y.npy"));
  ASSERT_TRUE(y) << y.error().message;
  EXPECT_EQ(y->shape, (std::vector<int64_t>{1, 1, 5, 5}));
  EXPECT_EQ(y->data[0], 9.0f);
  const json ops = json::parse(*read_file(path("ops.json"), 1 << 16));
  EXPECT_EQ(ops, (json{{"multiplications", 225},
                       {"additions", 225},
                       {"macs", 225},
                       {"flops", 450},
                       {"params", 10},
                       {"output_shape", {1, 1, 5, 5}}}));
  EXPECT_NE(
      r.out.find("multiplications  225 = N·C_out·H_out·W_out·(C_in/groups)·kh·kw = 1·1·5·5·1·3·3"),
      std::string::npos)
      << r.out;
}

TEST_F(Cli, ComputePresetTorchOnesKeepsFiveByFive) {
  const CliRun r = run({"compute", "--preset", "torch-ones", "--output", path("y.npy")});
  ASSERT_EQ(r.status, kExitOk) << r.err;
  const Tensor y = *read_npy(path("y.npy"));
  EXPECT_EQ(y.shape, (std::vector<int64_t>{1, 1, 5, 5}));
  EXPECT_EQ(y.at(0, 0, 0, 0), 4.0f);  // a corner window sees 4 real cells
  EXPECT_EQ(y.at(0, 0, 2, 2), 9.0f);
}

TEST_F(Cli, BadParametersExitTwoWithOneLineAndNoFile) {
  write("config.json",
        R"({"in_channels": 1, "out_channels": 1, "kernel_size": 3, "padding": 1, "groups": 3})");
  expect_bad_input(compute_args({"--output", path("y.npy")}),
                   "convviz compute: groups (3) must divide in_channels (1)");
}

TEST_F(Cli, AFailedComputeLeavesTheOldOutputIntact) {
  write("y.npy", "previous result");
  write("config.json", R"({"in_channels": 1, "out_channels": 1, "kernel_size": 9})");
  expect_bad_input(compute_args({"--output", path("y.npy")}),
                   "the kernel (9 rows) is larger than the padded input (5 rows)");
  EXPECT_EQ(*read_file(path("y.npy"), 100), "previous result");
}

TEST_F(Cli, AnUnwritableOpsPathWritesNeitherFile) {
  expect_bad_input(
      compute_args({"--output", path("y.npy"), "--ops-json", path("missing/ops.json")}),
      "cannot write '" + path("missing/ops.json") + "': No such file or directory");
  EXPECT_FALSE(fs::exists(path("y.npy")));
}

TEST_F(Cli, MalformedFilesAreNamed) {
  write("bad.json", "{\"in_channels\": 1,");
  write("bad.npy", "\x93NUMPY garbage");
  write("ones.npy", encode_npy(make_tensor({5, 5}, 1.0f)));
  std::vector<std::string> args = compute_args({"--output", path("y.npy")});
  auto replaced = [&](const std::string& flag, const std::string& file) {
    auto a = args;
    *(std::find(a.begin(), a.end(), flag) + 1) = path(file);
    return a;
  };
  expect_bad_input(replaced("--config", "bad.json"),
                   "'" + path("bad.json") + "' is not valid JSON");
  expect_bad_input(replaced("--input", "bad.npy"), "'" + path("bad.npy") + "' ");
  expect_bad_input(replaced("--input", "ones.npy"),
                   "has shape [5, 5]; the input must be [N, C, H, W]");
  expect_bad_input(replaced("--weight", "nothere.npy"), "No such file or directory");
  expect_bad_input(replaced("--bias", "x.npy"), "the bias must be [out_channels]");
}

TEST_F(Cli, ShapeMismatchesAreExplained) {
  write("config.json", R"({"in_channels": 3, "out_channels": 1, "kernel_size": 3, "padding": 1})");
  expect_bad_input(compute_args({"--output", path("y.npy")}),
                   "the input has shape [1, 1, 5, 5]: dimension 1 holds the channels (1), but "
                   "in_channels is 3");
}

TEST_F(Cli, BiasFileMustMatchTheConfig) {
  write("config.json", R"({"in_channels": 1, "out_channels": 1, "kernel_size": 3, "bias": false})");
  expect_bad_input(compute_args({"--output", path("y.npy")}),
                   "a bias tensor was given but the configuration has bias off");
  expect_bad_input({"compute", "--config", path("config.json"), "--input", path("x.npy"),
                    "--weight", path("x.npy"), "--output", path("y.npy")},
                   "the weight has shape [1, 1, 5, 5] but the configuration needs [1, 1, 3, 3]");
}

TEST_F(Cli, UsageErrors) {
  expect_bad_input({"compute", "--preset", "textbook"}, "--output is required");
  expect_bad_input({"compute", "--preset", "nope", "--output", path("y.npy")},
                   "unknown preset 'nope' (presets: textbook, torch-ones");
  expect_bad_input({"compute", "--preset", "textbook", "--config", "c.json", "--output", path("y")},
                   "cannot be combined with --config");
  expect_bad_input({"compute", "--output", path("y.npy")},
                   "--config is required (or use --preset NAME)");
  expect_bad_input({"explain", "--preset", "textbook"}, "--step is required");
  expect_bad_input({"explain", "--preset", "textbook", "--step", "25"},
                   "--step 25 is out of range: this convolution has 25 steps (0..24)");
  expect_bad_input({"explain", "--preset", "textbook", "--step", "2x"},
                   "--step must be a whole number, not '2x'");
  expect_bad_input({"explain", "--preset", "textbook", "--step"}, "--step needs a value");
  expect_bad_input({"explain", "--preset", "textbook", "--step", "1", "--step", "2"},
                   "--step is given twice");
  expect_bad_input({"explain", "--frobnicate"}, "unknown option --frobnicate");
  expect_bad_input({"explain", "stray"}, "unexpected argument 'stray'");
  expect_bad_input({"transmogrify"}, "unknown command 'transmogrify'");
}

TEST_F(Cli, OutputsMustBeRegularFilesAndDistinct) {
  ASSERT_EQ(::mkfifo(path("pipe").c_str(), 0600), 0);
  expect_bad_input(compute_args({"--output", path("pipe")}),
                   "cannot write '" + path("pipe") + "': it is not a regular file");
  EXPECT_TRUE(fs::is_fifo(path("pipe")));
  expect_bad_input(compute_args({"--output", path("y.npy"), "--ops-json", path("./y.npy")}),
                   "--output and --ops-json name the same file");
  expect_bad_input(compute_args({"--output", "/dev/null"}), "it is not a regular file");
}

TEST_F(Cli, WritingThroughASymlinkKeepsTheLink) {
  write("real.npy", "old");
  fs::create_symlink(path("real.npy"), path("link.npy"));
  const CliRun r = run(compute_args({"--output", path("link.npy")}));
  ASSERT_EQ(r.status, kExitOk) << r.err;
  EXPECT_TRUE(fs::is_symlink(path("link.npy")));
  EXPECT_EQ(read_npy(path("real.npy"))->shape, (std::vector<int64_t>{1, 1, 5, 5}));
}

TEST_F(Cli, HostileJsonGivesOneLineNotACrash) {
  write("deep.json", std::string(100000, '[') + std::string(100000, ']'));
  expect_bad_input({"compute", "--config", path("deep.json"), "--input", path("x.npy"), "--weight",
                    path("w.npy"), "--bias", path("b.npy"), "--output", path("y.npy")},
                   "is nested more than 64 levels deep");
  write("newline.json", R"({"in_channels": 1, "out_channels": 1, "kernel_size": 3, "a\nb": 1})");
  expect_bad_input({"compute", "--config", path("newline.json"), "--input", path("x.npy"),
                    "--weight", path("w.npy"), "--bias", path("b.npy"), "--output", path("y.npy")},
                   "unknown config key \"a\\nb\"");
}

TEST_F(Cli, AStepNumberTooLargeToHoldIsNamed) {
  expect_bad_input({"explain", "--preset", "textbook", "--step", "1000000000000000000000"},
                   "--step 1000000000000000000000 is far too large");
}

TEST_F(Cli, ExportRefusesBadInputBeforeTouchingAnything) {
  write("old.png", "the old picture");
  const std::string out = path("old.png");
  expect_bad_input({"export", "--preset", "nope", "--step", "0", "--out", out},
                   "unknown preset 'nope'");
  expect_bad_input({"export", "--preset", "textbook", "--step", "25", "--out", out},
                   "--step 25 is out of range: this convolution has 25 steps (0..24)");
  expect_bad_input({"export", "--preset", "textbook", "--step", "0", "--gif", path("a.gif")},
                   "give exactly one of --step I, --all-steps or --gif FILE");
  expect_bad_input({"export", "--preset", "textbook", "--step", "0"}, "--out is required");
  expect_bad_input({"export", "--preset", "textbook", "--step", "0", "--scale", "3", "--out", out},
                   "--scale must be 1, 2 or 4, not '3'");
  expect_bad_input(
      {"export", "--preset", "textbook", "--gif", path("a.gif"), "--from", "9", "--to", "3"},
      "--from must not come after --to");
  expect_bad_input({"export", "--preset", "textbook", "--gif", path("a.gif"), "--out", out},
                   "--gif names the file; --out goes with --step or --all-steps");
  expect_bad_input({"export", "--preset", "textbook", "--step", "0", "--fps", "3", "--out", out},
                   "--fps goes with --gif");
  expect_bad_input({"export", "--preset", "textbook", "--step", "0", "--lang", "fr", "--out", out},
                   "--lang must be en or zh, not 'fr'");
  expect_bad_input({"export", "--session", path("x.npy"), "--step", "0", "--out", out},
                   "is not a JSON file: it should start with '{', not the byte 0x93");
  expect_bad_input(
      {"export", "--preset", "textbook", "--step", "0", "--out", path("missing/x.png")},
      "No such file or directory");
  EXPECT_EQ(*read_file(out, 100), "the old picture");
}

TEST_F(Cli, HelpForEveryCommand) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--help"},
                                               {"compute", "--help"},
                                               {"explain", "--help"},
                                               {"export", "--help"},
                                               {"bench", "--help"}}) {
    const CliRun r = run(args);
    EXPECT_EQ(r.status, kExitOk);
    EXPECT_NE(r.out.find("Usage:"), std::string::npos);
  }
  // What the export's text and its file names hold, and the GIFs' frames.
  const std::string help = run({"export", "--help"}).out;
  for (const char* said :
       {"--with-text", "--lang", "nn.Conv2d(", "Step 1 of 25", "_reflect", "-coalesce"}) {
    EXPECT_NE(help.find(said), std::string::npos) << said;
  }
  const CliRun version = run({"--version"});
  EXPECT_EQ(version.out.rfind("convviz ", 0), 0u);
  EXPECT_NE(version.out.find("SIMD target "), std::string::npos) << version.out;
}

// One table gives the options each command parses, its --help and the man
// page: an option that parses is documented in both, and hidden ones in none.
TEST_F(Cli, HelpAndTheManPageListEveryOptionACommandTakes) {
  const std::string man = man_page("9.9.9", "2026-12-02", preset_names());
  EXPECT_NE(man.find(".TH CONVVIZ 1 \"2026-12-02\" \"ConvViz 9.9.9\""), std::string::npos);
  for (const CommandHelp& command : commands()) {
    const std::vector<std::string> help_args =
        command.name.empty() ? std::vector<std::string>{"--help"}
                             : std::vector<std::string>{std::string(command.name), "--help"};
    const CliRun help = run(help_args);
    EXPECT_EQ(help.status, kExitOk);
    // The command's own part of the man page: its section, or the window's.
    const std::string heading = command.name.empty()
                                    ? std::string(".SH \"THE WINDOW\"")
                                    : ".SH \"convviz " + std::string(command.name) + "\"";
    const size_t start = man.find(heading);
    ASSERT_NE(start, std::string::npos) << heading;
    const std::string section = man.substr(start, man.find("\n.SH ", start + 1) - start);
    if (!command.name.empty()) {
      EXPECT_EQ(help.out, command.text) << command.name;
    }
    for (const OptionSpec& option : command.options) {
      const std::string name = "--" + std::string(option.name);
      std::string in_roff;
      for (char ch : name) in_roff += ch == '-' ? std::string("\\-") : std::string(1, ch);
      const bool in_help = help.out.find(name + " ") != std::string::npos ||
                           help.out.find(name + "]") != std::string::npos ||
                           help.out.find(name + "\n") != std::string::npos;
      EXPECT_EQ(in_help, !option.hidden) << command.name << " " << name;
      const bool in_section = section.find(in_roff + " ") != std::string::npos ||
                              section.find(in_roff + "]") != std::string::npos ||
                              section.find(in_roff + "\n") != std::string::npos;
      EXPECT_EQ(in_section, !option.hidden) << command.name << " " << name;
    }
  }
}

// `convviz FILE` is the desktop entry's Exec line; a typo is still a typo.
TEST_F(Cli, AFileToOpenIsNotAMistypedCommand) {
  const CliRun typo = run({"comptue"});
  EXPECT_EQ(typo.status, kExitBadInput);
  EXPECT_NE(typo.err.find("unknown command 'comptue'"), std::string::npos) << typo.err;
  const CliRun both = run({"--step", "2", path("lesson.convviz.json"), "--preset", "textbook"});
  EXPECT_EQ(both.status, kExitBadInput);
  EXPECT_NE(both.err.find("cannot be combined with --preset"), std::string::npos) << both.err;
  const CliRun two = run({path("a.convviz.json"), path("b.png")});
  EXPECT_EQ(two.status, kExitBadInput);
  EXPECT_NE(two.err.find("one file to open at a time"), std::string::npos) << two.err;
  const CliRun gray = run({path("a.convviz.json"), "--grayscale"});
  EXPECT_NE(gray.err.find("--grayscale goes with --image or a picture"), std::string::npos);
  const CliRun bad_option = run({path("lesson.convviz.json"), "--frobnicate"});
  EXPECT_EQ(bad_option.status, kExitBadInput);
  EXPECT_NE(bad_option.err.find("unknown option --frobnicate"), std::string::npos);
}

TEST_F(Cli, BothEnginesWriteTheSameTextbookOutput) {
  for (const char* engine : {"fast", "reference"}) {
    const CliRun r =
        run(compute_args({"--output", path("y.npy"), "--engine", engine, "--threads", "2"}));
    ASSERT_EQ(r.status, kExitOk) << r.err;
    const Tensor y = *read_npy(path("y.npy"));
    EXPECT_EQ(y.data, (std::vector<float>{9,  16, 15, 7,  7,  15, 23, 13, 20, 9,  12, 17, 31,
                                          14, 14, 7,  23, 11, 32, 6,  6,  11, 17, 7,  16}))
        << engine;
  }
  EXPECT_EQ(run(compute_args({"--output", path("z.npy"), "--engine", "gpu"})).status,
            kExitBadInput);
  EXPECT_FALSE(fs::exists(path("z.npy")));
}

TEST_F(Cli, EveryCommandRefusesABadThreadCount) {
  for (std::vector<std::string> args :
       {compute_args({"--output", path("y.npy")}),
        std::vector<std::string>{"explain", "--preset", "textbook", "--step", "0"},
        std::vector<std::string>{"export", "--preset", "textbook", "--step", "0", "--out",
                                 path("s.png")},
        std::vector<std::string>{"bench", "--config", path("config.json"), "--input-shape",
                                 "1,1,5,5"}}) {
    args.insert(args.end(), {"--threads", "0"});
    const CliRun r = run(args);
    EXPECT_EQ(r.status, kExitBadInput) << args[0];
    EXPECT_NE(r.err.find("--threads must be a whole number from 1 to 256, got \"0\""),
              std::string::npos)
        << r.err;
    EXPECT_EQ(line_count(r.err), 1u);
  }
  EXPECT_FALSE(fs::exists(path("y.npy")));
  EXPECT_FALSE(fs::exists(path("s.png")));
}

TEST_F(Cli, BenchPrintsOneJsonObjectPerShape) {
  const CliRun r = run({"bench", "--shapes", std::string(CONVVIZ_BENCH_DIR) + "/shapes.json",
                        "--threads", "2", "--repeat", "1", "--warmup", "0", "--json"});
  ASSERT_EQ(r.status, kExitOk) << r.err;
  std::istringstream lines(r.out);
  std::vector<json> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(json::parse(line));
  ASSERT_EQ(rows.size(), 8u);
  for (const json& row : rows) {
    for (const char* key :
         {"name", "median_ms", "min_ms", "gflops", "algorithm", "threads", "workspace_bytes"}) {
      EXPECT_TRUE(row.contains(key)) << key << " missing from " << row.dump();
    }
    EXPECT_GT(row["median_ms"].get<double>(), 0.0);
    EXPECT_LE(row["min_ms"].get<double>(), row["median_ms"].get<double>());
    // GFLOP/s is 2·MACs over the median time, by definition.
    EXPECT_NEAR(row["gflops"].get<double>(),
                2.0 * row["macs"].get<double>() / (row["median_ms"].get<double>() * 1e6),
                1e-6 * row["gflops"].get<double>());
  }
  EXPECT_EQ(rows[0]["name"], "textbook_1x1x5x5_k3p1");
  EXPECT_EQ(rows[0]["threads"], 1) << "a 5x5 input is not worth waking a thread for";
  EXPECT_EQ(rows[3]["algorithm"], "implicit-gemm");
  EXPECT_EQ(rows[3]["threads"], 2);
  EXPECT_EQ(rows[5]["algorithm"], "depthwise");
}

TEST_F(Cli, BenchExplainsItsPlan) {
  const CliRun r = run({"bench", "--config", path("config.json"), "--input-shape", "2,1,64,48",
                        "--repeat", "1", "--explain"});
  ASSERT_EQ(r.status, kExitOk) << r.err;
  for (const char* part : {"algorithm: direct", "microkernel: ", "workspace: ", "GFLOP/s"}) {
    EXPECT_NE(r.out.find(part), std::string::npos) << part << " in " << r.out;
  }
}

TEST_F(Cli, BenchRefusesBadShapesWithOneLine) {
  write("bad_shapes.json", R"({"shapes": [{"name": "x", "input_shape": [1, 4, 8, 8], "config":
                                {"in_channels": 4, "out_channels": 4, "kernel_size": 3,
                                 "groups": 3}}]})");
  write("no_shapes.json", R"({"shape": []})");
  write("unpadded.json", R"({"in_channels": 1, "out_channels": 1, "kernel_size": 3})");
  const std::string config = path("config.json");
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"bench", "--shapes", path("bad_shapes.json")}, "shape 1 (\"x\")"},
      {{"bench", "--shapes", path("no_shapes.json")}, "must hold {\"shapes\": [...]}"},
      {{"bench", "--shapes", path("missing.json")}, "missing.json"},
      {{"bench", "--config", config, "--input-shape", "1,1,5"}, "N,C,H,W"},
      {{"bench", "--config", config, "--input-shape", "1,3,5,5"}, "in_channels is 1"},
      {{"bench", "--config", path("unpadded.json"), "--input-shape", "1,1,2,2"}, "kernel"},
      {{"bench", "--config", config, "--input-shape", "1,1,0,5"}, "positive"},
      {{"bench", "--config", config}, "--input-shape"},
      {{"bench", "--config", config, "--input-shape", "1,1,5,5", "--repeat", "0"}, "--repeat"},
      {{"bench", "--config", config, "--input-shape", "1,1,5,5", "--engine", "x"}, "--engine"},
  };
  for (const auto& [args, message] : cases) {
    const CliRun r = run(args);
    EXPECT_EQ(r.status, kExitBadInput) << args.back();
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
    EXPECT_EQ(line_count(r.err), 1u) << r.err;
  }
}

// A shape's "config" is read by the config parser, so its errors are the
// config's, after the shape's number and name.
TEST_F(Cli, BenchShapesAreReadByTheConfigParser) {
  const std::string good = R"({"name": "ok", "input_shape": [1, 1, 5, 5], "config":
                               {"in_channels": 1, "out_channels": 1, "kernel_size": 3}})";
  const std::pair<std::string, std::string> cases[] = {
      {R"({"name": "y", "input_shape": [1, 1, 5, 5], "config": {"in_channels": 1,
           "out_channels": 1, "kernel": 3}})",
       "shape 2 (\"y\") unknown config key \"kernel\" (did you mean \"kernel_size\"?)"},
      {R"({"name": "y", "input_shape": [1, 1, 5, 5], "config": {"in_channels": 1,
           "out_channels": 1, "kernel_size": 3, "padding_mode": "mirror"}})",
       "shape 2 (\"y\") config key \"padding_mode\" must be one of"},
      {R"({"name": "old", "N": 1, "C": 1, "H": 5, "W": 5, "out": 1, "kh": 3, "kw": 3})",
       "shape 2 (\"old\") needs a \"config\" (nn.Conv2d's arguments) and an \"input_shape\""},
      {R"({"name": "y", "input_shape": [1, 1, 5], "config": {}})",
       "\"input_shape\" must be four positive whole numbers [N, C, H, W], got an array"},
      {R"({"name": "y", "input_shape": [1, 3, 5, 5], "config": {"in_channels": 1,
           "out_channels": 1, "kernel_size": 3}})",
       "\"input_shape\" has 3 channels but the config's in_channels is 1"},
      {R"({"name": "y", "input_shape": [1, 1, 5, 5], "N": 1, "config": {"in_channels": 1,
           "out_channels": 1, "kernel_size": 3}})",
       "has the unknown key \"N\""},
  };
  for (const auto& [shape, message] : cases) {
    write("shapes.json", "{\"shapes\": [" + good + ", " + shape + "]}");
    expect_bad_input({"bench", "--shapes", path("shapes.json")}, message);
  }
}

TEST_F(Cli, TheBenchmarkShapesFilesReadAsTheirNamesSay) {
  const auto shapes = read_bench_shapes(std::string(CONVVIZ_BENCH_DIR) + "/shapes.json");
  ASSERT_TRUE(shapes) << shapes.error().message;
  ASSERT_EQ(shapes->size(), 8u);
  const Conv2dProblem& stem = (*shapes)[7].spec;  // stem_3x224x224_to64_k7s2p3
  EXPECT_EQ((std::vector<int64_t>{stem.batch, stem.in_channels, stem.height, stem.width}),
            (std::vector<int64_t>{1, 3, 224, 224}));
  EXPECT_EQ(stem.out_channels, 64);
  EXPECT_EQ(stem.kernel_size.h, 7);
  EXPECT_EQ(stem.stride.w, 2);
  EXPECT_EQ(stem.padding.h, 3);
  // The file's comment: MACs = N*out_channels*H_out*W_out*(in_channels/groups)*kh*kw.
  EXPECT_EQ(count_ops(stem).macs, int64_t{1} * 64 * 112 * 112 * 3 * 7 * 7);
  EXPECT_EQ((*shapes)[5].spec.groups, 32);
  const auto extra = read_bench_shapes(std::string(CONVVIZ_BENCH_DIR) + "/extra_shapes.json");
  ASSERT_TRUE(extra) << extra.error().message;
  ASSERT_EQ(extra->size(), 4u);
  EXPECT_EQ((*extra)[1].spec.padding_mode, PaddingMode::Reflect);
  EXPECT_EQ((*extra)[3].spec.padding_mode, PaddingMode::Circular);
}

// CLI11 parses; the forms and the messages are the ones the hand-written
// parser had, and none of CLI11's exceptions gets out.
TEST_F(Cli, OptionSyntaxAndItsMessagesStayAsTheyWere) {
  const std::string twelve = run({"explain", "--preset", "textbook", "--step", "12"}).out;
  EXPECT_EQ(run({"explain", "--preset=textbook", "--step=12"}).out, twelve);
  const std::vector<std::string> step0 = {"explain", "--preset", "textbook", "--step", "0"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = step0;
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  };
  expect_bad_input(with({"--json=1"}), "convviz explain: --json takes no value");
  expect_bad_input(with({"--json", "--json"}), "convviz explain: --json is given twice");
  expect_bad_input(with({"-h"}), "convviz explain: unexpected argument '-h'");
  expect_bad_input(with({"--", "x"}), "convviz explain: unexpected argument '--'");
  expect_bad_input(with({"--frobnicate=3"}), "convviz explain: unknown option --frobnicate");
  expect_bad_input({"explain", "--preset", "textbook", "--step="}, "--step needs a value");
  expect_bad_input({"compute", "--preset", "textbook", "--output"}, "--output needs a value");
  expect_bad_input({"bench", "--peak", "--json=yes"}, "convviz bench: --json takes no value");
  // The window's options: hidden ones still parse, flags take no value.
  expect_bad_input({"--reveal=yes"}, "convviz: --reveal takes no value");
  expect_bad_input({"--dump-layout", path("l.json")}, "convviz: --layout needs --screenshot");
  expect_bad_input({"--preset", "textbook", "--preset", "textbook"}, "--preset is given twice");
  expect_bad_input({"--reveal", "-5"}, "convviz: unexpected argument '-5'");
}

// The window's FILE is in the table beside its options, and documented in
// its help and its man section; no command takes one.
TEST_F(Cli, OnlyTheWindowTakesAFileAndItsHelpSaysSo) {
  const std::string man = man_page("9.9.9", "2026-12-02", preset_names());
  const size_t window = man.find(".SH \"THE WINDOW\"");
  ASSERT_NE(window, std::string::npos);
  EXPECT_NE(man.find(".B FILE", window), std::string::npos);
  for (const CommandHelp& command : commands()) {
    EXPECT_EQ(command.positional, command.name.empty() ? "FILE" : "") << command.name;
    if (command.name.empty()) {
      EXPECT_NE(command.text.find("\n  FILE "), std::string::npos);
    }
  }
  expect_bad_input({"bench", path("shapes.json")}, "unexpected argument '" + path("shapes.json"));
}

// Issue 11: a 32×32 kernel over a 1×1 input padded by 3985 was within every
// size cap yet asked for 64.5 billion multiplications (5 s and 730 MB, 14
// minutes on the reference loops). Refused, with the cap in words.
TEST_F(Cli, ComputeRefusesALayerThatAsksForMinutesOfWork) {
  write("config.json",
        R"({"in_channels": 1, "out_channels": 1, "kernel_size": 32, "padding": 3985})");
  ASSERT_FALSE(write_npy(path("x.npy"), make_tensor({1, 1, 1, 1}, 1.0f)));
  ASSERT_FALSE(write_npy(path("w.npy"), make_tensor({1, 1, 32, 32}, 1.0f)));
  ASSERT_FALSE(write_npy(path("b.npy"), make_tensor({1}, 0.0f)));
  for (const char* engine : {"fast", "reference"}) {
    expect_bad_input(compute_args({"--output", path("y.npy"), "--engine", engine}),
                     "this layer needs 64,556,646,400 multiplications");
  }
  const CliRun r = run(compute_args({"--output", path("y.npy")}));
  EXPECT_NE(r.err.find("cap of 17,179,869,184"), std::string::npos) << r.err;
}

// nn.Conv2d(1, 1, 3, padding=(-1, 1), padding_mode='reflect') on 8×8: F.pad
// crops a row from the top and the bottom, so PyTorch gives 1×1×4×8.
TEST_F(Cli, ComputeCropsWithNegativeReflectPaddingLikePyTorch) {
  const std::string dir = std::string(CONVVIZ_GOLDEN_DIR) + "/negative_reflect_issue_11/";
  const CliRun r =
      run({"compute", "--config", dir + "config.json", "--input", dir + "x.npy", "--weight",
           dir + "w.npy", "--bias", dir + "b.npy", "--output", path("y.npy")});
  ASSERT_EQ(r.status, kExitOk) << r.err;
  const Tensor y = *read_npy(path("y.npy"));
  const Tensor expected = *read_npy(dir + "y.npy");
  ASSERT_EQ(y.shape, (std::vector<int64_t>{1, 1, 4, 8}));
  for (size_t i = 0; i < y.data.size(); ++i) EXPECT_NEAR(y.data[i], expected.data[i], 1e-4) << i;
}

// The --image path against PyTorch: the picture read as ToTensor would (or
// as grayscale, or kept 0-255), through nn.Conv2d, in make_golden.py.
TEST_F(Cli, ComputeFromAPictureMatchesPyTorch) {
  const std::string dir = std::string(CONVVIZ_GOLDEN_DIR) + "/image/";
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"rgb", {}}, {"gray", {"--grayscale"}}, {"raw", {"--range", "0-255"}}};
  for (const auto& [name, extra] : cases) {
    SCOPED_TRACE(name);
    std::vector<std::string> args = {"compute",
                                     "--config",
                                     dir + "config_" + name + ".json",
                                     "--image",
                                     dir + "picture.png",
                                     "--weight",
                                     dir + "w_" + name + ".npy",
                                     "--bias",
                                     dir + "b_" + name + ".npy",
                                     "--output",
                                     path("y.npy")};
    args.insert(args.end(), extra.begin(), extra.end());
    const CliRun r = run(args);
    ASSERT_EQ(r.status, kExitOk) << r.err;
    const Tensor y = *read_npy(path("y.npy"));
    const Tensor expected = *read_npy(dir + "y_" + name + ".npy");
    const Tensor w = *read_npy(dir + "w_" + name + ".npy");
    ASSERT_EQ(y.shape, expected.shape);
    double weight_sum = 0;
    for (float v : w.data) weight_sum += std::fabs(v);
    const double largest_input = name == "raw" ? 255.0 : 1.0;
    for (size_t i = 0; i < y.data.size(); ++i) {
      ASSERT_NEAR(y.data[i], expected.data[i], 1e-5 * (weight_sum * largest_input + 1)) << i;
    }
  }
}

TEST_F(Cli, PictureOptionsAreCheckedWithOneLine) {
  const std::string picture = std::string(CONVVIZ_GOLDEN_DIR) + "/image/picture.png";
  write("gray.json", R"({"in_channels": 1, "out_channels": 1, "kernel_size": 3})");
  write("not_a_picture.png", "plain text");
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--image", picture}, "gives 3 channels (RGB) but in_channels is 1; add --grayscale"},
      {{"--image", picture, "--range", "0-100"}, "--range must be 0-1"},
      {{"--image", path("not_a_picture.png"), "--grayscale"}, "is not a picture ConvViz can read"},
      {{"--image", picture, "--input", path("x.npy")}, "not both"},
      {{"--input", path("x.npy"), "--grayscale"}, "--grayscale goes with --image"},
  };
  for (const auto& [extra, message] : cases) {
    std::vector<std::string> args = {"compute",     "--config", path("gray.json"), "--weight",
                                     path("w.npy"), "--output", path("y.npy")};
    args.insert(args.end(), extra.begin(), extra.end());
    const CliRun r = run(args);
    EXPECT_EQ(r.status, kExitBadInput) << message;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
    EXPECT_EQ(line_count(r.err), 1u) << r.err;
  }
  EXPECT_FALSE(fs::exists(path("y.npy")));
}

TEST_F(Cli, TheWindowsPictureOptionsAreCheckedBeforeItOpens) {
  const std::pair<std::vector<std::string>, std::string> cases[] = {
      {{"--grayscale"}, "--grayscale goes with --image"},
      {{"--image", "x.png", "--grid", "0"}, "--grid must be"},
      {{"--image", "x.png", "--grid", "500"}, "--grid must be"},
      {{"--region", "3,4"}, "--region goes with --image"},
      {{"--image", "x.png", "--region", "3"}, "--region must be TOP,LEFT"},
      {{"--image", "x.png", "--region", "-1,4"}, "--region must be TOP,LEFT"},
      {{"--image", "x.png", "--grid", "20", "--region", "1,1"}, "cannot be combined"},
      {{"--kernel", "sobel"}, "unknown --kernel 'sobel' (kernels: identity, box-blur"},
      {{"--image", "/nonexistent.png"}, "/nonexistent.png"},
  };
  for (const auto& [args, message] : cases) {
    const CliRun r = run(args);
    EXPECT_EQ(r.status, kExitBadInput) << args[0];
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
    EXPECT_EQ(line_count(r.err), 1u) << r.err;
  }
}

// Issue 11's reproductions: each is one line, exit 2, and no file.
TEST_F(Cli, ANumberBeyondDoubleInAConfigIsBadInputNotAnInternalError) {
  write("config.json",
        R"({"in_channels": 1, "out_channels": 1, "kernel_size": 3, "padding": 1e400})");
  expect_bad_input(compute_args({"--output", path("y.npy")}),
                   "'" + path("config.json") + "' holds a number too large for a 64-bit float");
}

TEST_F(Cli, AnUnknownKeyIsNamedBeforeTheKeyItMisses) {
  write("config.json", R"({"in_channels": 1, "out_channels": 1, "kernel": 3})");
  expect_bad_input(compute_args({"--output", path("y.npy")}),
                   "unknown config key \"kernel\" (did you mean \"kernel_size\"?)");
}

TEST_F(Cli, DevicesAreRefusedFromTheirFirstBytes) {
  std::vector<std::string> args = compute_args({"--output", path("y.npy")});
  for (const char* flag : {"--config", "--input", "--weight"}) {
    auto a = args;
    *(std::find(a.begin(), a.end(), flag) + 1) = "/dev/zero";
    expect_bad_input(a, "'/dev/zero' is not a");
  }
  expect_bad_input({"export", "--session", "/dev/zero", "--step", "0", "--out", path("s.png")},
                   "'/dev/zero' is not a");
}

TEST_F(Cli, ChannelsLastInputIsNamedWithThePermuteThatFixesIt) {
  write("config.json", R"({"in_channels": 3, "out_channels": 1, "kernel_size": 3})");
  ASSERT_FALSE(write_npy(path("x.npy"), make_tensor({1, 28, 28, 3})));
  ASSERT_FALSE(write_npy(path("w.npy"), make_tensor({1, 3, 3, 3})));
  expect_bad_input({"compute", "--config", path("config.json"), "--input", path("x.npy"),
                    "--weight", path("w.npy"), "--output", path("y.npy")},
                   "the input has shape [1, 28, 28, 3]: dimension 1 holds the channels (28), but "
                   "in_channels is 3; it looks channels-last [N, H, W, C]: pass "
                   "x.permute(0, 3, 1, 2)");
  ASSERT_FALSE(write_npy(path("x.npy"), make_tensor({28, 28, 3})));
  expect_bad_input({"compute", "--config", path("config.json"), "--input", path("x.npy"),
                    "--weight", path("w.npy"), "--output", path("y.npy")},
                   "the unbatched input has shape [28, 28, 3]: dimension 0 holds the channels (28)"
                   ", but in_channels is 3; it looks channels-last [H, W, C]: pass "
                   "x.permute(2, 0, 1)");
}

TEST_F(Cli, AnUnbatchedInputGivesAnUnbatchedOutputAsPyTorchDoes) {
  // PyTorch 1.13: Conv2d on [C, H, W] is the batched layer on [1, C, H, W]
  // with the batch dimension dropped again.
  ASSERT_EQ(run(compute_args({"--output", path("batched.npy")})).status, kExitOk);
  Tensor x = *read_npy(path("x.npy"));
  x.shape.erase(x.shape.begin());
  ASSERT_FALSE(write_npy(path("x.npy"), x));
  const CliRun r = run(compute_args({"--output", path("y.npy"), "--ops-json", path("ops.json")}));
  ASSERT_EQ(r.status, kExitOk) << r.err;
  const Tensor y = *read_npy(path("y.npy"));
  const Tensor batched = *read_npy(path("batched.npy"));
  EXPECT_EQ(y.shape, (std::vector<int64_t>{1, 5, 5}));
  EXPECT_EQ(y.data, batched.data);
  EXPECT_EQ(json::parse(*read_file(path("ops.json"), 1 << 16))["output_shape"], (json{1, 5, 5}));
  EXPECT_NE(r.out.find("output shape     [1, 5, 5]"), std::string::npos) << r.out;
}

TEST_F(Cli, AnUnbatchedInputWithCircularPaddingIsRefusedAsPyTorchDoes) {
  // torch 1.13: nn.Conv2d(1, 1, 3, padding_mode='circular')(torch.randn(1, 5, 5)) raises
  // "Invalid padding size, expected 2 but got 4"; reflect and replicate compute.
  Tensor x = *read_npy(path("x.npy"));
  x.shape.erase(x.shape.begin());
  ASSERT_FALSE(write_npy(path("x.npy"), x));
  write("config.json", R"({"in_channels": 1, "out_channels": 1, "kernel_size": 3,
                           "padding": 1, "padding_mode": "circular"})");
  expect_bad_input(
      compute_args({"--output", path("y.npy")}),
      "PyTorch 1.13 refuses an unbatched input [1, 5, 5] with padding_mode 'circular'");
  write("config.json", R"({"in_channels": 1, "out_channels": 1, "kernel_size": 3,
                           "padding": 1, "padding_mode": "reflect"})");
  EXPECT_EQ(run(compute_args({"--output", path("y.npy")})).status, kExitOk);
}

TEST_F(Cli, TheReferenceLoopsRefuseWorkThatWouldTakeMinutes) {
  write("config.json", R"({"in_channels": 1, "out_channels": 1, "kernel_size": 32,
                           "padding": 2000, "bias": false})");
  ASSERT_FALSE(write_npy(path("x.npy"), make_tensor({1, 1, 1, 1}, 1.0f)));
  ASSERT_FALSE(write_npy(path("w.npy"), make_tensor({1, 1, 32, 32}, 1.0f)));
  expect_bad_input({"compute", "--config", path("config.json"), "--input", path("x.npy"),
                    "--weight", path("w.npy"), "--output", path("y.npy"), "--engine", "reference"},
                   "--engine reference computes at most 2,147,483,648 multiplications");
}

TEST_F(Cli, AMessageIsOneLineWhateverThePathHolds) {
  const std::string name = path("two\nlines.json");
  write("two\nlines.json", "{\"in_channels\": 1,");
  std::vector<std::string> args = compute_args({"--output", path("y.npy")});
  *(std::find(args.begin(), args.end(), "--config") + 1) = name;
  expect_bad_input(args, "two\\nlines.json' is not valid JSON");
}

}  // namespace
}  // namespace convviz