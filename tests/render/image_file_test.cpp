// Pictures as input tensors: every format stb reads, the channel and range
// choices, and bad files refused with a message.
#include "render/image_file.h"

#include <gtest/gtest.h>
#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>

#include "core/engine/engine.h"
#include "core/io/atomic_file.h"
#include "core/lesson/named_kernels.h"
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

void append(void* out, void* data, int size) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(data), size_t(size));
}

// The picture's RGB bytes, for the writers' 3-channel layouts.
std::vector<uint8_t> rgb_of(const Image& image) {
  std::vector<uint8_t> rgb;
  for (size_t i = 0; i < image.rgba.size(); i += 4) {
    rgb.insert(rgb.end(), image.rgba.begin() + long(i), image.rgba.begin() + long(i) + 3);
  }
  return rgb;
}

// "bmp" is 32-bit with colour masks, "bmp24" 24-bit with padded rows; "tga"
// is run-length coded, "tga-raw" not; "gif" has two frames, "gif1" one.
std::string encoded(const char* format, const Image& image) {
  std::string bytes;
  const std::string f = format;
  if (f == "bmp24") {
    stbi_write_bmp_to_func(append, &bytes, image.width, image.height, 3, rgb_of(image).data());
  }
  if (f == "tga-raw") {
    stbi_write_tga_with_rle = 0;
    stbi_write_tga_to_func(append, &bytes, image.width, image.height, 4, image.rgba.data());
    stbi_write_tga_with_rle = 1;
  }
  if (f == "gif1") bytes = *encode_gif({image}, 10);
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

// Noise, so that every format's pixel data is most of its file.
Image noise_picture(int width, int height) {
  Image image{width, height, std::vector<uint8_t>(size_t(width * height * 4), 255)};
  uint32_t state = 12345;
  for (size_t i = 0; i < image.rgba.size(); ++i) {
    state = state * 1664525u + 1013904223u;
    if (i % 4 != 3) image.rgba[i] = uint8_t(state >> 24);
  }
  return image;
}

const char* const kEveryFormat[] = {"png", "jpg", "bmp", "bmp24", "tga", "tga-raw", "gif1"};

std::string message_of(const Result<Tensor>& t) {
  return t ? std::string("(decoded, no error)") : t.error().message;
}

bool says(const Result<Tensor>& t, const std::string& words) {
  return message_of(t).find(words) != std::string::npos;
}

// A BMP file header and a 40-byte info header, with `pixel_bytes` after it.
std::string bmp_bytes(int32_t width, int32_t height, uint16_t bpp, uint32_t compression,
                      size_t pixel_bytes) {
  std::string bmp(54 + pixel_bytes, '\0');
  auto put = [&](size_t at, uint32_t v, int n) {
    for (int i = 0; i < n; ++i) bmp[at + size_t(i)] = char(v >> (8 * i));
  };
  bmp[0] = 'B', bmp[1] = 'M';
  put(2, uint32_t(bmp.size()), 4), put(10, 54, 4), put(14, 40, 4);
  put(18, uint32_t(width), 4), put(22, uint32_t(height), 4);
  put(26, 1, 2), put(28, bpp, 2), put(30, compression, 4);
  return bmp;
}

// stb's own decode of a complete file as ConvViz's tensor layout (RGB, 0-255).
Tensor stb_reference(const std::string& bytes) {
  int w = 0, h = 0, n = 0;
  stbi_uc* pixels = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()),
                                          int(bytes.size()), &w, &h, &n, 3);
  Tensor t = make_tensor({1, 3, h, w});
  for (int64_t i = 0; pixels && i < int64_t(w) * h; ++i) {
    for (int64_t c = 0; c < 3; ++c) t.data[size_t(c * w * h + i)] = pixels[i * 3 + c];
  }
  stbi_image_free(pixels);
  return t;
}

// A file for read_image_tensor, removed when the test is done with it.
struct TempFile {
  TempFile(const std::string& name, const std::string& bytes)
      : path((fs::temp_directory_path() / ("convviz_image_test_" + name)).string()) {
    EXPECT_TRUE(write_file_atomically(path, bytes) == std::nullopt);
  }
  ~TempFile() { fs::remove(path); }
  std::string path;
};

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
      {png.substr(0, png.size() / 2), "truncated"},
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
  Conv2dProblem spec;
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

