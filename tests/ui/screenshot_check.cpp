// Checks a screenshot the real window wrote: its size, that it is not blank,
// and that the sliding window's highlight colour is drawn where the layout
// says the window is; in image mode, that the first feature map is drawn in
// colour-map colours.
// Usage: screenshot_check SHOT.png LAYOUT.json WIDTH HEIGHT R G B
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <map>
#include <set>

#include "core/io/spec_json.h"
#include "core/lesson/colormap.h"
#include "render/png.h"

using namespace convviz;

// Image mode: the first feature map on screen is made of the colour maps'
// entries (the shader ran and its texture was drawn), in more than a few
// shades.
bool map_is_colour_mapped(const render::Image& image, const nlohmann::json& layout) {
  const auto r = layout["picture.map.0"].get<std::vector<float>>();
  int inside = 0, mapped = 0;
  std::set<int> shades;
  for (int y = int(r[1]) + 3; y < int(r[3]) - 3; ++y) {
    for (int x = int(r[0]) + 3; x < int(r[2]) - 3; ++x) {
      const uint8_t* p = &image.rgba[(size_t(y) * size_t(image.width) + size_t(x)) * 4];
      ++inside;
      for (Colormap map : {Colormap::Sequential, Colormap::Diverging}) {
        const ColormapTable& table = colormap_table(map);
        const auto near = std::find_if(table.begin(), table.end(), [&](const Rgb& c) {
          return std::abs(c.r - p[0]) + std::abs(c.g - p[1]) + std::abs(c.b - p[2]) <= 6;
        });
        if (near == table.end()) continue;
        ++mapped;
        shades.insert(int(near - table.begin()) + 256 * int(map));
        break;
      }
    }
  }
  if (inside > 100 && mapped * 10 >= inside * 9 && shades.size() >= 8) return true;
  std::cerr << "the feature map shows " << mapped << " of " << inside
            << " pixels in colour-map colours, " << shades.size() << " shades\n";
  return false;
}

// Fine steps: the current product's input cell is outlined just inside its
// edge in the current-term colour (dark or light theme).
bool current_term_outlined(const render::Image& image, const nlohmann::json& layout) {
  const auto r = layout["canvas.current_term.input"].get<std::vector<float>>();
  const int themes[2][3] = {{255, 80, 220}, {190, 0, 160}};
  int band = 0, marked = 0;
  for (int y = int(r[1]); y < int(r[3]); ++y) {
    for (int x = int(r[0]); x < int(r[2]); ++x) {
      const int inside =
          std::min({x - int(r[0]), int(r[2]) - 1 - x, y - int(r[1]), int(r[3]) - 1 - y});
      if (inside < 1 || inside > 2) continue;
      ++band;
      const uint8_t* p = &image.rgba[(size_t(y) * size_t(image.width) + size_t(x)) * 4];
      for (const auto& c : themes) {
        if (std::abs(p[0] - c[0]) + std::abs(p[1] - c[1]) + std::abs(p[2] - c[2]) < 40) {
          ++marked;
          break;
        }
      }
    }
  }
  if (band > 0 && marked * 2 >= band) return true;  // small cells antialias the edge
  std::cerr << "the current product's input cell is outlined on " << marked << " of " << band
            << " pixels\n";
  return false;
}

// Every grid caption and every line of an export's text is drawn: its rect
// lies in the picture, is at least `min_height` tall (11 px at 1x: legible
// on a projector) and holds text, pixels that stand out from the rect's
// most common colour.
bool captions_and_text_are_drawn(const render::Image& image, const nlohmann::json& layout,
                                 float min_height) {
  int checked = 0;
  for (const auto& [name, value] : layout.items()) {
    const bool caption = name.ends_with(".caption"), text = name.starts_with("export.text.");
    if (!caption && !text) continue;
    const auto r = value.get<std::vector<float>>();
    const int x0 = std::max(0, int(r[0])), y0 = std::max(0, int(r[1]));
    const int x1 = std::min(image.width, int(r[2])), y1 = std::min(image.height, int(r[3]));
    if (x1 - x0 < 4 || float(y1 - y0) < min_height) {
      std::cerr << name << " is " << x1 - x0 << "x" << y1 - y0 << " px in the picture\n";
      return false;
    }
    std::map<uint32_t, int> counts;
    for (int y = y0; y < y1; ++y) {
      for (int x = x0; x < x1; ++x) {
        const uint8_t* p = &image.rgba[(size_t(y) * size_t(image.width) + size_t(x)) * 4];
        ++counts[uint32_t(p[0]) << 16 | uint32_t(p[1]) << 8 | p[2]];
      }
    }
    const auto background = std::max_element(counts.begin(), counts.end(),
                                             [](auto& a, auto& b) { return a.second < b.second; });
    const int bg[3] = {int(background->first >> 16), int(background->first >> 8 & 255),
                       int(background->first & 255)};
    int ink = 0;
    for (const auto& [colour, count] : counts) {
      const int distance = std::abs(int(colour >> 16) - bg[0]) +
                           std::abs(int(colour >> 8 & 255) - bg[1]) +
                           std::abs(int(colour & 255) - bg[2]);
      if (distance > 150) ink += count;
    }
    const int area = (x1 - x0) * (y1 - y0);
    if (ink * 50 < area) {
      std::cerr << name << ": only " << ink << " of " << area << " pixels stand out as text\n";
      return false;
    }
    ++checked;
  }
  if (checked < 3) {
    std::cerr << "the layout names " << checked << " captions: input, kernel and output have one\n";
    return false;
  }
  return true;
}

