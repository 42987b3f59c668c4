// See line_renderer.hpp.
#include "ui/plot/line_renderer.hpp"

#include <algorithm>
#include <span>

namespace lf::ui::plot {

namespace {

struct Point {
  double x, y;
};

// Pixel coordinates further out than this are clamped before clipping so that
// the clipping arithmetic stays finite; at 1e12 plot widths away the change
// of slope inside the plot area is far below a pixel.
constexpr double kFarPixels = 1e15;

// Segments are clipped this far outside the plot area, so that the ends of
// clipped lines (wider than one pixel on HiDPI screens) lie outside it, where
// the draw list's clip rectangle cuts them cleanly.
constexpr double kGuardPixels = 16.0;

// Liang-Barsky: clips segment a-b to the rectangle [lo, hi]; false if nothing
// of it is inside.
bool clip_segment(Point& a, Point& b, Point lo, Point hi) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  double t_enter = 0.0, t_leave = 1.0;
  // The segment is inside the half-plane p * t <= q.
  const auto keep = [&](double p, double q) {
    if (p == 0.0) return q >= 0.0;
    const double t = q / p;
    if (p < 0.0) {
      if (t > t_leave) return false;
      t_enter = std::max(t_enter, t);
    } else {
      if (t < t_enter) return false;
      t_leave = std::min(t_leave, t);
    }
    return true;
  };
  if (!keep(-dx, a.x - lo.x) || !keep(dx, hi.x - a.x) || !keep(-dy, a.y - lo.y) ||
      !keep(dy, hi.y - a.y)) {
    return false;
  }
  const Point start = a;
  if (t_enter > 0.0) a = {start.x + t_enter * dx, start.y + t_enter * dy};
  if (t_leave < 1.0) b = {start.x + t_leave * dx, start.y + t_leave * dy};
  return true;
}

// Collects the visible pieces of one line.
class PolylineBuilder {
 public:
  PolylineBuilder(const PlotFrame& frame, Polylines& out) : out_(out) {
    lo_ = {frame.min.x - kGuardPixels, frame.min.y - kGuardPixels};
    hi_ = {frame.max.x + kGuardPixels, frame.max.y + kGuardPixels};
    out_.points.clear();
    out_.sizes.clear();
    out_.dot = false;
  }

  void add(Point p) {
    p.x = std::clamp(p.x, -kFarPixels, kFarPixels);
    p.y = std::clamp(p.y, -kFarPixels, kFarPixels);
    if (added_ > 0 && p.x == previous_.x && p.y == previous_.y) return;
    if (++added_ == 1) {
      first_ = p;
      previous_ = p;
      return;
    }
    Point a = previous_, b = p;
    previous_ = p;
    // Most segments lie inside: only the others need clipping.
    if (!(inside(a) && inside(b)) && !clip_segment(a, b, lo_, hi_)) {
      end_piece();
      return;
    }
    const ImVec2 start(static_cast<float>(a.x), static_cast<float>(a.y));
    if (piece_size_ == 0 || out_.points.back().x != start.x || out_.points.back().y != start.y) {
      end_piece();
      out_.points.push_back(start);
      piece_size_ = 1;
    }
    out_.points.emplace_back(static_cast<float>(b.x), static_cast<float>(b.y));
    ++piece_size_;
  }

  // Closes the last piece; a line of a single distinct point becomes a dot.
  void finish() {
    end_piece();
    if (added_ == 1 && inside(first_)) {
      out_.dot = true;
      out_.dot_at = ImVec2(static_cast<float>(first_.x), static_cast<float>(first_.y));
    }
  }

 private:
  bool inside(Point p) const {
    return p.x >= lo_.x && p.x <= hi_.x && p.y >= lo_.y && p.y <= hi_.y;
  }

  void end_piece() {
    if (piece_size_ > 0) out_.sizes.push_back(piece_size_);  // always >= 2 points
    piece_size_ = 0;
  }

  Polylines& out_;
  Point lo_{}, hi_{}, first_{}, previous_{};
  std::size_t added_ = 0;
  int piece_size_ = 0;
};

}  // namespace

void trace_line(const PlotFrame& frame, const Decimation& line, Polylines& out) {
  PolylineBuilder builder(frame, out);
  const auto at = [&](const Sample& s) { return Point{frame.pixel_x(s.x), frame.pixel_y(s.y)}; };
  if (line.has_before) builder.add(at(line.before));
  for (const Sample& s : line.raw) builder.add(at(s));

  const double column_width = frame.width() / static_cast<double>(frame.columns());
  const std::span<const ColumnSummary> columns = line.columns;
  for (std::size_t k = 0; k < columns.size(); ++k) {
    const ColumnSummary& column = columns[k];
    // Next to an adjacent column the first/last sample lies in the same pixel
    // column as the stroke below, so it adds vertices but no pixels; across a
    // gap (or to a neighbour outside the view) its real x sets the slope of
    // the connection, so it is drawn.
    const bool joined_before = k > 0 && columns[k - 1].column + 1 == column.column;
    const bool joined_after = k + 1 < columns.size() && column.column + 1 == columns[k + 1].column;
    if (!joined_before) builder.add(at(column.first));
    const double low = std::min(column.first.y, column.last.y);
    const double high = std::max(column.first.y, column.last.y);
    if (column.y.min < low || column.y.max > high) {
      // The vertical stroke through the column; rising columns go up.
      const double centre = frame.min.x + (static_cast<double>(column.column) + 0.5) * column_width;
      const bool rising = column.last.y >= column.first.y;
      builder.add({centre, frame.pixel_y(rising ? column.y.min : column.y.max)});
      builder.add({centre, frame.pixel_y(rising ? column.y.max : column.y.min)});
    } else {
      builder.add(at(column.first));  // first and last reach the extremes
      builder.add(at(column.last));
    }
    if (!joined_after) builder.add(at(column.last));
  }
  if (line.has_after) builder.add(at(line.after));
  builder.finish();
}

void draw_polylines(ImDrawList& draw_list, const Polylines& polylines, ImU32 color,
                    float thickness) {
  const ImVec2* piece = polylines.points.data();
  for (const int size : polylines.sizes) {
    draw_list.AddPolyline(piece, size, color, 0, thickness);
    piece += size;
  }
  if (polylines.dot) draw_list.AddCircleFilled(polylines.dot_at, 1.5f * thickness + 1.0f, color);
}

}  // namespace lf::ui::plot
