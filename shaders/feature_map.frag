#version 330 core
// One output pixel of a feature map, coloured through a 256-entry colour
// map. The viewport is the map's size, so each fragment is one value. The
// formula is core/colormap.cpp's colormap_index, so the colour bar, the
// tests and the screen agree entry for entry.
uniform sampler2D values;  // R32F: the map's values, unchanged
uniform sampler2D table;   // 256x1 RGBA8: the colour map
uniform float lo;
uniform float hi;
uniform int diverging;  // 1: 0 sits at the centre entry
out vec4 colour;

void main() {
  float v = texelFetch(values, ivec2(gl_FragCoord.xy), 0).r;
  float t;
  if (diverging == 1 && lo < 0.0 && hi > 0.0) {
    t = v < 0.0 ? 0.5 - 0.5 * v / lo : 0.5 + 0.5 * v / hi;
  } else {
    t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
  }
  int entry = clamp(int(clamp(t, 0.0, 1.0) * 255.0 + 0.5), 0, 255);
  colour = texelFetch(table, ivec2(entry, 0), 0);
}
