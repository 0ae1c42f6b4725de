#pragma once
// Pictures as input tensors: PNG, JPEG, BMP, GIF (first frame) and TGA
// through stb_image, laid out [1, C, H, W] as torchvision's ToTensor does.
#include <string>
#include <string_view>

#include "core/model/result.h"
#include "core/model/tensor.h"

namespace convviz::render {

struct ImageReadOptions {
  bool grayscale = false;  // colour to one channel, torchvision's weights (0.2989, 0.587, 0.114)
  bool unit_range = true;  // values / 255, like ToTensor; false keeps 0-255
};

// Bigger pictures are refused with a message (before decoding): a 4096×4096
// RGB input is already 200 MB of float32 and a second to convolve.
inline constexpr int64_t kMaxImageSide = 4096;
inline constexpr int64_t kMaxImageFileBytes = int64_t{256} << 20;

// Whether the path ends in an extension read_image_tensor reads (any case).
bool has_picture_extension(const std::string& path);

// Grayscale and grayscale+alpha files give 1 channel, colour ones 3 (alpha
// dropped) unless options.grayscale. Errors name the file and the problem.
Result<Tensor> read_image_tensor(const std::string& path, const ImageReadOptions& options);
Result<Tensor> decode_image_tensor(std::string_view bytes, const std::string& name,
                                   const ImageReadOptions& options);

}  // namespace convviz::render
