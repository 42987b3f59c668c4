// Reading back part of the frame just rendered (for the PNG export): the
// same glReadPixels call on OpenGL 3 (desktop) and WebGL2 (browser). Call it
// after rendering and before the buffers are swapped, while the frame is
// still in the back buffer.
#pragma once

#include <cstdint>
#include <vector>

namespace lf::ui {

struct PixelRect {
  int x, y, width, height;  // framebuffer pixels, top-left origin
};

struct FrameImage {
  std::uint32_t width = 0, height = 0;
  std::vector<std::uint8_t> rgba;  // top row first, opaque
};

// The part of `rect` inside the framebuffer; empty if none of it is.
FrameImage read_frame_rgba(PixelRect rect, int framebuffer_width, int framebuffer_height);

}  // namespace lf::ui
