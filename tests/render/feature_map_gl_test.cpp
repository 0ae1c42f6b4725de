// The feature-map textures on a real OpenGL context (under xvfb-run): the
// values survive the upload bit for bit, and the shader's colours read back
// through the colour map's inverse to the values they show.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>

#include "app/gl_context.h"
#include "render/feature_map_textures.h"

namespace convviz::render {
namespace {

Tensor random_maps(int64_t maps, int64_t h, int64_t w, float lo, float hi) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> value(lo, hi);
  Tensor y = make_tensor({1, maps, h, w});
  for (float& v : y.data) v = value(rng);
  return y;
}

// Runs `check` with the textures on an offscreen context; fails the test
// when there is no context.
template <class Check>
void with_textures(Check check) {
  const Status failed = with_offscreen_gl([&]() -> Status {
    auto textures = FeatureMapTextures::create();
    if (!textures) return textures.error();
    check(**textures);
    return {};
  });
  ASSERT_FALSE(failed) << failed->message;
}

TEST(FeatureMapTextures, TheFloatTextureKeepsEveryValue) {
  with_textures([](FeatureMapTextures& t) {
    Tensor y = random_maps(2, 37, 53, -1e4f, 1e4f);  // odd sizes: no row padding hides a bug
    y.data[5] = 1e-30f;
    y.data[6] = -0.0f;
    y.data[7] = 3.4e38f;
    ASSERT_FALSE(t.set_maps(y, 0, 8));
    ASSERT_EQ(t.map_count(), 2);
    for (int64_t c = 0; c < 2; ++c) {
      const std::vector<float> back = read_float_texture(t.values(c));
      ASSERT_EQ(back.size(), size_t(37 * 53));
      EXPECT_EQ(std::memcmp(back.data(), y.data.data() + c * 37 * 53, back.size() * 4), 0) << c;
    }
  });
}

// Every painted pixel is the table entry colormap_index picks, and reading
// the colour back through the table gives the value within one entry.
void expect_colours_read_back(const FeatureMapTextures& t, const Tensor& y,
                              const std::vector<MapRange>& ranges) {
  const int64_t plane = y.shape[2] * y.shape[3];
  for (int64_t c = 0; c < t.map_count(); ++c) {
    const MapRange& range = ranges[size_t(c)];
    const ColormapTable& table = colormap_table(range.map);
    const std::vector<uint8_t> rgba = read_rgba_texture(t.coloured(c));
    ASSERT_EQ(rgba.size(), size_t(plane * 4));
    const float entry_width = (range.hi - range.lo) / float(kColormapEntries - 1);
    int64_t exact = 0;
    for (int64_t i = 0; i < plane; ++i) {
      const Rgb shown{rgba[size_t(i * 4)], rgba[size_t(i * 4 + 1)], rgba[size_t(i * 4 + 2)]};
      const float value = y.data[size_t(c * plane + i)];
      const int expected = colormap_index(range, value);
      // The inverse: the entry whose colour this is (neighbours may share a
      // colour after rounding, so the nearest one to the expected entry).
      int found = -1;
      for (int e = 0; e < kColormapEntries; ++e) {
        if (table[size_t(e)] == shown &&
            (found < 0 || std::abs(e - expected) < std::abs(found - expected))) {
          found = e;
        }
      }
      ASSERT_GE(found, 0) << "pixel " << i << " is not a colour of the map";
      exact += found == expected;
      ASSERT_LE(std::abs(found - expected), 1) << "pixel " << i;  // float rounding at a boundary
      const float clamped = std::clamp(value, range.lo, range.hi);
      EXPECT_NEAR(colormap_value(range, found), clamped, 1.5f * entry_width) << "pixel " << i;
    }
    EXPECT_GT(exact, plane * 99 / 100) << "map " << c;
  }
}

TEST(FeatureMapTextures, PaintedColoursReadBackToTheirValues) {
  with_textures([](FeatureMapTextures& t) {
    Tensor y = random_maps(3, 31, 45, -2.0f, 6.0f);
    for (size_t i = 0; i < size_t(31 * 45); ++i) y.data[i] = std::abs(y.data[i]);  // map 0: >= 0
    ASSERT_FALSE(t.set_maps(y, 0, 3));
    for (RangeMode mode : {RangeMode::PerMap, RangeMode::Shared, RangeMode::Fixed}) {
      const std::vector<MapRange> ranges = map_ranges(y, mode, -1.0f, 3.0f);
      t.paint(ranges);
      expect_colours_read_back(t, y, ranges);
    }
    EXPECT_EQ(map_ranges(y, RangeMode::PerMap, 0, 1)[0].map, Colormap::Sequential);
    EXPECT_EQ(map_ranges(y, RangeMode::PerMap, 0, 1)[1].map, Colormap::Diverging);
  });
}

TEST(FeatureMapTextures, AReuploadOfANewSizeReplacesTheMaps) {
  with_textures([](FeatureMapTextures& t) {
    const Tensor four = random_maps(4, 10, 10, 0, 1);
    ASSERT_FALSE(t.set_maps(four, 1, 2));
    EXPECT_EQ(t.map_count(), 2) << "only as many maps as asked for";
    EXPECT_EQ(read_float_texture(t.values(1)),
              std::vector<float>(four.data.begin() + 200, four.data.begin() + 300))
        << "map 1 of the textures is channel 2";
    const Tensor smaller = random_maps(1, 6, 9, 0, 1);
    ASSERT_FALSE(t.set_maps(smaller, 0, 8));
    ASSERT_EQ(t.map_count(), 1);
    EXPECT_EQ(t.values(0).width, 9);
    EXPECT_EQ(t.values(0).height, 6);
    EXPECT_EQ(read_float_texture(t.values(0)), smaller.data);
  });
}

TEST(FeatureMapTextures, ThePictureKeepsItsPixels) {
  with_textures([](FeatureMapTextures& t) {
    Tensor rgb = make_tensor({1, 3, 2, 3});
    for (size_t i = 0; i < rgb.data.size(); ++i) rgb.data[i] = float(i) / 17.0f;
    ASSERT_FALSE(t.set_picture(rgb, 255.0f));
    const std::vector<uint8_t> rgba = read_rgba_texture(t.picture());
    ASSERT_EQ(rgba.size(), size_t(2 * 3 * 4));
    // Pixel (1, 2): channel c at index c·6 + 5.
    EXPECT_EQ(rgba[(1 * 3 + 2) * 4 + 0], uint8_t(std::lround(5 / 17.0 * 255)));
    EXPECT_EQ(rgba[(1 * 3 + 2) * 4 + 2], uint8_t(std::lround(17 / 17.0 * 255)));
    EXPECT_EQ(rgba[(1 * 3 + 2) * 4 + 3], 255);
  });
}

}  // namespace
}  // namespace convviz::render
