// The causal graph drawn on ImGui's draw list: nodes (the series) evenly on a
// circle, one arrow per edge from source to target, its width proportional
// to the edge's transfer entropy. Two opposite edges between one pair are
// drawn side by side, not on top of each other.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "ui/panels/causal_model.hpp"

namespace lf::ui {

// Node i of n at angle -90 + 360 i / n degrees (the first at the top, then
// clockwise on screen, where y grows downwards).
std::vector<ImVec2> circle_layout(std::size_t nodes, ImVec2 centre, float radius);

// The stroke width of an edge: 1 px at TE 0 up to `max_width` at `te_max`.
float edge_width(double te, double te_max, float max_width);

// Draws the graph in a square of side `side` at the cursor and reserves it.
// Returns the edge under the mouse (an index into `edges`), or -1.
int draw_causal_graph(std::span<const std::string> names, std::span<const causal::Edge> edges,
                      double te_max, float side);

}  // namespace lf::ui
