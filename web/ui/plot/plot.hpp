// Line plots on Dear ImGui draw lists (ImPlot is not available to this
// project), built for millions of points per series at frame rate.
//
// Usage, once per frame for each of a stack of plots sharing one x-axis:
//
//   static LinkedX time;            // shared: zoom/pan in one plot moves all
//   static PlotState price_state;   // one per plot
//   Line lines[] = {{"BTC", x, pyramid.values(), &pyramid, palette_color(0)}};
//   PlotResult r = draw_plot("price", {-1, 200}, lines, markers, shades, time, price_state);
//   if (r.clicked_marker >= 0) focus(time, markers[r.clicked_marker].x);
//
// Cost per frame is O(columns * log n) per line (see decimation.hpp), not
// O(points), and a still view with unchanged data only replays the line's
// cached polylines (see PlotState::LineCache). Interaction:
//   mouse wheel           zoom x about the cursor (Ctrl: zoom y)
//   left drag             pan (x shared by the linked plots; y of this plot
//                         once the vertical drag passes about a line height)
//   right drag,
//   Shift + left drag     box zoom on release (a flat box zooms x only, a
//                         narrow one y only)
//   double click          reset: fit x to the data of all linked plots, y auto
//   hover                 cursor line and a tooltip with x and every line's
//                         nearest sample; on a marker, the marker's tooltip
//   click on a marker     PlotResult::clicked_marker
// y auto-fits to the data visible in the x-range until the user zooms or
// pans y. Sizes derive from ImGui's current font size and style, so a host
// that scales both by the device pixel ratio gets a crisp HiDPI plot.
//
// Vertex budget: a dense line costs two points (about four vertices) per
// pixel column, up to four points next to gaps. A few dense lines in one
// window exceed 65536 vertices, which ImGui's default 16-bit ImDrawIdx can
// only address with a renderer that supports vertex offsets (the WebGL2
// backend does not): build ImGui with ImDrawIdx=unsigned int.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "ui/plot/decimation.hpp"
#include "ui/plot/min_max_pyramid.hpp"
#include "ui/plot/palette.hpp"
#include "ui/plot/polylines.hpp"
#include "ui/plot/ticks.hpp"
#include "ui/plot/view_math.hpp"

namespace lf::ui::plot {

// The x-range shared by stacked plots (linked x-axes).
struct LinkedX {
  Range range;
  // Fit `range` to the data of the plots drawn next. The fit collects the
  // x-extent of every plot drawn with this LinkedX over one full frame (the
  // rest of the frame it was requested in and the whole next one), so plots
  // drawn before the request count too; it stays pending while no plot has
  // data. Set it to request a fit; draw_plot clears it.
  bool fit_pending = true;
  TickFormatter format = nullptr;  // x tick and hover labels; nullptr: format_tick

  // draw_plot's bookkeeping of a pending fit: the frame it started in (-1:
  // none) and the x-extent collected so far.
  int fit_started_frame = -1;
  Extent fit_data;
};

// x, y and the pyramid change together: the plot reuses a line's
// decimation while x's address and length and the pyramid's generation()
// stay the same, so rewriting x in place without touching the pyramid would
// leave a stale picture.
struct Line {
  std::string_view label;        // legend and hover read-out; empty: not listed
  std::span<const double> x;     // ascending
  std::span<const double> y;     // same length
  const MinMaxPyramid* pyramid;  // over y, same length (kept by the caller)
  ImU32 color;
};

struct Marker {  // an alert: vertical line with a triangle at the top
  double x;
  ImU32 color;
  std::string_view tooltip;
};

struct Shade {  // a regime span, drawn behind the lines
  double x_begin, x_end;
  ImU32 color;  // usually translucent
  std::string_view label;
};

enum class Drag { none, pan, box };

// Per plot: its y-axis and the interaction in progress. Keep one per plot
// across frames.
struct PlotState {
  Range y;
  bool auto_fit_y = true;            // follow the visible data; off once the user zooms y
  TickFormatter format_y = nullptr;  // nullptr: format_tick

  Drag drag = Drag::none;
  ImGuiMouseButton drag_button = ImGuiMouseButton_Left;
  ImVec2 drag_origin;  // box zoom: the corner where the drag started
  bool pan_y = false;  // this pan moves y too

  // Per line, its last decimation and traced polylines and what they were
  // computed for: while the view and the data stay the same, a frame only
  // replays the polylines (a still plot costs no decimation at all).
  struct LineCache {
    const double* x = nullptr;  // decimation key: the data ...
    std::size_t size = 0;
    const MinMaxPyramid* pyramid = nullptr;
    std::uint64_t generation = 0;
    Range visible;  // ... and the x-range and column count
    std::size_t columns = 0;
    Decimation decimation;
    bool traced_valid = false;  // trace key: the decimation, plus the plot area and y-range
    ImVec2 traced_min, traced_max;
    Range traced_y;
    Polylines traced;
  };
  std::vector<LineCache> line_caches;
};

struct PlotResult {
  int clicked_marker = -1;  // index into `markers`, or -1
  bool hovered = false;
  ImVec2 frame_min, frame_max;  // the widget's screen rectangle
  ImVec2 plot_min, plot_max;    // the plot area inside it (without the axis labels)
};

// Draws one plot of `size` (an ImGui item; a component <= 0 means the
// available width/height plus that amount, as for ImGui's own widgets) and
// handles its input.
PlotResult draw_plot(const char* id, ImVec2 size, std::span<const Line> lines,
                     std::span<const Marker> markers, std::span<const Shade> shades, LinkedX& x,
                     PlotState& state);

// Centres the shared x-range on `at`, keeping its width (jump to an alert);
// cancels a pending fit.
void focus(LinkedX& x, double at);

}  // namespace lf::ui::plot
