#include "render/feature_map_textures.h"

#include <glad/gl.h>

#include <algorithm>
#include <string>

#include "shaders/embedded.h"

namespace convviz::render {
namespace {

Result<unsigned> compile(GLenum kind, const char* source, const char* name) {
  const unsigned shader = glCreateShader(kind);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (ok) return shader;
  char log[1024] = {};
  glGetShaderInfoLog(shader, sizeof log, nullptr, log);
  glDeleteShader(shader);
  return Error{std::string("the shader ") + name + " does not compile: " + log};
}

Result<unsigned> link_program() {
  Result<unsigned> vertex = compile(GL_VERTEX_SHADER, shaders::kFeatureMapVert, "feature_map.vert");
  if (!vertex) return vertex.error();
  Result<unsigned> fragment =
      compile(GL_FRAGMENT_SHADER, shaders::kFeatureMapFrag, "feature_map.frag");
  if (!fragment) {
    glDeleteShader(*vertex);
    return fragment.error();
  }
  const unsigned program = glCreateProgram();
  glAttachShader(program, *vertex);
  glAttachShader(program, *fragment);
  glLinkProgram(program);
  glDeleteShader(*vertex);
  glDeleteShader(*fragment);
  GLint ok = 0;
  glGetProgramiv(program, GL_LINK_STATUS, &ok);
  if (ok) return program;
  glDeleteProgram(program);
  return Error{"the feature-map shaders do not link"};
}

// Crisp when magnified, smooth (mipmapped) when a big map is shown small.
void set_filters(bool mipmapped) {
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER,
                  mipmapped ? GL_LINEAR_MIPMAP_LINEAR : GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

// Makes `texture` width×height of `format` (new storage only when the size
// changed) and fills it from `pixels`.
void upload(GlTexture& texture, int width, int height, GLint format, GLenum layout, GLenum type,
            const void* pixels, bool mipmapped) {
  if (!texture.id) glGenTextures(1, &texture.id);
  glBindTexture(GL_TEXTURE_2D, texture.id);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  if (texture.width != width || texture.height != height) {
    glTexImage2D(GL_TEXTURE_2D, 0, format, width, height, 0, layout, type, pixels);
    texture.width = width;
    texture.height = height;
    set_filters(mipmapped);
  } else if (pixels) {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, layout, type, pixels);
  }
  if (mipmapped && pixels) glGenerateMipmap(GL_TEXTURE_2D);
  glBindTexture(GL_TEXTURE_2D, 0);
}

void release(GlTexture& texture) {
  if (texture.id) glDeleteTextures(1, &texture.id);
  texture = {};
}

Status fits(int64_t height, int64_t width) {
  GLint largest = 0;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &largest);
  if (height <= largest && width <= largest) return {};
  return Error{"this OpenGL shows pictures up to " + std::to_string(largest) +
               " pixels a side, not " + std::to_string(height) + "x" + std::to_string(width)};
}

}  // namespace

Result<std::unique_ptr<FeatureMapTextures>> FeatureMapTextures::create() {
  Result<unsigned> program = link_program();
  if (!program) return program.error();
  std::unique_ptr<FeatureMapTextures> t(new FeatureMapTextures());
  t->program_ = *program;
  glGenVertexArrays(1, &t->vertex_array_);
  glGenFramebuffers(1, &t->framebuffer_);
  for (Colormap map : {Colormap::Sequential, Colormap::Diverging}) {
    std::vector<uint8_t> rgba;
    for (const Rgb& c : colormap_table(map)) rgba.insert(rgba.end(), {c.r, c.g, c.b, 255});
    GlTexture table;
    upload(table, kColormapEntries, 1, GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data(), false);
    t->tables_[int(map)] = table.id;
  }
  return t;
}

FeatureMapTextures::~FeatureMapTextures() {
  for (auto* list : {&values_, &coloured_}) {
    for (GlTexture& texture : *list) release(texture);
  }
  release(picture_);
  glDeleteTextures(2, tables_);
  glDeleteFramebuffers(1, &framebuffer_);
  glDeleteVertexArrays(1, &vertex_array_);
  glDeleteProgram(program_);
}

