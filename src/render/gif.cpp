#include "render/gif.h"

#include <gif_lib.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <unordered_map>

namespace convviz::render {
namespace {

uint32_t rgb_at(const Image& image, size_t pixel) {
  const uint8_t* p = &image.rgba[pixel * 4];
  return uint32_t(p[0]) << 16 | uint32_t(p[1]) << 8 | p[2];
}

int channel(uint32_t colour, int c) { return int(colour >> (16 - 8 * c)) & 0xff; }

struct Bucket {
  std::vector<std::pair<uint32_t, uint32_t>> colours;  // colour, count

  int widest_channel(int& range) const {
    int best = 0;
    range = -1;
    for (int c = 0; c < 3; ++c) {
      int lo = 255, hi = 0;
      for (const auto& [colour, count] : colours) {
        lo = std::min(lo, channel(colour, c));
        hi = std::max(hi, channel(colour, c));
      }
      if (hi - lo > range) range = hi - lo, best = c;
    }
    return best;
  }
  uint32_t average() const {
    double sum[3] = {0, 0, 0}, total = 0;
    for (const auto& [colour, count] : colours) {
      for (int c = 0; c < 3; ++c) sum[c] += double(channel(colour, c)) * count;
      total += count;
    }
    uint32_t out = 0;
    for (int c = 0; c < 3; ++c) out = out << 8 | uint32_t(sum[c] / total + 0.5);
    return out;
  }
};

uint32_t nearest(const std::vector<uint32_t>& palette, uint32_t colour) {
  uint32_t best = 0;
  int best_distance = INT32_MAX;
  for (uint32_t i = 0; i < palette.size(); ++i) {
    int distance = 0;
    for (int c = 0; c < 3; ++c) {
      const int d = channel(palette[i], c) - channel(colour, c);
      distance += d * d;
    }
    if (distance < best_distance) best_distance = distance, best = i;
  }
  return best;
}

int write_to_string(GifFileType* gif, const GifByteType* data, int length) {
  static_cast<std::string*>(gif->UserData)
      ->append(reinterpret_cast<const char*>(data), size_t(length));
  return length;
}

// The smallest rectangle where `frame` differs from `previous`.
struct Box {
  int x0, y0, x1, y1;  // inclusive-exclusive
};
Box changed_box(const Image& previous, const Image& frame) {
  Box box{frame.width, frame.height, 0, 0};
  for (int y = 0; y < frame.height; ++y) {
    for (int x = 0; x < frame.width; ++x) {
      const size_t at = (size_t(y) * size_t(frame.width) + size_t(x)) * 4;
      if (std::memcmp(&previous.rgba[at], &frame.rgba[at], 3) == 0) continue;
      box = {std::min(box.x0, x), std::min(box.y0, y), std::max(box.x1, x + 1),
             std::max(box.y1, y + 1)};
    }
  }
  if (box.x1 == 0) return {0, 0, 1, 1};  // nothing changed: the smallest frame
  return box;
}

}  // namespace

std::vector<uint32_t> shared_palette(const std::vector<Image>& frames) {
  std::unordered_map<uint32_t, uint32_t> histogram;
  for (const Image& f : frames) {
    for (size_t i = 0; i < f.rgba.size() / 4; ++i) ++histogram[rgb_at(f, i)];
  }
  std::vector<Bucket> buckets(1);
  buckets[0].colours.assign(histogram.begin(), histogram.end());
  // Split the bucket with the widest colour range at its weighted median
  // until there are 256 buckets or nothing left to split.
  while (buckets.size() < 256) {
    int best = -1, best_range = 0, best_channel = 0;
    for (size_t i = 0; i < buckets.size(); ++i) {
      if (buckets[i].colours.size() < 2) continue;
      int range = 0;
      const int c = buckets[i].widest_channel(range);
      if (range > best_range) best_range = range, best = int(i), best_channel = c;
    }
    if (best < 0) break;
    auto& colours = buckets[size_t(best)].colours;
    std::sort(colours.begin(), colours.end(), [&](const auto& a, const auto& b) {
      return channel(a.first, best_channel) < channel(b.first, best_channel);
    });
    uint64_t total = 0, running = 0;
    for (const auto& c : colours) total += c.second;
    size_t split = 1;
    for (; split < colours.size() - 1; ++split) {
      running += colours[split - 1].second;
      if (running * 2 >= total) break;
    }
    Bucket upper;
    upper.colours.assign(colours.begin() + long(split), colours.end());
    colours.resize(split);
    buckets.push_back(std::move(upper));
  }
  std::vector<uint32_t> palette;
  for (const Bucket& b : buckets) palette.push_back(b.average());
  return palette;
}

Result<std::string> encode_gif(const std::vector<Image>& frames, int delay_centiseconds) {
  if (frames.empty()) return Error{"an animation needs at least one frame"};
  const int width = frames[0].width, height = frames[0].height;
  for (const Image& f : frames) {
    if (f.width != width || f.height != height) return Error{"animation frames differ in size"};
  }
  const std::vector<uint32_t> palette = shared_palette(frames);
  std::vector<GifColorType> colours(256, GifColorType{0, 0, 0});
  for (size_t i = 0; i < palette.size(); ++i) {
    colours[i] = {GifByteType(channel(palette[i], 0)), GifByteType(channel(palette[i], 1)),
                  GifByteType(channel(palette[i], 2))};
  }
  std::string bytes;
  int error = 0;
  GifFileType* gif = EGifOpen(&bytes, write_to_string, &error);
  if (!gif) return Error{std::string("cannot start the GIF: ") + GifErrorString(error)};
  EGifSetGifVersion(gif, true);  // GIF89a: frame delays and looping need it
  ColorMapObject* map = GifMakeMapObject(256, colours.data());
  bool ok = EGifPutScreenDesc(gif, width, height, 8, 0, map) == GIF_OK;
  GifFreeMapObject(map);
  // Loop forever: the NETSCAPE2.0 application extension with count 0.
  const GifByteType loop[] = {1, 0, 0};
  ok = ok && EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE) == GIF_OK &&
       EGifPutExtensionBlock(gif, 11, "NETSCAPE2.0") == GIF_OK &&
       EGifPutExtensionBlock(gif, 3, loop) == GIF_OK && EGifPutExtensionTrailer(gif) == GIF_OK;

