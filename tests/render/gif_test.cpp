#include "render/gif.h"

#include <gtest/gtest.h>
#include <stb_image.h>

#include <cstdlib>

namespace convviz::render {
namespace {

// A frame like the canvas: a grey background with a colour ramp (more than
// 256 colours in all), and an orange square that moves one step per frame.
Image frame(int index, int width = 96, int height = 64) {
  Image image{width, height, std::vector<uint8_t>(size_t(width * height * 4), 255)};
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      uint8_t* p = &image.rgba[(size_t(y) * size_t(width) + size_t(x)) * 4];
      p[0] = uint8_t(40 + x);
      p[1] = uint8_t(40 + y);
      p[2] = uint8_t(60 + (x * y) % 97);
      const bool square = x >= 8 + index * 10 && x < 18 + index * 10 && y >= 20 && y < 30;
      if (square) p[0] = 255, p[1] = 140, p[2] = 0;
    }
  }
  return image;
}

struct Decoded {
  int width = 0, height = 0, frames = 0;
  std::vector<uint8_t> rgba;
};

Decoded decode(const std::string& bytes) {
  Decoded d;
  int* delays = nullptr;
  int components = 0;
  stbi_uc* pixels =
      stbi_load_gif_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), int(bytes.size()),
                                &delays, &d.width, &d.height, &d.frames, &components, 4);
  if (pixels)
    d.rgba.assign(pixels, pixels + size_t(d.width) * size_t(d.height) * 4 * size_t(d.frames));
  stbi_image_free(pixels);
  std::free(delays);
  return d;
}

TEST(Gif, OneFramePerImageThatLoopsAndDecodes) {
  std::vector<Image> frames;
  for (int i = 0; i < 5; ++i) frames.push_back(frame(i));
  Result<std::string> gif = encode_gif(frames, 25);
  ASSERT_TRUE(gif) << gif.error().message;
  EXPECT_NE(gif->find("NETSCAPE2.0"), std::string::npos) << "loops";
  EXPECT_EQ(gif->substr(0, 6), "GIF89a") << "delays and looping are GIF89a features";
  const Decoded d = decode(*gif);
  ASSERT_EQ(d.frames, 5);
  EXPECT_EQ(d.width, 96);
  EXPECT_EQ(d.height, 64);
  // Each decoded frame is close to its source, and the orange square is exact
  // enough to find where it was drawn.
  for (int i = 0; i < 5; ++i) {
    const uint8_t* decoded = &d.rgba[size_t(i) * 96 * 64 * 4];
    int worst = 0;
    for (size_t p = 0; p < size_t(96 * 64); ++p) {
      for (int c = 0; c < 3; ++c) {
        worst = std::max(worst, std::abs(int(decoded[p * 4 + size_t(c)]) -
                                         int(frames[size_t(i)].rgba[p * 4 + size_t(c)])));
      }
    }
    EXPECT_LT(worst, 24) << "frame " << i;
    const uint8_t* centre = &decoded[(size_t(25) * 96 + size_t(13 + i * 10)) * 4];
    EXPECT_NEAR(centre[0], 255, 8);
    EXPECT_NEAR(centre[1], 140, 8);
    EXPECT_NEAR(centre[2], 0, 8);
  }
}

TEST(Gif, FramesStoreOnlyWhatChanged) {
  std::vector<Image> frames(10, frame(0));
  frames.push_back(frame(1));
  Result<std::string> many = encode_gif(frames, 10);
  Result<std::string> one = encode_gif({frame(0)}, 10);
  ASSERT_TRUE(many && one);
  // Ten unchanged frames cost a few bytes each, not a whole frame each.
  EXPECT_LT(many->size(), one->size() * 2);
}

TEST(Gif, ExactPaletteWhenFewColours) {
  Image a{4, 1, {255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 20, 30, 255}};
  const std::vector<uint32_t> palette = shared_palette({a});
  EXPECT_EQ(palette.size(), 4u);
  const Decoded d = decode(*encode_gif({a}, 10));
  EXPECT_EQ(std::vector<uint8_t>(d.rgba.begin(), d.rgba.end()), a.rgba);
}

TEST(Gif, RefusesNoFramesOrMixedSizes) {
  EXPECT_FALSE(encode_gif({}, 10));
  EXPECT_FALSE(encode_gif({frame(0), frame(0, 32, 32)}, 10));
}

}  // namespace
}  // namespace convviz::render
