#pragma once
// A long export (a PNG per step, or an animated GIF) done one step at a
// time, so the window stays responsive, shows progress and can cancel.
// Nothing is written over an existing file until every step is rendered:
// PNGs are staged as temporary files and renamed at the end, the GIF is
// encoded at the end; a cancel or a failure removes what was staged, and
// the folders the job made for the PNGs when they are empty again.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/io/atomic_file.h"
#include "core/io/interrupt_cleanup.h"
#include "core/model/result.h"
#include "render/png.h"

namespace convviz::render {

enum class ExportKind { PngSequence, Gif };

struct ExportJob {
  ExportKind kind = ExportKind::PngSequence;
  int64_t first = 0, last = 0;                    // the steps, inclusive
  int64_t next = 0;                               // the next step to render
  std::string target;                             // the folder (PNGs) or the file (GIF)
  std::function<std::string(int64_t)> file_name;  // a PNG's name for a step
  int delay_centiseconds = 25;                    // GIF frame delay
  std::vector<StagedFile> staged;
  MadeFolders made_folders;  // the levels of `target` that did not exist
  std::vector<Image> frames;
  bool finished = false;
  bool cancelled = false;
  std::optional<Error> error;
  std::vector<std::string> written;  // the final paths, once finished
};

// At most this many bytes of GIF frames are held before encoding.
inline constexpr size_t kMaxGifFrameBytes = size_t{1} << 30;

Result<ExportJob> start_png_sequence(const std::string& folder, int64_t first, int64_t last,
                                     std::function<std::string(int64_t)> file_name);
Result<ExportJob> start_gif(const std::string& path, int64_t first, int64_t last, double fps,
                            int frame_width, int frame_height);

// Renders the next step; after the last one writes the result. Returns true
// while there is more to do.
bool advance(ExportJob& job, const std::function<Image(int64_t)>& render_step);
void cancel(ExportJob& job);
double progress(const ExportJob& job);  // 0 .. 1

}  // namespace convviz::render