  std::unordered_map<uint32_t, GifByteType> index_of;
  std::vector<GifPixelType> line(static_cast<size_t>(width));
  for (size_t i = 0; ok && i < frames.size(); ++i) {
    const Image& frame = frames[i];
    const Box box = i == 0 ? Box{0, 0, width, height} : changed_box(frames[i - 1], frame);
    GraphicsControlBlock control{DISPOSE_DO_NOT, false, delay_centiseconds, NO_TRANSPARENT_COLOR};
    GifByteType extension[4];
    EGifGCBToExtension(&control, extension);
    ok = EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, extension) == GIF_OK &&
         EGifPutImageDesc(gif, box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0, false, nullptr) ==
             GIF_OK;
    for (int y = box.y0; ok && y < box.y1; ++y) {
      for (int x = box.x0; x < box.x1; ++x) {
        const uint32_t colour = rgb_at(frame, size_t(y) * size_t(width) + size_t(x));
        auto it = index_of.find(colour);
        if (it == index_of.end())
          it = index_of.emplace(colour, GifByteType(nearest(palette, colour))).first;
        line[size_t(x - box.x0)] = it->second;
      }
      ok = EGifPutLine(gif, line.data(), box.x1 - box.x0) == GIF_OK;
    }
  }
  const int last_error = gif->Error;
  if (EGifCloseFile(gif, &error) != GIF_OK || !ok) {
    return Error{std::string("cannot encode the GIF: ") + GifErrorString(ok ? error : last_error)};
  }
  return bytes;
}

}  // namespace convviz::render
