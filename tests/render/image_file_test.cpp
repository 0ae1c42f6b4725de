// Pictures as input tensors: every format stb reads, the channel and range
// choices, and bad files refused with a message.
#include "render/image_file.h"

#include <gtest/gtest.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>

#include "core/atomic_file.h"
#include "core/engine.h"
#include "core/tensor_fills.h"
#include "render/gif.h"

namespace convviz::render {
namespace {

namespace fs = std::filesystem;

// A 5×4 RGB picture whose every pixel is different: r = 10x, g = 40y, b = 200.
Image test_picture() {
  Image image{5, 4, std::vector<uint8_t>(5 * 4 * 4)};
  for (int y = 0; y < 4; ++y) {
    for (int x = 0; x < 5; ++x) {
      uint8_t* p = &image.rgba[size_t((y * 5 + x) * 4)];
      p[0] = uint8_t(10 * x), p[1] = uint8_t(40 * y), p[2] = 200, p[3] = 128;
    }
  }
  return image;
}

std::string encoded(const char* format, const Image& image) {
  std::string bytes;
  auto append = [](void* out, void* data, int size) {
    static_cast<std::string*>(out)->append(static_cast<const char*>(data), size_t(size));
  };
  const std::string f = format;
  if (f == "png")
    stbi_write_png_to_func(append, &bytes, image.width, image.height, 4, image.rgba.data(),
                           image.width * 4);
  if (f == "bmp")
    stbi_write_bmp_to_func(append, &bytes, image.width, image.height, 4, image.rgba.data());
  if (f == "tga")
    stbi_write_tga_to_func(append, &bytes, image.width, image.height, 4, image.rgba.data());
  if (f == "jpg")
    stbi_write_jpg_to_func(append, &bytes, image.width, image.height, 4, image.rgba.data(), 100);
  if (f == "gif") bytes = *encode_gif({image, image}, 10);
  return bytes;
}

float pixel(const Tensor& t, int64_t c, int64_t y, int64_t x) { return t.at(0, c, y, x); }

TEST(ImageFile, EveryFormatGivesAnRgbTensorInZeroToOne) {
  const Image image = test_picture();
  for (const char* format : {"png", "bmp", "tga", "gif", "jpg"}) {
    SCOPED_TRACE(format);
    Result<Tensor> t = decode_image_tensor(encoded(format, image), format, {});
    ASSERT_TRUE(t) << t.error().message;
    ASSERT_EQ(t->shape, (std::vector<int64_t>{1, 3, 4, 5}));
    // JPEG is lossy: a few levels off; every other format exact.
    const float slack = std::string(format) == "jpg" ? 8.0f / 255 : 1e-6f;
    for (int y = 0; y < 4; ++y) {
      for (int x = 0; x < 5; ++x) {
        EXPECT_NEAR(pixel(*t, 0, y, x), 10.0f * x / 255, slack);
        EXPECT_NEAR(pixel(*t, 1, y, x), 40.0f * y / 255, slack);
        EXPECT_NEAR(pixel(*t, 2, y, x), 200.0f / 255, slack);
      }
    }
  }
}

TEST(ImageFile, GrayscaleAndTheRawRange) {
  const Image image = test_picture();
  Result<Tensor> raw = decode_image_tensor(encoded("png", image), "p", {false, false});
  ASSERT_TRUE(raw);
  EXPECT_EQ(pixel(*raw, 0, 0, 3), 30.0f);
  Result<Tensor> gray = decode_image_tensor(encoded("png", image), "p", {true, true});
  ASSERT_TRUE(gray);
  ASSERT_EQ(gray->shape, (std::vector<int64_t>{1, 1, 4, 5}));
  // torchvision's rgb_to_grayscale: 0.2989 r + 0.587 g + 0.114 b.
  EXPECT_NEAR(pixel(*gray, 0, 2, 3), (0.2989f * 30 + 0.587f * 80 + 0.114f * 200) / 255, 1e-6f);
}

TEST(ImageFile, AGrayFileGivesOneChannel) {
  std::string bytes;
  const uint8_t gray[6] = {0, 51, 102, 153, 204, 255};
  stbi_write_png_to_func(
      [](void* out, void* data, int size) {
        static_cast<std::string*>(out)->append(static_cast<const char*>(data), size_t(size));
      },
      &bytes, 3, 2, 1, gray, 3);
  Result<Tensor> t = decode_image_tensor(bytes, "gray.png", {});
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->shape, (std::vector<int64_t>{1, 1, 2, 3}));
  EXPECT_FLOAT_EQ(t->data[4], 0.8f);
}

TEST(ImageFile, BadFilesAreNamedAndRefused) {
  const std::string png = encoded("png", test_picture());
  const std::pair<std::string, std::string> cases[] = {
      {"", "not a picture"},
      {"hello, I am text", "not a picture"},
      {png.substr(0, png.size() / 2), "damaged or truncated"},
  };
  for (const auto& [bytes, message] : cases) {
    Result<Tensor> t = decode_image_tensor(bytes, "bad.png", {});
    ASSERT_FALSE(t);
    EXPECT_NE(t.error().message.find("'bad.png'"), std::string::npos) << t.error().message;
    EXPECT_NE(t.error().message.find(message), std::string::npos) << t.error().message;
  }
  Result<Tensor> missing = read_image_tensor("/nonexistent/x.png", {});
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("/nonexistent/x.png"), std::string::npos);
}