// stb reads zeros past the end of a truncated BMP, TGA, GIF or JPEG; each
// is refused, cut anywhere: in its header, its pixels or its last bytes.
TEST(ImageFile, TruncatedFilesOfEveryFormatAreRefused) {
  const Image image = noise_picture(37, 23);
  for (const char* format : kEveryFormat) {
    const std::string whole = encoded(format, image);
    ASSERT_TRUE(decode_image_tensor(whole, format, {})) << format;
    for (size_t keep : {size_t(20), whole.size() / 3, whole.size() / 2, whole.size() - 2}) {
      SCOPED_TRACE(std::string(format) + " cut to " + std::to_string(keep) + " of " +
                   std::to_string(whole.size()) + " bytes");
      Result<Tensor> t = decode_image_tensor(whole.substr(0, keep), "cut", {});
      EXPECT_TRUE(says(t, "'cut' is truncated")) << message_of(t);
    }
  }
}

TEST(ImageFile, TheMessageSaysHowMuchIsMissing) {
  // 24-bit rows of 5 pixels are 15 bytes padded to 16: 3 rows need 47.
  Result<Tensor> bmp = decode_image_tensor(bmp_bytes(5, 3, 24, 0, 40), "short.bmp", {});
  EXPECT_TRUE(says(bmp, "5×3 pixels in 101 bytes, but the file has 94 (7 bytes are missing)"))
      << message_of(bmp);
  const std::string tga = encoded("tga-raw", noise_picture(7, 5));
  Result<Tensor> cut = decode_image_tensor(tga.substr(0, tga.size() - 10), "short.tga", {});
  EXPECT_TRUE(says(cut, "(10 bytes are missing)")) << message_of(cut);
}

// Was 3 s and 580 MB: stb decoded 4096×4096 pixels of zeros.
TEST(ImageFile, ASixtyFourByteBmpClaiming4096SquaredIsRefused) {
  const std::string bmp = bmp_bytes(4096, 4096, 24, 0, 10);
  ASSERT_EQ(bmp.size(), 64u);
  Result<Tensor> t = decode_image_tensor(bmp, "tiny.bmp", {});
  // 54 + 4096 rows × 12288 bytes = 50331702 bytes; the file has 64.
  EXPECT_TRUE(says(t, "'tiny.bmp' is truncated")) << message_of(t);
  EXPECT_TRUE(says(t, "50331638 bytes are missing")) << message_of(t);
  Result<Tensor> read = read_image_tensor(TempFile("tiny.bmp", bmp).path, {});
  EXPECT_TRUE(says(read, "50331638 bytes are missing")) << message_of(read);
}

// Was 0.5-1 GB read for 3-7 s: now the first 64 KiB are enough to refuse it.
TEST(ImageFile, DevZeroIsRefusedFromItsHead) {
  Result<Tensor> t = read_image_tensor("/dev/zero", {});
  EXPECT_TRUE(says(t, "'/dev/zero' is not a picture ConvViz can read: it starts with 4096 zero"))
      << message_of(t);
}

// A valid 8×8 header followed by megabytes of zeros: read no further than a
// complete 8×8 file can reach (its pixels plus the trailer allowance).
TEST(ImageFile, AHeaderCapsHowMuchOfTheFileIsRead) {
  std::string padded = bmp_bytes(8, 8, 24, 0, 8 * 24);
  padded.resize(padded.size() + (size_t(3) << 20));
  Result<Tensor> t = read_image_tensor(TempFile("padded.bmp", padded).path, {});
  EXPECT_TRUE(says(t, "(1048822 bytes)")) << message_of(t);
}

