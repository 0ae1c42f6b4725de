// Ctrl-C, SIGTERM and SIGHUP sent to the real binary under xvfb-run, in the
// middle of an export or with the window open: the exit status is 128 +
// the signal, no staged file is left, a folder convviz made is gone, a
// folder that existed is as it was, and the window saves what a quit saves.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Every wait is bounded: a hung convviz fails the test instead of the suite.
constexpr auto kPatience = std::chrono::seconds(90);

bool wait_until(const std::function<bool()>& done) {
  for (const auto deadline = Clock::now() + kPatience; Clock::now() < deadline;) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return done();
}

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("convviz_interrupt_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    names.push_back(it->path().filename());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string contents(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

// A /proc file of a process that may exit while it is read: read(2) then
// fails with ESRCH, which libstdc++'s filebuf turns into an exception that
// escapes istreambuf_iterator (CI saw it once), so plain read(2), and
// whatever was read before the error.
std::string proc_text(const fs::path& path) {
  std::string text;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return text;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) text.append(buffer, n);
  ::close(fd);
  return text;
}

// xvfb-run running convviz, in a process group of its own so that a test
// that fails can kill all of it.
class ConvvizRun {
 public:
  ConvvizRun(std::vector<std::string> convviz_args,
             const std::vector<std::string>& extra_env = {}) {
    std::vector<std::string> args = {XVFB_RUN, "-a", CONVVIZ_BINARY};
    args.insert(args.end(), convviz_args.begin(), convviz_args.end());
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_strings(extra_env);
    for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
    std::vector<char*> envp;
    for (std::string& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);

    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setpgroup(&attr, 0);
    // Default dispositions and no mask, even when the suite itself was
    // started with signals ignored (a background job's SIGINT).
    sigset_t signals;
    sigemptyset(&signals);
    for (int s : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&signals, s);
    posix_spawnattr_setsigdefault(&attr, &signals);
    sigemptyset(&signals);
    posix_spawnattr_setsigmask(&attr, &signals);
    posix_spawnattr_setflags(
        &attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    spawned_ = posix_spawn(&xvfb_run_, argv[0], nullptr, &attr, argv.data(), envp.data()) == 0;
    posix_spawnattr_destroy(&attr);
  }
  ~ConvvizRun() {
    if (spawned_ && !status_) {
      ::kill(-xvfb_run_, SIGKILL);
      ::waitpid(xvfb_run_, nullptr, 0);
    }
  }
  bool spawned() const { return spawned_; }

  // convviz, once xvfb-run has started it.
  pid_t wait_for_convviz() {
    wait_until([&] { return (convviz_ = find_child()) > 0; });
    return convviz_;
  }

  // Once convviz has connected to the X server, main has long installed its
  // handlers, and the window (run_gui, which defers signals to its frame
  // loop) or the export's OpenGL context is being set up.
  bool wait_for_display_connection() {
    return wait_until([&] {
      std::error_code ec;
      const fs::path fds = "/proc/" + std::to_string(convviz_) + "/fd";
      for (auto it = fs::directory_iterator(fds, ec); !ec && it != fs::directory_iterator();
           it.increment(ec)) {
        if (fs::read_symlink(it->path(), ec).string().rfind("socket:", 0) == 0) return true;
      }
      return false;
    });
  }

  // xvfb-run returns convviz's own exit status.
  std::optional<int> wait_for_exit() {
    wait_until([&] {
      int status = 0;
      if (::waitpid(xvfb_run_, &status, WNOHANG) != xvfb_run_) return false;
      status_ = status;
      return true;
    });
    if (!status_) return std::nullopt;
    return WIFEXITED(*status_) ? WEXITSTATUS(*status_) : 1000 + WTERMSIG(*status_);
  }

 private:
  pid_t find_child() const {
    std::error_code ec;
    for (auto it = fs::directory_iterator("/proc", ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
      const std::string name = it->path().filename();
      if (name.find_first_not_of("0123456789") != std::string::npos) continue;  // not a process
      std::istringstream stat(proc_text(it->path() / "stat"));
      std::string pid, comm, state;
      pid_t parent = 0;
      if (stat >> pid >> comm >> state >> parent && parent == xvfb_run_ && comm == "(convviz)") {
        return std::stoi(pid);
      }
    }
    return 0;
  }

  pid_t xvfb_run_ = 0, convviz_ = 0;
  bool spawned_ = false;
  std::optional<int> status_;
};

// What the kernel says the process catches, from /proc.
bool catches_interrupts(pid_t pid) {
  std::istringstream status(proc_text("/proc/" + std::to_string(pid) + "/status"));
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("SigCgt:", 0) != 0) continue;
    const unsigned long long caught = std::stoull(line.substr(7), nullptr, 16);
    const auto bit = [](int s) { return 1ull << (s - 1); };
    return (caught & bit(SIGINT)) && (caught & bit(SIGTERM)) && (caught & bit(SIGHUP));
  }
  return false;
}

