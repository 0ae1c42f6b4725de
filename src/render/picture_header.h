#pragma once
// A picture file's header read by ConvViz itself, before stb_image decodes
// it. stb reads zeros past the end of a truncated BMP, TGA, GIF or JPEG and
// decodes them as pixels, and refuses a header above its own limits with a
// reason that hides the size; so the format, the size and how many bytes a
// complete file holds are checked here first.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/model/result.h"

namespace convviz::render {

enum class PictureFormat { Png, Jpeg, Bmp, Gif, Tga };

struct PictureHeader {
  PictureFormat format = PictureFormat::Png;
  // 0 × 0 only for a JPEG whose frame header lies past the bytes seen.
  int64_t width = 0;
  int64_t height = 0;
  // The least bytes a complete file with this header has (exact for BMP and
  // uncompressed TGA, the header's own length for the others), and the most
  // a valid one can hold (a generous bound for compressed formats).
  uint64_t min_file_bytes = 0;
  uint64_t max_file_bytes = 0;
};

// From the file's first bytes (the whole file or its head): the format, by
// its magic and header. An Error is a phrase to follow the file's name:
// "is not a picture ConvViz can read: it looks like text (…); …", "is a BMP
// with RLE compression, …", "is truncated: …".
Result<PictureHeader> read_picture_header(std::string_view head);

// "60000×60000", as the messages write a picture's size.
std::string size_text(int64_t width, int64_t height);

// Whether the whole file holds every byte its header promises, walking the
// chunks, segments, blocks or packets of the first picture. An Error says
// "is truncated: …" and by how much, or that a GIF "has no frames".
Status check_picture_complete(const PictureHeader& header, std::string_view file);

}  // namespace convviz::render
