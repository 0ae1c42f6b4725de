// Checks an animated GIF: frame count, size, looping, and that it decodes.
// Usage: gif_check ANIM.gif FRAMES WIDTH HEIGHT [K OUT.png]  (K: a frame to save as PNG, to look
// at)
//        gif_check ANIM.gif FRAMES WIDTH HEIGHT --differs-from OTHER.gif  (every frame differs
// from the same frame of OTHER in at least 1% of its pixels: e.g. with and without --with-text)
#include <stb_image.h>
#include <stb_image_write.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "core/io/atomic_file.h"

namespace {

struct Frames {
  stbi_uc* pixels = nullptr;
  int* delays = nullptr;
  int width = 0, height = 0, count = 0;
  std::string bytes;
  ~Frames() {
    stbi_image_free(pixels);
    std::free(delays);
  }
};

// Decodes every frame, composited as a viewer shows them, or says why not.
bool decode(const char* path, Frames& f) {
  convviz::Result<std::string> bytes = convviz::read_file(path, size_t{1} << 30);
  if (!bytes) {
    std::cerr << bytes.error().message << "\n";
    return false;
  }
  f.bytes = *bytes;
  int components = 0;
  f.pixels = stbi_load_gif_from_memory(reinterpret_cast<const stbi_uc*>(f.bytes.data()),
                                       int(f.bytes.size()), &f.delays, &f.width, &f.height,
                                       &f.count, &components, 4);
  if (!f.pixels)
    std::cerr << path << ": the GIF does not decode: " << stbi_failure_reason() << "\n";
  return f.pixels != nullptr;
}

bool every_frame_differs(const Frames& a, const char* other_path) {
  Frames b;
  if (!decode(other_path, b)) return false;
  if (a.count != b.count || a.width != b.width || a.height != b.height) {
    std::cerr << "the other GIF has " << b.count << " frames of " << b.width << "x" << b.height
              << "\n";
    return false;
  }
  const size_t pixels = size_t(a.width) * size_t(a.height);
  for (int k = 0; k < a.count; ++k) {
    size_t differing = 0;
    const stbi_uc* p = a.pixels + pixels * 4 * size_t(k);
    const stbi_uc* q = b.pixels + pixels * 4 * size_t(k);
    for (size_t i = 0; i < pixels; ++i) differing += std::memcmp(p + i * 4, q + i * 4, 3) != 0;
    if (differing * 100 < pixels) {
      std::cerr << "frame " << k << " differs from the other GIF's in only " << differing
                << " pixels\n";
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5 && argc != 7) {
    std::cerr
        << "usage: gif_check ANIM.gif FRAMES WIDTH HEIGHT [K OUT.png | --differs-from B.gif]\n";
    return 2;
  }
  Frames f;
  if (!decode(argv[1], f)) return 1;
  const bool compare = argc == 7 && std::string(argv[5]) == "--differs-from";
  if (argc == 7 && !compare && std::atoi(argv[5]) < f.count) {
    const size_t frame_bytes = size_t(f.width) * size_t(f.height) * 4;
    stbi_write_png(argv[6], f.width, f.height, 4,
                   f.pixels + frame_bytes * size_t(std::atoi(argv[5])), f.width * 4);
  }
  const bool loops = f.bytes.find("NETSCAPE2.0") != std::string::npos;
  std::cout << f.count << " frames of " << f.width << "x" << f.height << ", " << f.bytes.size()
            << " bytes (" << f.bytes.size() / size_t(f.count) << " per frame)"
            << (loops ? ", loops" : ", does not loop") << "\n";
  const bool ok = f.count == std::atoi(argv[2]) && f.width == std::atoi(argv[3]) &&
                  f.height == std::atoi(argv[4]) && loops;
  if (compare && !every_frame_differs(f, argv[6])) return 1;
  return ok ? 0 : 1;
}