// At 2x a step takes long enough (2560x1440, drawn and encoded: 0.2-1 s)
// that the signal, sent once the first of 25 is staged, lands with steps
// still to go.
std::vector<std::string> export_all_steps(const fs::path& out) {
  return {"export", "--preset", "textbook", "--all-steps", "--scale", "2", "--out", out.string()};
}

// Interrupts an export into `out` once a first PNG is staged there.
void interrupt_export(const fs::path& out, size_t entries_before, int signal) {
  ConvvizRun run(export_all_steps(out));
  ASSERT_TRUE(run.spawned());
  const pid_t convviz = run.wait_for_convviz();
  ASSERT_GT(convviz, 0) << "convviz did not start";
  ASSERT_TRUE(wait_until([&] { return names_in(out).size() > entries_before; }))
      << "no staged file appeared";
  EXPECT_TRUE(catches_interrupts(convviz));
  ASSERT_EQ(::kill(convviz, signal), 0);
  EXPECT_EQ(run.wait_for_exit(), 128 + signal);
}

class Interrupted : public ::testing::TestWithParam<int> {};

TEST_P(Interrupted, AnExportIntoANewNestedFolderLeavesNothing) {
  const fs::path dir = fresh_dir("made_" + std::to_string(GetParam()));
  interrupt_export(dir / "made" / "nested" / "steps", 0, GetParam());
  EXPECT_FALSE(fs::exists(dir / "made")) << "the folders convviz made are gone";
  EXPECT_EQ(names_in(dir), std::vector<std::string>{});
}

TEST_P(Interrupted, AnExportIntoAnExistingFolderLeavesItAsItWas) {
  const fs::path dir = fresh_dir("existing_" + std::to_string(GetParam()));
  write(dir / "keep.txt", "kept");
  write(dir / "conv_k3_s1_p1_step001.png", "the old picture");
  const auto before = fs::last_write_time(dir / "conv_k3_s1_p1_step001.png");
  interrupt_export(dir, 2, GetParam());
  EXPECT_EQ(names_in(dir), (std::vector<std::string>{"conv_k3_s1_p1_step001.png", "keep.txt"}));
  // Compared as booleans: a PNG in a failure message is megabytes of noise.
  EXPECT_TRUE(contents(dir / "keep.txt") == "kept");
  EXPECT_TRUE(contents(dir / "conv_k3_s1_p1_step001.png") == "the old picture");
  std::error_code ec;
  EXPECT_EQ(fs::last_write_time(dir / "conv_k3_s1_p1_step001.png", ec), before);
}

INSTANTIATE_TEST_SUITE_P(Signals, Interrupted, ::testing::Values(SIGINT, SIGTERM, SIGHUP),
                         [](const auto& info) { return std::string(sigabbrev_np(info.param)); });

TEST(InterruptedGif, LeavesTheOldAnimation) {
  const fs::path dir = fresh_dir("gif");
  write(dir / "anim.gif", "old animation");
  ConvvizRun run({"export", "--preset", "textbook", "--gif", (dir / "anim.gif").string()});
  ASSERT_TRUE(run.spawned());
  const pid_t convviz = run.wait_for_convviz();
  ASSERT_GT(convviz, 0);
  ASSERT_TRUE(run.wait_for_display_connection()) << "OpenGL is being set up";
  ASSERT_EQ(::kill(convviz, SIGINT), 0);
  EXPECT_EQ(run.wait_for_exit(), 130);
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"anim.gif"});
  EXPECT_EQ(contents(dir / "anim.gif"), "old animation");
}

// The window quits as Quit does, saving the settings and the last session,
// but does not wait for an answer about the unsaved change (--kernel).
TEST(InterruptedWindow, SavesWhatAQuitSavesAndExits) {
  const fs::path dir = fresh_dir("window");
  ConvvizRun run({"--preset", "stride-2", "--kernel", "sobel-x", "--window-size", "1024x700"},
                 {"CONVVIZ_CONFIG_DIR=" + dir.string()});
  ASSERT_TRUE(run.spawned());
  const pid_t convviz = run.wait_for_convviz();
  ASSERT_GT(convviz, 0);
  ASSERT_TRUE(run.wait_for_display_connection());
  ASSERT_EQ(::kill(convviz, SIGTERM), 0);
  EXPECT_EQ(run.wait_for_exit(), 143);
  EXPECT_TRUE(fs::exists(dir / "settings.json"));
  std::string session = contents(dir / "last_session.json");
  std::erase_if(session, [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
  EXPECT_NE(session.find("\"stride\":2"), std::string::npos) << session;
  EXPECT_NE(session.find("\"weight\":{\"data\":[-1.0,0.0,1.0,-2.0,0.0,2.0,-1.0,0.0,1.0]"),
            std::string::npos)
      << "the last session, with its unsaved change: " << session;
}

}  // namespace
