#pragma once
// PNG files through stb_image_write, written atomically (temporary file,
// then rename), and the window's pixels read back from OpenGL.
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/result.h"

namespace convviz::render {

struct Image {
  int width = 0, height = 0;
  std::vector<uint8_t> rgba;  // top row first
};

std::string encode_png(const Image& image);
Status write_png(const std::string& path, const Image& image);
Result<Image> read_png(const std::string& path);

// The current framebuffer (needs a current GL context), top row first.
Image read_framebuffer(int width, int height);

}  // namespace convviz::render
