#include "render/image_file.h"

#include <stb_image.h>

#include <cctype>
#include <filesystem>
#include <memory>

#include "core/io/atomic_file.h"
#include "core/io/spec_json.h"
#include "render/picture_header.h"

namespace convviz::render {
namespace {

constexpr float kLumaWeights[3] = {0.2989f, 0.587f, 0.114f};  // torchvision's rgb_to_grayscale

// stb leaves its reason empty for some failures (a GIF that ends its frames).
std::string stb_reason() {
  const char* reason = stbi_failure_reason();
  // Its "XXXX PNG chunk not known" quotes the file's bytes as they are.
  return reason && *reason ? printable(reason) : "stb_image cannot decode it";
}

// Planar float from stb's interleaved bytes: C channels out of `stride` per pixel.
Tensor to_tensor(const unsigned char* pixels, int64_t w, int64_t h, int stride, bool grayscale,
                 float scale) {
  const int64_t channels = grayscale || stride < 3 ? 1 : 3;
  Tensor t = make_tensor({1, channels, h, w});
  const int64_t plane = w * h;
  for (int64_t i = 0; i < plane; ++i) {
    const unsigned char* p = pixels + i * stride;
    if (stride < 3) {
      t.data[size_t(i)] = p[0] * scale;
    } else if (grayscale) {
      t.data[size_t(i)] =
          (kLumaWeights[0] * p[0] + kLumaWeights[1] * p[1] + kLumaWeights[2] * p[2]) * scale;
    } else {
      for (int64_t c = 0; c < 3; ++c) t.data[size_t(c * plane + i)] = p[c] * scale;
    }
  }
  return t;
}

// The header's own size, read by ConvViz: stb's limits make stbi_info fail
// on some huge headers (a 60000×60000 PNG) with a reason that hides the size.
Status check_picture_size(const PictureHeader& header) {
  if (header.width <= kMaxImageSide && header.height <= kMaxImageSide) return std::nullopt;
  return Error{"is too large: the picture is " + size_text(header.width, header.height) +
               "; the limit is " + size_text(kMaxImageSide, kMaxImageSide) +
               " (scale it down first)"};
}

// The format from the magic and header, then the size, then every byte the
// header promises: stb would decode zeros read past a truncated end.
Status check_picture(std::string_view bytes) {
  Result<PictureHeader> header = read_picture_header(bytes);
  if (!header) return header.error();
  if (Status too_large = check_picture_size(*header)) return too_large;
  return check_picture_complete(*header, bytes);
}

// For read_file: a non-picture or an oversized picture is refused from the
// head alone, and no more is read than a valid file with this header holds.
Result<size_t> picture_bytes_limit(std::string_view head, const std::string& path) {
  Result<PictureHeader> header = read_picture_header(head);
  if (!header) return Error{"'" + path + "' " + header.error().message};
  if (Status too_large = check_picture_size(*header)) {
    return Error{"'" + path + "' " + too_large->message};
  }
  return size_t(std::min<uint64_t>(header->max_file_bytes, kMaxImageFileBytes));
}

}  // namespace

bool has_picture_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& ch : ext) ch = char(std::tolower(static_cast<unsigned char>(ch)));
  for (const char* picture : {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tga"}) {
    if (ext == picture) return true;
  }
  return false;
}

Result<Tensor> decode_image_tensor(std::string_view bytes, const std::string& name,
                                   const ImageReadOptions& options) {
  const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
  const int length = static_cast<int>(bytes.size());
  if (Status refused = check_picture(bytes)) return Error{"'" + name + "' " + refused->message};
  int w = 0, h = 0, file_channels = 0;
  if (!stbi_info_from_memory(data, length, &w, &h, &file_channels)) {
    return Error{"'" + name + "' is damaged: " + stb_reason()};
  }
  // Gray files stay one channel; colour ones are read as RGB (alpha dropped).
  const int stride = file_channels <= 2 ? 1 : 3;
  std::unique_ptr<stbi_uc, void (*)(void*)> pixels(
      stbi_load_from_memory(data, length, &w, &h, &file_channels, stride), stbi_image_free);
  if (!pixels) {
    return Error{"'" + name + "' is damaged: " + stb_reason()};
  }
  return to_tensor(pixels.get(), w, h, stride, options.grayscale,
                   options.unit_range ? 1.0f / 255.0f : 1.0f);
}

Result<Tensor> read_image_tensor(const std::string& path, const ImageReadOptions& options) {
  Result<std::string> bytes = read_file(path, kMaxImageFileBytes, [&](std::string_view head) {
    return picture_bytes_limit(head, path);
  });
  if (!bytes) return bytes.error();
  return decode_image_tensor(*bytes, path, options);
}

}  // namespace convviz::render
