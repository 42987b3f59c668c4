#include "ui/framebuffer_capture.hpp"

#include <algorithm>
#include <cstring>

#if defined(__EMSCRIPTEN__)
#include <GLES3/gl3.h>
#else
#include <GL/gl.h>
#endif

namespace lf::ui {

FrameImage read_frame_rgba(PixelRect rect, int framebuffer_width, int framebuffer_height) {
  const int x0 = std::clamp(rect.x, 0, framebuffer_width);
  const int y0 = std::clamp(rect.y, 0, framebuffer_height);
  const int x1 = std::clamp(rect.x + rect.width, 0, framebuffer_width);
  const int y1 = std::clamp(rect.y + rect.height, 0, framebuffer_height);
  const int width = x1 - x0, height = y1 - y0;
  if (width <= 0 || height <= 0) return {};

  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(width) * height * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  // OpenGL's origin is the bottom-left corner.
  glReadPixels(x0, framebuffer_height - y1, width, height, GL_RGBA, GL_UNSIGNED_BYTE,
               pixels.data());
  // Rows come bottom-up; PNG wants top-down.
  const std::size_t row = static_cast<std::size_t>(width) * 4;
  FrameImage image{static_cast<std::uint32_t>(width), static_cast<std::uint32_t>(height),
                   std::vector<std::uint8_t>(pixels.size())};
  auto& flipped = image.rgba;
  for (int r = 0; r < height; ++r) {
    std::memcpy(flipped.data() + static_cast<std::size_t>(r) * row,
                pixels.data() + static_cast<std::size_t>(height - 1 - r) * row, row);
  }
  // The canvas may be drawn with partial alpha; an export is opaque.
  for (std::size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
  return image;
}

}  // namespace lf::ui