// stb's own limits make stbi_info fail on some of these headers, so the
// message named no size ("not a picture ConvViz can read").
TEST(ImageFile, AHugeHeaderNamesItsSize) {
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\xea\x60\0\0\xea\x60\x08\x02\0\0\0", 29);
  png += std::string(4, '\0');  // the CRC: not checked before the size
  std::string gif("GIF89a\x60\xea\x60\xea\0\0\0\x3b", 14);
  std::string jpeg("\xff\xd8\xff\xc0\0\x11\x08\xea\x60\xea\x60\x03", 12);
  jpeg += std::string(9, '\x11');
  std::string tga(18, '\0');
  tga[2] = 2, tga[12] = '\x60', tga[13] = '\xea', tga[14] = '\x60', tga[15] = '\xea', tga[16] = 24;
  for (const std::string& bytes : {png, gif, jpeg, tga, bmp_bytes(60000, 60000, 24, 0, 0)}) {
    Result<Tensor> t = decode_image_tensor(bytes, "huge", {});
    EXPECT_TRUE(says(t, "'huge' is too large: the picture is 60000×60000; the limit is 4096×4096"))
        << message_of(t);
    Result<Tensor> read = read_image_tensor(TempFile("huge", bytes).path, {});
    EXPECT_TRUE(says(read, "the picture is 60000×60000; the limit is 4096×4096"))
        << message_of(read);
  }
}

TEST(ImageFile, AGifWithNoFramesSaysSo) {
  // Header, a 4×4 screen without colours, the trailer: stb's reason was "".
  const std::string gif("GIF89a\x04\0\x04\0\0\0\0\x3b", 14);
  Result<Tensor> t = decode_image_tensor(gif, "empty.gif", {});
  EXPECT_TRUE(says(t, "'empty.gif' has no frames")) << message_of(t);
}

TEST(ImageFile, WhatStbRefusesGetsAClearReason) {
  Result<Tensor> rle = decode_image_tensor(bmp_bytes(4, 4, 8, 1, 64), "rle.bmp", {});
  EXPECT_TRUE(says(rle, "'rle.bmp' is an RLE-compressed BMP, which ConvViz does not read"))
      << message_of(rle);
  Result<Tensor> bits = decode_image_tensor(bmp_bytes(4, 4, 2, 0, 64), "2bit.bmp", {});
  EXPECT_TRUE(says(bits, "a BMP with 2 bits per pixel")) << message_of(bits);
}

TEST(ImageFile, AnUnknownFormatIsNamed) {
  const std::pair<std::string, std::string> cases[] = {
      {"%PDF-1.7\n", "it is a PDF document"},
      {std::string("RIFF\0\0\0\0WEBPVP8 ", 16), "a WebP picture"},
      {"hello, I am text", "it looks like text (\"hello, I am text\")"},
      {std::string("\0\0\x01\0\x01\0", 6), "it is a Windows icon (.ico)"},
      {std::string("\x01\x02\x03\x04\x05", 5), "it starts with the bytes 01 02 03 04"},
  };
  for (const auto& [bytes, words] : cases) {
    Result<Tensor> t = decode_image_tensor(bytes, "odd", {});
    EXPECT_TRUE(says(t, words)) << message_of(t);
    EXPECT_TRUE(says(t, "ConvViz reads PNG, JPEG, BMP, GIF and TGA")) << message_of(t);
  }
}

// The checks refuse no complete file: every format decodes to exactly what
// stb decodes, a BMP whose last row lacks its padding too.
TEST(ImageFile, CompleteFilesDecodeToStbsOwnPixels) {
  const ImageReadOptions kRaw{false, false};  // 0-255: stb's bytes exactly
  const Image image = noise_picture(37, 23);
  for (const char* format : kEveryFormat) {
    SCOPED_TRACE(format);
    const std::string bytes = encoded(format, image);
    Result<Tensor> t = decode_image_tensor(bytes, format, kRaw);
    ASSERT_TRUE(t) << t.error().message;
    EXPECT_EQ(t->data, stb_reference(bytes).data);
    Result<Tensor> read =
        read_image_tensor(TempFile(std::string("ok.") + format, bytes).path, kRaw);
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(read->data, t->data);
  }
  const std::string bmp24 = encoded("bmp24", image);  // rows of 111 bytes padded to 112
  Result<Tensor> unpadded = decode_image_tensor(bmp24.substr(0, bmp24.size() - 1), "bmp", kRaw);
  ASSERT_TRUE(unpadded) << unpadded.error().message;
  EXPECT_EQ(unpadded->data, stb_reference(bmp24).data);
}

}  // namespace
}  // namespace convviz::render
