#pragma once
// Animated GIFs of the sliding window: one shared palette for all frames
// (the frames differ only where the window and outputs change), frames
// stored as the rectangle that changed, looping forever.
#include <string>
#include <vector>

#include "core/model/result.h"
#include "render/png.h"

namespace convviz::render {

// `delay_centiseconds` per frame (GIF's unit). All frames the same size.
Result<std::string> encode_gif(const std::vector<Image>& frames, int delay_centiseconds);

// A palette of at most 256 colours for these frames (median cut over their
// colour histogram; exact when they use 256 colours or fewer).
std::vector<uint32_t> shared_palette(const std::vector<Image>& frames);

}  // namespace convviz::render
