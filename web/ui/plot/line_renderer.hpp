// Turns a decimated line into screen polylines, and draws them. Internal to
// the plot module.
//
// Per column it emits the column's min and max at the column's centre (or
// its first and last samples when those already reach the extremes), plus
// the first/last sample where the column borders a gap: at most four points
// per pixel column, two in dense stretches. Segments are clipped in double
// precision to the plot area plus a small guard band before they become
// floats, so a sample far outside the view (a zoomed-in y-axis, a neighbour
// across a long gap) neither overflows the float vertex coordinates nor
// bends the visible part of its segment, and segments entirely outside cost
// no vertices.
//
// Tracing and drawing are separate so that the plot can keep the traced
// polylines of a still view from frame to frame and only replay them.
#pragma once

#include <imgui.h>

#include "ui/plot/decimation.hpp"
#include "ui/plot/plot_frame.hpp"
#include "ui/plot/polylines.hpp"

namespace lf::ui::plot {

// Traces `line` (decimated for frame.columns() columns) into `out`, reusing
// its storage.
void trace_line(const PlotFrame& frame, const Decimation& line, Polylines& out);

void draw_polylines(ImDrawList& draw_list, const Polylines& polylines, ImU32 color,
                    float thickness);

}  // namespace lf::ui::plot