TEST(ImageFile, APictureTooBigIsRefusedBeforeDecoding) {
  // A BMP header claiming 5000×5000 pixels, with no pixels behind it.
  std::string bmp = encoded("bmp", test_picture());
  auto put32 = [&](size_t at, int32_t v) { std::memcpy(&bmp[at], &v, 4); };
  put32(18, 5000);
  put32(22, 5000);
  Result<Tensor> t = decode_image_tensor(bmp, "huge.bmp", {});
  ASSERT_FALSE(t);
  EXPECT_NE(t.error().message.find("5000×5000"), std::string::npos) << t.error().message;
  EXPECT_NE(t.error().message.find("4096×4096"), std::string::npos) << t.error().message;
}

// The step edge a student would try first: Sobel x answers only at the edge.
TEST(ImageFile, SobelXFindsAVerticalStepEdge) {
  Image image{8, 6, std::vector<uint8_t>(8 * 6 * 4, 255)};
  for (int y = 0; y < 6; ++y) {
    for (int x = 0; x < 4; ++x) std::fill_n(&image.rgba[size_t((y * 8 + x) * 4)], 3, uint8_t(0));
  }
  Result<Tensor> x = decode_image_tensor(encoded("png", image), "edge.png", {true, true});
  ASSERT_TRUE(x);
  ConvSpec spec;
  spec.height = 6;
  spec.width = 8;
  spec.bias = false;  // valid padding: no border effects
  Tensor w = make_tensor({1, 1, 3, 3});
  ASSERT_TRUE(fill_tensor(w, Fill::SobelX, 0));
  Tensor y;
  conv2d(spec, *x, w, nullptr, y);
  ASSERT_EQ(y.shape, (std::vector<int64_t>{1, 1, 4, 6}));
  for (int64_t row = 0; row < 4; ++row) {
    for (int64_t col = 0; col < 6; ++col) {
      // Columns 2 and 3 straddle the step (input columns 3|4): 1+2+1 times
      // white, which torchvision's gray weights make 0.9999, not 1.
      const float white = 0.2989f + 0.587f + 0.114f;
      const float expected = (col == 2 || col == 3) ? 4.0f * white : 0.0f;
      EXPECT_NEAR(y.at(0, 0, row, col), expected, 1e-5f) << row << "," << col;
    }
  }
}

TEST(ImageFile, TheSamplePicturesLoad) {
  Result<Tensor> scene = read_image_tensor(CONVVIZ_ASSETS_DIR "/scene.png", {});
  ASSERT_TRUE(scene) << scene.error().message;
  EXPECT_EQ(scene->shape, (std::vector<int64_t>{1, 3, 256, 256}));
  Result<Tensor> digit = read_image_tensor(CONVVIZ_ASSETS_DIR "/digit.png", {});
  ASSERT_TRUE(digit) << digit.error().message;
  EXPECT_EQ(digit->shape, (std::vector<int64_t>{1, 1, 28, 28}));
  // White ink on black, like MNIST: the corners are empty, the pen is solid.
  EXPECT_EQ(digit->at(0, 0, 0, 0), 0.0f);
  EXPECT_EQ(*std::max_element(digit->data.begin(), digit->data.end()), 1.0f);
}

}  // namespace
}  // namespace convviz::render
