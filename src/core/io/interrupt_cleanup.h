#pragma once
// What an interrupted command must not leave behind: the staged files it is
// writing and the folders it made for them. Each is tracked in a fixed,
// preallocated table that a signal handler may walk (nothing in it
// allocates or locks), so Ctrl-C in the middle of any write still removes
// them.
#include <string>
#include <vector>

#include "core/model/result.h"

namespace convviz {

enum class TrackedKind { File, Folder };

// Beyond this many paths at once (or a path longer than PATH_MAX) a path is
// not tracked: it is still removed by its owner's own cleanup (an export's
// cancel), only not by remove_tracked_paths.
inline constexpr int kTrackedSlots = 256;

// A slot number for untrack_path, or -1 when the path is not tracked.
int track_path(const std::string& path, TrackedKind kind);
void untrack_path(int slot);  // -1 is ignored
int tracked_path_count();

// Async-signal-safe: unlinks every tracked file, then removes every tracked
// folder that is empty, the deepest first. The slots stay tracked.
void remove_tracked_paths() noexcept;

// The folders make_folders made, the outermost first, each tracked until
// remove_made_folders or keep_made_folders.
struct MadeFolders {
  std::vector<std::string> paths;
  std::vector<int> slots;
};

// Makes `path` and any missing parents (as mkdir -p), remembering only the
// levels it made: a folder that existed is never removed.
Result<MadeFolders> make_folders(const std::string& path);
// Removes the made folders that are empty, the deepest first.
void remove_made_folders(MadeFolders& made);
// The folders now hold what was written: stop tracking them.
void keep_made_folders(MadeFolders& made);

}  // namespace convviz
