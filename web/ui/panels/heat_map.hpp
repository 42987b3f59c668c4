// A matrix drawn as a heat map on ImGui's draw list, with row and column
// labels and a colour-scale legend. Used by the Causal panel for the
// transfer-entropy matrix (row = source, column = target).
#pragma once

#include <imgui.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lf::ui {

// The colour of t in [0, 1] (clamped; NaN is grey): a sequential scale from
// dark blue through teal to pale yellow whose luminance rises with t, so the
// order reads in greyscale and for colour-blind eyes.
ImU32 heat_colour(double t);

struct HeatMapCell {
  int row = -1;  // -1: no cell hovered
  int column = -1;
};

// Draws `values` (square, one row per label) scaled from 0 to `scale_max`
// (values below 0 take the colour of 0), with the legend "0 .. scale_max
// <unit>" underneath; diagonal cells are left blank when `blank_diagonal`.
// Returns the cell under the mouse, for the caller's tooltip.
HeatMapCell draw_heat_map(std::span<const std::string> labels,
                          const std::vector<std::vector<double>>& values, double scale_max,
                          std::string_view unit, bool blank_diagonal);

}  // namespace lf::ui
