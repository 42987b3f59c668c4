// The geometry of one plot for one frame: the plot area in screen pixels and
// the ranges it shows. Internal to the plot module (plot.cpp and the drawing
// code share it); callers use plot.hpp.
#pragma once

#include <imgui.h>

#include <cstddef>

#include "ui/plot/ticks.hpp"
#include "ui/plot/view_math.hpp"

namespace lf::ui::plot {

struct PlotFrame {
  ImVec2 item_min, item_max;  // the whole widget, axis labels included
  ImVec2 min, max;            // the plot area, where data is drawn
  Range x, y;
  Ticks x_ticks, y_ticks;
  TickFormatter format_x = nullptr, format_y = nullptr;  // nullptr: format_tick
  float font_size = 13.0f;
  float line_thickness = 1.0f;

  double width() const { return max.x - min.x; }
  double height() const { return max.y - min.y; }
  // y grows upwards: y.min sits at the bottom edge.
  double pixel_x(double value) const { return to_pixel(value, x, min.x, max.x); }
  double pixel_y(double value) const { return to_pixel(value, y, max.y, min.y); }
  double value_x(double pixel) const { return to_value(pixel, x, min.x, max.x); }
  double value_y(double pixel) const { return to_value(pixel, y, max.y, min.y); }
  bool contains(ImVec2 p) const {
    return p.x >= min.x && p.x < max.x && p.y >= min.y && p.y < max.y;
  }
  // One decimation column per whole pixel of the plot area.
  std::size_t columns() const { return width() >= 1.0 ? static_cast<std::size_t>(width()) : 1; }
};

}  // namespace lf::ui::plot
