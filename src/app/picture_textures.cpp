#include "app/picture_textures.h"

#include <algorithm>

namespace convviz {

void update_picture_textures(PictureTextures& shown, ui::AppState& state) {
  ui::PictureView& p = state.picture;
  if (!p.open()) {
    p.picture_texture = 0;
    p.map_textures.clear();
    return;
  }
  if (!shown.textures) {
    auto made = render::FeatureMapTextures::create();
    if (!made) {
      p.maps_error = made.error().message;
      return;
    }
    shown.textures = std::move(*made);
  }
  render::FeatureMapTextures& t = *shown.textures;
  if (shown.picture_version != p.pixels_version) {
    shown.picture_version = p.pixels_version;
    if (Status failed = t.set_picture(*p.pixels, p.unit_range ? 255.0f : 1.0f)) {
      p.maps_error = failed->message;
    }
  }
  if (shown.maps_version != p.maps_version || shown.first_map != p.first_map) {
    shown.maps_version = p.maps_version;
    shown.first_map = p.first_map;
    shown.painted.clear();
    const bool empty = p.maps.shape.size() != 4;
    const Tensor none = make_tensor({1, 0, 1, 1});
    if (Status failed = t.set_maps(empty ? none : p.maps, p.first_map, p.kMaxMapsShown)) {
      p.maps_error = failed->message;
    }
  }
  const int64_t ranges = int64_t(p.ranges.size());
  const int64_t from = std::min(p.first_map, ranges), to = std::min(from + t.map_count(), ranges);
  const std::vector<MapRange> wanted(p.ranges.begin() + from, p.ranges.begin() + to);
  if (wanted != shown.painted) {
    t.paint(wanted);
    shown.painted = wanted;
  }
  p.picture_texture = t.picture().id;
  p.map_textures.clear();
  for (int64_t i = 0; i < t.map_count(); ++i) p.map_textures.push_back(t.coloured(i).id);
}

}  // namespace convviz
