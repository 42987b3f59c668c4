// A line traced into screen space: the pieces the draw list receives (see
// line_renderer.hpp). Kept in PlotState so that a still view replays them.
#pragma once

#include <imgui.h>

#include <vector>

namespace lf::ui::plot {

// Piece i is the next sizes[i] (>= 2) points. A line of a single visible
// point has no piece and `dot` set instead.
struct Polylines {
  std::vector<ImVec2> points;
  std::vector<int> sizes;
  bool dot = false;
  ImVec2 dot_at;
};

}  // namespace lf::ui::plot