int main(int argc, char** argv) {
  if (argc != 8) {
    std::cerr << "usage: screenshot_check SHOT.png LAYOUT.json WIDTH HEIGHT R G B\n";
    return 2;
  }
  Result<render::Image> image = render::read_png(argv[1]);
  Result<nlohmann::json> layout = read_json_file(argv[2]);
  if (!image || !layout) {
    std::cerr << (image ? layout.error().message : image.error().message) << "\n";
    return 1;
  }
  const int width = std::atoi(argv[3]), height = std::atoi(argv[4]);
  const int want[3] = {std::atoi(argv[5]), std::atoi(argv[6]), std::atoi(argv[7])};
  if (image->width != width || image->height != height) {
    std::cerr << "size " << image->width << "x" << image->height << ", expected " << width << "x"
              << height << "\n";
    return 1;
  }
  std::set<uint32_t> colours;
  for (size_t i = 0; i < image->rgba.size(); i += 4) {
    colours.insert(uint32_t(image->rgba[i]) << 16 | uint32_t(image->rgba[i + 1]) << 8 |
                   image->rgba[i + 2]);
  }
  if (colours.size() < 50) {
    std::cerr << "the screenshot is nearly blank: " << colours.size() << " colours\n";
    return 1;
  }
  if (!layout->contains("canvas.window")) {
    std::cerr << "the layout has no canvas.window\n";
    return 1;
  }
  const auto r = (*layout)["canvas.window"].get<std::vector<float>>();
  // Count highlight pixels on the window's outline (a band around its edge).
  int on_outline = 0, perimeter = 0;
  for (int y = int(r[1]) - 2; y <= int(r[3]) + 2; ++y) {
    for (int x = int(r[0]) - 2; x <= int(r[2]) + 2; ++x) {
      const bool edge = std::abs(x - int(r[0])) <= 2 || std::abs(x - int(r[2])) <= 2 ||
                        std::abs(y - int(r[1])) <= 2 || std::abs(y - int(r[3])) <= 2;
      if (!edge || x < 0 || y < 0 || x >= width || y >= height) continue;
      ++perimeter;
      const uint8_t* p = &image->rgba[(size_t(y) * size_t(width) + size_t(x)) * 4];
      const int distance =
          std::abs(p[0] - want[0]) + std::abs(p[1] - want[1]) + std::abs(p[2] - want[2]);
      if (distance < 40) ++on_outline;
    }
  }
  if (on_outline * 5 < perimeter) {
    std::cerr << "the window outline colour covers " << on_outline << " of " << perimeter
              << " outline pixels\n";
    return 1;
  }
  if (layout->contains("canvas.current_term.input") && !current_term_outlined(*image, *layout)) {
    return 1;
  }
  // The window's text scale is unknown here; 11 px is the smallest legible caption at 1x.
  if (!captions_and_text_are_drawn(*image, *layout, 11.0f)) return 1;
  if (layout->contains("panel.picture")) {
    if (!layout->contains("picture.map.0")) {
      std::cerr << "image mode shows no feature map\n";
      return 1;
    }
    if (!map_is_colour_mapped(*image, *layout)) return 1;
  }
  std::cout << "screenshot ok: " << colours.size() << " colours, outline " << on_outline << "/"
            << perimeter << "\n";
  return 0;
}
