#pragma once
// The image view's textures: the picture as it is, and each output channel
// of the full-resolution result as a float texture of its values plus a
// colour texture that feature_map.frag paints from it through a colour map.
// Magnified with nearest-neighbour so pixels stay crisp when zoomed.
// Needs a current OpenGL 3.3 context for its whole life.
#include <cstdint>
#include <memory>
#include <vector>

#include "core/lesson/colormap.h"
#include "core/model/result.h"
#include "core/model/tensor.h"

namespace convviz::render {

struct GlTexture {
  unsigned id = 0;
  int width = 0, height = 0;
};

class FeatureMapTextures {
 public:
  // Compiles the shaders and uploads the two colour tables.
  static Result<std::unique_ptr<FeatureMapTextures>> create();
  ~FeatureMapTextures();
  FeatureMapTextures(const FeatureMapTextures&) = delete;
  FeatureMapTextures& operator=(const FeatureMapTextures&) = delete;

  // The picture ([1, C, H, W], C = 1 or 3) as RGBA8; values are multiplied
  // by `to_bytes` (255 for pictures in [0, 1]) and clamped to 0..255.
  Status set_picture(const Tensor& picture, float to_bytes);
  const GlTexture& picture() const { return picture_; }

  // Uploads channels [first, first + count) of y ([1, C, H, W]) as float
  // textures (fewer when y has fewer), reusing textures of the same size.
  Status set_maps(const Tensor& y, int64_t first, int64_t count);
  // Paints every map through its range's colour map.
  void paint(const std::vector<MapRange>& ranges);
  int64_t map_count() const { return int64_t(values_.size()); }
  const GlTexture& values(int64_t map) const { return values_[size_t(map)]; }
  const GlTexture& coloured(int64_t map) const { return coloured_[size_t(map)]; }

 private:
  FeatureMapTextures() = default;

  unsigned program_ = 0, vertex_array_ = 0, framebuffer_ = 0;
  unsigned tables_[2] = {0, 0};  // sequential, diverging
  GlTexture picture_;
  std::vector<GlTexture> values_, coloured_;
};

// Reads a texture back (tests and screenshots of single maps).
std::vector<float> read_float_texture(const GlTexture& texture);
std::vector<uint8_t> read_rgba_texture(const GlTexture& texture);

}  // namespace convviz::render
