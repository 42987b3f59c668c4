// The drawing layers of a plot, back to front: background and grid, regime
// shades, (lines: line_renderer.hpp), alert markers, hover cursor, box-zoom
// rectangle, legend, then the axes' labels outside the plot area. Internal
// to the plot module; each layer draws into the window's draw list and only
// reads the frame and its inputs.
#pragma once

#include <imgui.h>

#include <span>

#include "ui/plot/plot.hpp"
#include "ui/plot/plot_frame.hpp"

namespace lf::ui::plot {

// Writes an axis label with `format`, or format_tick when it is null.
void write_label(TickFormatter format, double value, double step, std::span<char> out);

void draw_background(ImDrawList& draw_list, const PlotFrame& frame);
void draw_shades(ImDrawList& draw_list, const PlotFrame& frame, std::span<const Shade> shades);
void draw_markers(ImDrawList& draw_list, const PlotFrame& frame, std::span<const Marker> markers,
                  int hovered_marker);
// The marker whose line or triangle is under `mouse` (the nearest one), or -1.
int marker_under(const PlotFrame& frame, std::span<const Marker> markers, ImVec2 mouse);
void draw_box(ImDrawList& draw_list, ImVec2 corner_a, ImVec2 corner_b);
void draw_legend(ImDrawList& draw_list, const PlotFrame& frame, std::span<const Line> lines);
void draw_axes(ImDrawList& draw_list, const PlotFrame& frame);

// Cursor line at the mouse, a dot on each line's nearest sample and the
// tooltip (the hovered marker's text first, then x and each line's value).
void draw_hover(ImDrawList& draw_list, const PlotFrame& frame, std::span<const Line> lines,
                std::span<const Marker> markers, int hovered_marker, ImVec2 mouse);

}  // namespace lf::ui::plot
