#pragma once
// Writes that never leave a half-written file or destroy the previous one:
// the bytes go to a temporary file beside the target, which is then renamed
// over it (rename is atomic within one file system). The temporary file has
// a short hidden name of its own (".convviz-" and 10 random characters), so
// any name the file system allows can be written, and it is tracked for
// remove_tracked_paths until it is committed or discarded, so an interrupt
// leaves none behind.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/result.h"

namespace convviz {

// A complete temporary file waiting to be renamed into place.
// Commit or discard each exactly once.
struct StagedFile {
  std::string temp_path;
  std::string final_path;
  int tracked_slot = -1;  // in core/interrupt_cleanup's table
};

// The target is a regular file or absent, in a folder we may write to.
// Cheap; lets a command refuse a bad output path before long work.
Status check_writable_target(const std::string& path);

Result<StagedFile> stage_file(const std::string& path, std::string_view bytes);
Status commit_staged(const StagedFile& staged);
void discard_staged(const StagedFile& staged);

// Stages every file first and renames only when all of them were written,
// so a failed write leaves every target as it was. (Only a rename failing
// after all the writes succeeded, which needs a race, can leave the targets
// renamed before it replaced.)
Status write_files_atomically(const std::vector<std::pair<std::string, std::string>>& files);
Status write_file_atomically(const std::string& path, std::string_view bytes);

// The most bytes a file may hold, decided from its first bytes (up to
// kHeadBytes, fewer when the file is shorter), or an Error that refuses it
// at once: a header read first keeps /dev/zero or a huge file of the wrong
// kind from being read whole before it is refused.
using SizeLimitFromHead = std::function<Result<size_t>(std::string_view head)>;
inline constexpr size_t kHeadBytes = size_t{64} << 10;

Result<std::string> read_file(const std::string& path, size_t max_bytes,
                              const SizeLimitFromHead& limit_from_head = {});

}  // namespace convviz