Status FeatureMapTextures::set_picture(const Tensor& picture, float to_bytes) {
  const int64_t channels = picture.shape[1], h = picture.shape[2], w = picture.shape[3];
  if (Status too_big = fits(h, w)) {
    release(picture_);  // no stale picture in its place
    return too_big;
  }
  std::vector<uint8_t> rgba(size_t(h * w * 4), 255);
  for (int64_t y = 0; y < h; ++y) {
    for (int64_t x = 0; x < w; ++x) {
      for (int64_t c = 0; c < 3; ++c) {
        const float v = picture.at(0, channels == 3 ? c : 0, y, x) * to_bytes;
        rgba[size_t((y * w + x) * 4 + c)] = uint8_t(std::clamp(v, 0.0f, 255.0f) + 0.5f);
      }
    }
  }
  upload(picture_, int(w), int(h), GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data(), true);
  return {};
}

Status FeatureMapTextures::set_maps(const Tensor& y, int64_t first, int64_t count) {
  const int64_t h = y.shape[2], w = y.shape[3];
  first = std::clamp<int64_t>(first, 0, y.shape[1]);
  count = std::clamp<int64_t>(y.shape[1] - first, 0, count);
  const Status too_big = fits(h, w);
  if (too_big) count = 0;  // no stale maps in their place
  while (int64_t(values_.size()) > count) {
    release(values_.back());
    release(coloured_.back());
    values_.pop_back();
    coloured_.pop_back();
  }
  values_.resize(size_t(count));
  coloured_.resize(size_t(count));
  for (int64_t c = 0; c < count; ++c) {
    upload(values_[size_t(c)], int(w), int(h), GL_R32F, GL_RED, GL_FLOAT,
           y.data.data() + (first + c) * h * w, false);
    upload(coloured_[size_t(c)], int(w), int(h), GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE, nullptr,
           true);
  }
  return too_big;
}

void FeatureMapTextures::paint(const std::vector<MapRange>& ranges) {
  GLint previous_framebuffer = 0, viewport[4] = {};
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previous_framebuffer);
  glGetIntegerv(GL_VIEWPORT, viewport);
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  glUseProgram(program_);
  glUniform1i(glGetUniformLocation(program_, "values"), 0);
  glUniform1i(glGetUniformLocation(program_, "table"), 1);
  glBindVertexArray(vertex_array_);
  glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_);
  for (size_t c = 0; c < values_.size() && c < ranges.size(); ++c) {
    const MapRange& range = ranges[c];
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, coloured_[c].id, 0);
    glViewport(0, 0, values_[c].width, values_[c].height);
    glUniform1f(glGetUniformLocation(program_, "lo"), range.lo);
    glUniform1f(glGetUniformLocation(program_, "hi"), range.hi);
    glUniform1i(glGetUniformLocation(program_, "diverging"), range.map == Colormap::Diverging);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, tables_[int(range.map)]);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, values_[c].id);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindTexture(GL_TEXTURE_2D, coloured_[c].id);
    glGenerateMipmap(GL_TEXTURE_2D);
  }
  glBindTexture(GL_TEXTURE_2D, 0);
  glBindVertexArray(0);
  glUseProgram(0);
  glBindFramebuffer(GL_FRAMEBUFFER, GLuint(previous_framebuffer));
  glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
}

std::vector<float> read_float_texture(const GlTexture& texture) {
  std::vector<float> values(size_t(texture.width * texture.height));
  glBindTexture(GL_TEXTURE_2D, texture.id);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glGetTexImage(GL_TEXTURE_2D, 0, GL_RED, GL_FLOAT, values.data());
  glBindTexture(GL_TEXTURE_2D, 0);
  return values;
}

std::vector<uint8_t> read_rgba_texture(const GlTexture& texture) {
  std::vector<uint8_t> rgba(size_t(texture.width * texture.height * 4));
  glBindTexture(GL_TEXTURE_2D, texture.id);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glGetTexImage(GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  glBindTexture(GL_TEXTURE_2D, 0);
  return rgba;
}

}  // namespace convviz::render
