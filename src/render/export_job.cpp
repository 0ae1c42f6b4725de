#include "render/export_job.h"

#include <cmath>
#include <filesystem>

#include "render/gif.h"

namespace convviz::render {
namespace {

Status check_range(int64_t first, int64_t last) {
  if (first < 0 || last < first) {
    return Error{"the step range " + std::to_string(first) + ".." + std::to_string(last) +
                 " is empty or negative"};
  }
  return std::nullopt;
}

// Leaves the disk as the job found it: a folder that existed stays, one the
// job made goes once it is empty again.
void discard_everything(ExportJob& job) {
  for (const StagedFile& f : job.staged) discard_staged(f);
  job.staged.clear();
  job.frames.clear();
  remove_made_folders(job.made_folders);
}

void fail(ExportJob& job, Error error) {
  discard_everything(job);
  job.error = std::move(error);
  job.finished = true;
}

void finish(ExportJob& job) {
  if (job.kind == ExportKind::Gif) {
    Result<std::string> gif = encode_gif(job.frames, job.delay_centiseconds);
    job.frames.clear();
    if (!gif) return fail(job, gif.error());
    if (Status failed = write_file_atomically(job.target, *gif)) return fail(job, *failed);
    job.written.push_back(job.target);
  } else {
    for (const StagedFile& f : job.staged) {
      if (Status failed = commit_staged(f)) return fail(job, *failed);
      job.written.push_back(f.final_path);
    }
    job.staged.clear();
  }
  keep_made_folders(job.made_folders);
  job.finished = true;
}

}  // namespace

Result<ExportJob> start_png_sequence(const std::string& folder, int64_t first, int64_t last,
                                     std::function<std::string(int64_t)> file_name) {
  if (Status bad = check_range(first, last)) return *bad;
  Result<MadeFolders> made = make_folders(folder);
  std::error_code ec;
  if (!made || !std::filesystem::is_directory(folder, ec)) {
    if (made) remove_made_folders(*made);
    return Error{"cannot write into '" + folder + "': it is not a folder that can be made"};
  }
  ExportJob job;
  job.made_folders = std::move(*made);
  job.kind = ExportKind::PngSequence;
  job.first = job.next = first;
  job.last = last;
  job.target = folder;
  job.file_name = std::move(file_name);
  return job;
}

Result<ExportJob> start_gif(const std::string& path, int64_t first, int64_t last, double fps,
                            int frame_width, int frame_height) {
  if (Status bad = check_range(first, last)) return *bad;
  if (!std::isfinite(fps) || fps < 0.1 || fps > 50) {
    return Error{"the frame rate must be from 0.1 to 50 frames per second"};
  }
  const size_t bytes = size_t(last - first + 1) * size_t(frame_width) * size_t(frame_height) * 4;
  if (bytes > kMaxGifFrameBytes) {
    return Error{"an animation of " + std::to_string(last - first + 1) +
                 " steps at this size needs more memory than ConvViz allows; export a range of "
                 "steps (--from/--to) or a smaller scale"};
  }
  if (Status bad = check_writable_target(path)) return *bad;
  ExportJob job;
  job.kind = ExportKind::Gif;
  job.first = job.next = first;
  job.last = last;
  job.target = path;
  job.delay_centiseconds = std::max(2, int(std::lround(100.0 / fps)));
  return job;
}

bool advance(ExportJob& job, const std::function<Image(int64_t)>& render_step) {
  if (job.finished || job.cancelled) return false;
  const int64_t step = job.next++;
  Image image = render_step(step);
  if (job.kind == ExportKind::Gif) {
    job.frames.push_back(std::move(image));
  } else {
    const std::string path = (std::filesystem::path(job.target) / job.file_name(step)).string();
    Result<StagedFile> staged = stage_file(path, encode_png(image));
    if (!staged) {
      fail(job, staged.error());
      return false;
    }
    job.staged.push_back(*staged);
  }
  if (step == job.last) {
    finish(job);
    return false;
  }
  return true;
}

void cancel(ExportJob& job) {
  if (job.finished) return;  // what was written stays written
  discard_everything(job);
  job.cancelled = true;
  job.finished = true;
}

double progress(const ExportJob& job) {
  const double total = double(job.last - job.first + 1);
  return std::clamp(double(job.next - job.first) / total, 0.0, 1.0);
}

}  // namespace convviz::render
