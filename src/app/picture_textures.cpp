#include "app/picture_textures.h"

#include <algorithm>

namespace convviz {

void update_picture_textures(PictureTextures& gpu, ui::AppState& state) {
  ui::PictureView& p = state.picture;
  if (!p.open()) {
    p.picture_texture = 0;
    p.map_textures.clear();
    return;
  }
  if (!gpu.textures) {
    auto made = render::FeatureMapTextures::create();
    if (!made) {
      p.texture_error = made.error().message;
      return;
    }
    gpu.textures = std::move(*made);
  }
  render::FeatureMapTextures& t = *gpu.textures;
  if (gpu.picture_version != p.pixels_version) {
    gpu.picture_version = p.pixels_version;
    const Status failed = t.set_picture(*p.pixels, p.unit_range ? 255.0f : 1.0f);
    p.texture_error = failed ? failed->message : "";
  }
  if (gpu.maps_version != p.maps_version || gpu.first_map != p.first_map) {
    gpu.maps_version = p.maps_version;
    gpu.first_map = p.first_map;
    gpu.painted.clear();
    const bool empty = p.maps.shape.size() != 4;
    const Tensor none = make_tensor({1, 0, 1, 1});
    const Status failed = t.set_maps(empty ? none : p.maps, p.first_map, p.kMaxMapsShown);
    if (failed) p.texture_error = failed->message;
  }
  const int64_t ranges = int64_t(p.ranges.size());
  const int64_t from = std::clamp<int64_t>(p.first_map, 0, ranges);
  const int64_t to = std::min(from + t.map_count(), ranges);
  const std::vector<MapRange> wanted(p.ranges.begin() + from, p.ranges.begin() + to);
  if (wanted != gpu.painted) {
    t.paint(wanted);
    gpu.painted = wanted;
  }
  p.picture_texture = t.picture().id;
  p.map_textures.clear();
  for (int64_t i = 0; i < t.map_count(); ++i) p.map_textures.push_back(t.coloured(i).id);
}

}  // namespace convviz
