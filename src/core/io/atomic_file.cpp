#include "core/io/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <utility>

#include "core/io/interrupt_cleanup.h"

namespace convviz {
namespace {

Error io_error(const std::string& verb, const std::string& path, int error_number) {
  return Error{"cannot " + verb + " '" + path + "': " + std::strerror(error_number)};
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<size_t>(written));
  }
  return true;
}

// "<folder>/.convviz-<10 random letters or digits>": short whatever the
// target's name (a 255-byte name is legal, its name plus a suffix is not).
std::string temp_name_beside(const std::string& target) {
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  thread_local std::mt19937_64 random{std::random_device{}() ^ uint64_t(::getpid()) << 32};
  std::string name = ".convviz-";
  for (int i = 0; i < 10; ++i) name += kChars[random() % (sizeof kChars - 1)];
  const std::filesystem::path folder = std::filesystem::path(target).parent_path();
  return folder.empty() ? name : (folder / name).string();
}

// Creates a new temporary file beside `target`, tracked before it exists so
// that no moment has it on disk and unknown to an interrupt.
int create_temp_beside(const std::string& target, StagedFile& staged) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    staged.temp_path = temp_name_beside(target);
    staged.tracked_slot = track_path(staged.temp_path, TrackedKind::File);
    const int fd = ::open(staged.temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0 || errno != EEXIST) {
      if (fd < 0) untrack_path(std::exchange(staged.tracked_slot, -1));
      return fd;
    }
    untrack_path(std::exchange(staged.tracked_slot, -1));  // someone else's file: keep it
  }
  return -1;
}

}  // namespace

Status check_writable_target(const std::string& path) {
  if (path.empty()) return Error{"the output path is empty"};
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && !S_ISREG(info.st_mode)) {
    return Error{"cannot write '" + path +
                 "': " + (S_ISDIR(info.st_mode) ? "it is a folder" : "it is not a regular file")};
  }
  std::string folder = std::filesystem::path(path).parent_path().string();
  if (folder.empty()) folder = ".";
  if (::access(folder.c_str(), W_OK) != 0) return io_error("write", path, errno);
  return std::nullopt;
}

Result<StagedFile> stage_file(const std::string& path, std::string_view bytes) {
  if (Status bad = check_writable_target(path)) return *bad;
  // Write through a symbolic link to its file, keeping the link.
  std::string target = path;
  struct stat link {};
  if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
    std::error_code ec;
    target = std::filesystem::canonical(path, ec).string();
    if (ec) return Error{"cannot write '" + path + "': " + ec.message()};
  }
  StagedFile staged{"", target};
  const int fd = create_temp_beside(target, staged);
  if (fd < 0) {
    return Error{"cannot write '" + path + "': no temporary file can be made beside it (" +
                 std::strerror(errno) + ")"};
  }
  const bool written = write_all(fd, bytes) && ::fsync(fd) == 0;
  const int saved_errno = errno;
  // The file was made 0600: keep the replaced file's mode, else the usual
  // 0644 (reading the umask would mean changing it, which is not thread-safe).
  struct stat existing {};
  ::fchmod(fd, ::stat(target.c_str(), &existing) == 0 ? existing.st_mode & 07777 : 0644);
  if (::close(fd) != 0 || !written) {
    const int close_errno = errno;
    discard_staged(staged);
    return io_error("write", path, written ? close_errno : saved_errno);
  }
  return staged;
}

Status commit_staged(const StagedFile& staged) {
  if (std::rename(staged.temp_path.c_str(), staged.final_path.c_str()) != 0) {
    const int saved_errno = errno;
    discard_staged(staged);
    return io_error("write", staged.final_path, saved_errno);
  }
  // Untracked only once renamed: an interrupt in between finds no file to unlink.
  untrack_path(staged.tracked_slot);
  return std::nullopt;
}

void discard_staged(const StagedFile& staged) {
  ::unlink(staged.temp_path.c_str());
  untrack_path(staged.tracked_slot);
}

Status write_files_atomically(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<StagedFile> staged;
  for (const auto& [path, bytes] : files) {
    Result<StagedFile> one = stage_file(path, bytes);
    if (!one) {
      for (const StagedFile& s : staged) discard_staged(s);
      return one.error();
    }
    staged.push_back(*one);
  }
  for (size_t i = 0; i < staged.size(); ++i) {
    if (Status failed = commit_staged(staged[i])) {
      for (size_t j = i + 1; j < staged.size(); ++j) discard_staged(staged[j]);
      return failed;
    }
  }
  return std::nullopt;
}

Status write_file_atomically(const std::string& path, std::string_view bytes) {
  return write_files_atomically({{path, std::string(bytes)}});
}

Result<std::string> read_file(const std::string& path, size_t max_bytes,
                              const SizeLimitFromHead& limit_from_head) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Error{"cannot read '" + path + "': it is a folder"};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return io_error("read", path, errno);
  bool limited_by_header = false;
  auto too_large = [&] {
    if (limited_by_header) {
      return Error{"'" + path + "' is longer than its header says (" + std::to_string(max_bytes) +
                   " bytes)"};
    }
    return Error{"'" + path + "' is larger than the " + std::to_string(max_bytes) +
                 " bytes ConvViz reads"};
  };
  // A regular file's size is known: too large is refused unread (after its
  // header, which names the kind of file better), and the buffer is made
  // once, with room for the chunk that passes the limit, never doubled.
  // Devices and pipes have no size: they are read in chunks up to the limit.
  const uintmax_t size = std::filesystem::file_size(path, ec);
  const bool sized = !ec;
  if (sized && size > max_bytes && !limit_from_head) return too_large();
  std::string bytes;
  char chunk[1 << 16];
  if (sized) bytes.reserve(size_t(std::min<uintmax_t>(size, max_bytes)) + sizeof chunk);
  bool head_checked = !limit_from_head;
  auto check_head = [&]() -> Status {
    head_checked = true;
    Result<size_t> limit = limit_from_head(std::string_view(bytes).substr(0, kHeadBytes));
    if (!limit) return limit.error();
    limited_by_header = *limit < max_bytes;
    max_bytes = std::min(max_bytes, *limit);
    if (limited_by_header && !sized) bytes.reserve(max_bytes + sizeof chunk);  // untouched
    return std::nullopt;
  };
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    bytes.append(chunk, size_t(in.gcount()));
    if (!head_checked && bytes.size() >= kHeadBytes) {
      if (Status refused = check_head()) return *refused;
      if (sized && size > max_bytes) return too_large();
    }
    if (bytes.size() > max_bytes) return too_large();
  }
  if (in.bad()) return io_error("read", path, errno);
  if (!head_checked) {
    if (Status refused = check_head()) return *refused;
    if (bytes.size() > max_bytes) return too_large();
  }
  return bytes;
}

}  // namespace convviz
