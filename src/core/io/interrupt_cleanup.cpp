#include "core/io/interrupt_cleanup.h"

#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>

namespace convviz {
namespace {

// A slot's word is a seqlock: the state in the low bits, a generation above
// that every change bumps. The handler copies a path and uses it only when
// the word did not change meanwhile, so a slot freed and reused by another
// thread during the copy is skipped instead of read half old, half new.
enum : uint32_t { kFree = 0, kClaimed = 1, kFile = 2, kFolder = 3, kStateMask = 3 };

struct Slot {
  std::atomic<uint32_t> word{kFree};
  char path[PATH_MAX] = {};
};
static_assert(std::atomic<uint32_t>::is_always_lock_free, "the handler may not take a lock");

// 256 slots of PATH_MAX: 1 MiB of zeroed memory, touched only as used.
Slot g_slots[kTrackedSlots];

uint32_t next_word(uint32_t word, uint32_t state) { return ((word >> 2) + 1) << 2 | state; }

// Copies slot `i`'s path into `out` when it is tracked as `kind` and stays
// so during the copy.
bool copy_tracked(int i, TrackedKind kind, char (&out)[PATH_MAX]) {
  Slot& slot = g_slots[i];
  const uint32_t before = slot.word.load(std::memory_order_acquire);
  if ((before & kStateMask) != (kind == TrackedKind::File ? kFile : kFolder)) return false;
  std::memcpy(out, slot.path, sizeof out);
  std::atomic_thread_fence(std::memory_order_acquire);
  out[PATH_MAX - 1] = '\0';
  return slot.word.load(std::memory_order_relaxed) == before;
}

}  // namespace

int track_path(const std::string& path, TrackedKind kind) {
  if (path.empty() || path.size() >= PATH_MAX) return -1;
  for (int i = 0; i < kTrackedSlots; ++i) {
    Slot& slot = g_slots[i];
    uint32_t word = slot.word.load(std::memory_order_relaxed);
    if ((word & kStateMask) != kFree) continue;
    const uint32_t claimed = next_word(word, kClaimed);
    if (!slot.word.compare_exchange_strong(word, claimed, std::memory_order_acquire)) continue;
    std::memcpy(slot.path, path.c_str(), path.size() + 1);
    slot.word.store(next_word(claimed, kind == TrackedKind::File ? kFile : kFolder),
                    std::memory_order_release);
    return i;
  }
  return -1;
}

void untrack_path(int slot) {
  if (slot < 0 || slot >= kTrackedSlots) return;
  std::atomic<uint32_t>& word = g_slots[slot].word;
  word.store(next_word(word.load(std::memory_order_relaxed), kFree), std::memory_order_release);
}

int tracked_path_count() {
  return int(std::count_if(std::begin(g_slots), std::end(g_slots), [](const Slot& s) {
    return (s.word.load(std::memory_order_acquire) & kStateMask) >= kFile;
  }));
}

void remove_tracked_paths() noexcept {
  char path[PATH_MAX];
  for (int i = 0; i < kTrackedSlots; ++i) {
    if (copy_tracked(i, TrackedKind::File, path)) ::unlink(path);
  }
  // A child's path is longer than its parent's, but sorting needs room the
  // handler does not have: instead, pass over the folders until a pass
  // removes none (rmdir refuses a folder that is not empty, so a parent
  // goes in the pass after its last child).
  for (int pass = 0; pass < kTrackedSlots; ++pass) {
    bool removed = false;
    for (int i = 0; i < kTrackedSlots; ++i) {
      if (copy_tracked(i, TrackedKind::Folder, path) && ::rmdir(path) == 0) removed = true;
    }
    if (!removed) break;
  }
}

Result<MadeFolders> make_folders(const std::string& path) {
  namespace fs = std::filesystem;
  fs::path target = fs::path(path).lexically_normal();
  if (target.has_parent_path() && target.filename().empty()) target = target.parent_path();
  // The missing levels, innermost first: walk up to the first that exists.
  std::vector<fs::path> missing;
  struct stat info {};
  for (fs::path p = target; !p.empty() && ::stat(p.c_str(), &info) != 0 && errno == ENOENT;
       p = p.parent_path()) {
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  MadeFolders made;
  for (auto level = missing.rbegin(); level != missing.rend(); ++level) {
    // Tracked before it exists, so no moment has it made and untracked.
    const int slot = track_path(level->string(), TrackedKind::Folder);
    if (::mkdir(level->c_str(), 0777) == 0) {
      made.paths.push_back(level->string());
      made.slots.push_back(slot);
      continue;
    }
    const int error_number = errno;
    untrack_path(slot);
    if (error_number == EEXIST) continue;  // made meanwhile by someone else: not ours
    remove_made_folders(made);
    return Error{"cannot make the folder '" + level->string() +
                 "': " + std::strerror(error_number)};
  }
  const bool exists = ::stat(target.c_str(), &info) == 0;
  if (!exists || !S_ISDIR(info.st_mode)) {
    const std::string why = exists ? "a file is in the way" : std::strerror(errno);
    remove_made_folders(made);
    return Error{"cannot make the folder '" + target.string() + "': " + why};
  }
  return made;
}

void remove_made_folders(MadeFolders& made) {
  for (size_t i = made.paths.size(); i-- > 0;) {
    ::rmdir(made.paths[i].c_str());  // fails, as it should, when not empty
    untrack_path(made.slots[i]);
  }
  made = {};
}

void keep_made_folders(MadeFolders& made) {
  for (int slot : made.slots) untrack_path(slot);
  made = {};
}

}  // namespace convviz
