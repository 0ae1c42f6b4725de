#include "render/png.h"

#include <glad/gl.h>
#include <stb_image.h>
#include <stb_image_write.h>

#include "core/io/atomic_file.h"

namespace convviz::render {

std::string encode_png(const Image& image) {
  std::string bytes;
  stbi_write_png_to_func(
      [](void* context, void* data, int size) {
        static_cast<std::string*>(context)->append(static_cast<const char*>(data), size_t(size));
      },
      &bytes, image.width, image.height, 4, image.rgba.data(), image.width * 4);
  return bytes;
}

Status write_png(const std::string& path, const Image& image) {
  const std::string bytes = encode_png(image);
  if (bytes.empty()) return Error{"could not encode the PNG for '" + path + "'"};
  return write_file_atomically(path, bytes);
}

Result<Image> read_png(const std::string& path) {
  Image image;
  int channels = 0;
  stbi_uc* pixels = stbi_load(path.c_str(), &image.width, &image.height, &channels, 4);
  if (!pixels) return Error{"cannot read '" + path + "': " + stbi_failure_reason()};
  image.rgba.assign(pixels, pixels + size_t(image.width) * size_t(image.height) * 4);
  stbi_image_free(pixels);
  return image;
}

Image read_framebuffer(int width, int height) {
  Image image{width, height, std::vector<uint8_t>(size_t(width) * size_t(height) * 4)};
  GLint alignment = 4;
  glGetIntegerv(GL_PACK_ALIGNMENT, &alignment);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, image.rgba.data());
  glPixelStorei(GL_PACK_ALIGNMENT, alignment);
  // OpenGL's rows start at the bottom; PNG's at the top.
  const size_t row = size_t(width) * 4;
  std::vector<uint8_t> swap(row);
  for (int y = 0; y < height / 2; ++y) {
    uint8_t* a = image.rgba.data() + size_t(y) * row;
    uint8_t* b = image.rgba.data() + size_t(height - 1 - y) * row;
    std::copy(a, a + row, swap.data());
    std::copy(b, b + row, a);
    std::copy(swap.data(), swap.data() + row, b);
  }
  for (size_t i = 3; i < image.rgba.size(); i += 4) image.rgba[i] = 255;  // opaque
  return image;
}

}  // namespace convviz::render
