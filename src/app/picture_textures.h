#pragma once
// The shell's half of image mode: keeps the picture and feature-map
// textures in step with AppState::picture and hands their ids to the panel.
#include <memory>
#include <vector>

#include "render/feature_map_textures.h"
#include "ui/app_state.h"

namespace convviz {

struct PictureTextures {
  std::unique_ptr<render::FeatureMapTextures> textures;
  uint64_t picture_version = ~uint64_t{0}, maps_version = ~uint64_t{0};
  int64_t first_map = -1;
  std::vector<MapRange> painted;
};

// Uploads what changed since the last frame and repaints maps whose colour
// ranges changed. Needs the window's GL context; call before the frame.
void update_picture_textures(PictureTextures& gpu, ui::AppState& state);

}  // namespace convviz
