// Checks an animated GIF: frame count, size, looping, and that it decodes.
// Usage: gif_check ANIM.gif FRAMES WIDTH HEIGHT [K OUT.png]  (K: a frame to save as PNG, to look
// at)
#include <stb_image.h>
#include <stb_image_write.h>

#include <cstdlib>
#include <iostream>

#include "core/atomic_file.h"

int main(int argc, char** argv) {
  if (argc != 5 && argc != 7) {
    std::cerr << "usage: gif_check ANIM.gif FRAMES WIDTH HEIGHT\n";
    return 2;
  }
  convviz::Result<std::string> bytes = convviz::read_file(argv[1], size_t{1} << 30);
  if (!bytes) {
    std::cerr << bytes.error().message << "\n";
    return 1;
  }
  int* delays = nullptr;
  int width = 0, height = 0, frames = 0, components = 0;
  stbi_uc* pixels =
      stbi_load_gif_from_memory(reinterpret_cast<const stbi_uc*>(bytes->data()), int(bytes->size()),
                                &delays, &width, &height, &frames, &components, 4);
  if (!pixels) {
    std::cerr << "the GIF does not decode: " << stbi_failure_reason() << "\n";
    return 1;
  }
  if (argc == 7 && std::atoi(argv[5]) < frames) {
    const size_t frame_bytes = size_t(width) * size_t(height) * 4;
    stbi_write_png(argv[6], width, height, 4, pixels + frame_bytes * size_t(std::atoi(argv[5])),
                   width * 4);
  }
  stbi_image_free(pixels);
  std::free(delays);
  const bool loops = bytes->find("NETSCAPE2.0") != std::string::npos;
  std::cout << frames << " frames of " << width << "x" << height << ", " << bytes->size()
            << " bytes (" << bytes->size() / size_t(frames) << " per frame)"
            << (loops ? ", loops" : ", does not loop") << "\n";
  const bool ok = frames == std::atoi(argv[2]) && width == std::atoi(argv[3]) &&
                  height == std::atoi(argv[4]) && loops;
  return ok ? 0 : 1;
}
