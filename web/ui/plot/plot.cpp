// See plot.hpp. This file holds the widget's flow: size the item, fit the
// ranges, lay out the axes, handle input, then draw the layers
// (plot_layers.hpp, line_renderer.hpp).
#include "ui/plot/plot.hpp"

#include <imgui_internal.h>  // SetItemUsingMouseWheel: keep the wheel from scrolling the window

#include <algorithm>
#include <array>
#include <cmath>

#include "ui/plot/line_renderer.hpp"
#include "ui/plot/plot_frame.hpp"
#include "ui/plot/plot_layers.hpp"

namespace lf::ui::plot {

namespace {

// Space left around fitted data, as a fraction of its width on each side.
constexpr double kFitMargin = 0.03;
// Distances in font sizes (so they scale with the host's DPI scaling).
constexpr float kMinTickSpacingY = 2.5f;   // between y ticks
constexpr float kFirstGuessLabelX = 6.0f;  // width of an x label, before measuring
constexpr float kGapBetweenLabelsX = 2.0f;
constexpr float kPanYThreshold = 1.0f;  // vertical drag before a pan moves y
// ImGui's default font is 13 px: line widths grow with larger (HiDPI) fonts.
constexpr float kDefaultFontSize = 13.0f;

// A line's samples that x, y and the pyramid all have (a live stream may
// have appended to one of them but not yet to the others).
struct Samples {
  std::span<const double> x, y;
  const MinMaxPyramid* pyramid;
};

Samples usable(const Line& line) {
  std::size_t n = std::min(line.x.size(), line.y.size());
  if (line.pyramid != nullptr) n = std::min(n, line.pyramid->size());
  return {line.x.first(n), line.y.first(n), line.pyramid};
}

Extent x_extent(std::span<const Line> lines) {
  Extent extent;
  for (const Line& line : lines) {
    const Samples s = usable(line);
    if (s.x.empty()) continue;
    extent.include(s.x.front());
    extent.include(s.x.back());
  }
  return extent;
}

Extent visible_y_extent(std::span<const Line> lines, Range x) {
  Extent extent;
  for (const Line& line : lines) {
    const Samples s = usable(line);
    const IndexRange shown = visible_indices(s.x, x);
    if (s.pyramid != nullptr) {
      extent.include(s.pyramid->query(shown.first, shown.last));
    } else {
      for (std::size_t i = shown.first; i < shown.last; ++i) extent.include(s.y[i]);
    }
  }
  return extent;
}

void request_fit(LinkedX& x) {
  x.fit_pending = true;
  x.fit_started_frame = -1;
}

void cancel_fit(LinkedX& x) {
  x.fit_pending = false;
  x.fit_started_frame = -1;
}

// See LinkedX::fit_pending: collect the x-extent of every plot drawn during
// one full frame, then stop.
void update_fit(LinkedX& x, std::span<const Line> lines) {
  if (!x.fit_pending) return;
  const int frame = ImGui::GetFrameCount();
  if (x.fit_started_frame >= 0 && frame > x.fit_started_frame + 1) {
    if (!x.fit_data.empty()) {
      cancel_fit(x);
      return;
    }
    x.fit_started_frame = -1;  // no plot had data yet: collect afresh from now
  }
  if (x.fit_started_frame < 0) {
    x.fit_started_frame = frame;
    x.fit_data = {};
  }
  x.fit_data.include(x_extent(lines));
  if (!x.fit_data.empty()) x.range = fit_range(x.fit_data.min, x.fit_data.max, kFitMargin);
}

void fit_y(PlotState& state, std::span<const Line> lines, Range x) {
  const Extent visible = visible_y_extent(lines, x);
  if (!visible.empty()) state.y = fit_range(visible.min, visible.max, kFitMargin);
}

float widest_label(const Ticks& ticks, TickFormatter format) {
  std::array<char, 64> label{};
  float widest = 0.0f;
  for (int i = 0; i < ticks.count; ++i) {
    write_label(format, ticks.value(i), ticks.step, label);
    widest = std::max(widest, ImGui::CalcTextSize(label.data()).x);
  }
  return widest;
}

// Places the plot area inside the item: y labels on the left (as wide as the
// widest one), x labels below, and ticks as dense as the labels allow.
PlotFrame layout(ImVec2 item_min, ImVec2 item_max, const LinkedX& x, const PlotState& state) {
  const ImGuiStyle& style = ImGui::GetStyle();
  PlotFrame frame;
  frame.item_min = item_min;
  frame.item_max = item_max;
  frame.x = x.range;
  frame.y = state.y;
  frame.format_x = x.format;
  frame.format_y = state.format_y;
  frame.font_size = ImGui::GetFontSize();
  frame.line_thickness = std::max(1.0f, std::round(frame.font_size / kDefaultFontSize));
  const float font = frame.font_size;

  // Half a line above the area for the top y label, a line below for x's.
  frame.min.y = item_min.y + 0.5f * font;
  frame.max.y = std::max(frame.min.y + 1.0f, item_max.y - font - style.ItemInnerSpacing.y);
  const int max_y_ticks = std::max(1, static_cast<int>(frame.height() / (kMinTickSpacingY * font)));
  frame.y_ticks = ticks_for(frame.y, max_y_ticks);

  frame.min.x = item_min.x + widest_label(frame.y_ticks, frame.format_y) + style.ItemInnerSpacing.x;
  // Half an x label may stick out on the right.
  frame.max.x = std::max(frame.min.x + 1.0f, item_max.x - 0.5f * kFirstGuessLabelX * font);
  const int guess = std::max(1, static_cast<int>(frame.width() / (kFirstGuessLabelX * font)));
  frame.x_ticks = ticks_for(frame.x, guess);
  const float label = widest_label(frame.x_ticks, frame.format_x);
  const int fit =
      std::max(1, static_cast<int>(frame.width() / (label + kGapBetweenLabelsX * font)));
  if (fit < guess) frame.x_ticks = ticks_for(frame.x, fit);
  return frame;
}

ImVec2 clamp_to(const PlotFrame& frame, ImVec2 p) {
  return {std::clamp(p.x, frame.min.x, frame.max.x), std::clamp(p.y, frame.min.y, frame.max.y)};
}

void apply_box(const PlotFrame& frame, ImVec2 a, ImVec2 b, LinkedX& x, PlotState& state) {
  const float enough = ImGui::GetIO().MouseDragThreshold;
  if (std::abs(b.x - a.x) >= enough) {
    x.range = range_between_pixels(x.range, a.x, b.x, frame.min.x, frame.max.x);
    cancel_fit(x);
  }
  if (std::abs(b.y - a.y) >= enough) {
    state.y = range_between_pixels(state.y, a.y, b.y, frame.max.y, frame.min.y);
    state.auto_fit_y = false;
  }
}

void handle_input(const PlotFrame& frame, bool hovered, LinkedX& x, PlotState& state) {
  const ImGuiIO& io = ImGui::GetIO();
  const ImVec2 mouse = io.MousePos;

  if (hovered && io.MouseWheel != 0.0f) {
    const double factor = wheel_zoom_factor(io.MouseWheel);
    if (io.KeyCtrl) {
      state.y = zoom_about(state.y, frame.value_y(mouse.y), factor);
      state.auto_fit_y = false;
    } else {
      x.range = zoom_about(x.range, frame.value_x(mouse.x), factor);
      cancel_fit(x);
    }
  }
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
    request_fit(x);
    state.auto_fit_y = true;
  }

  if (hovered && state.drag == Drag::none) {
    const bool right = ImGui::IsMouseClicked(ImGuiMouseButton_Right);
    const bool left = ImGui::IsMouseClicked(ImGuiMouseButton_Left);
    if (right || (left && io.KeyShift)) {
      state.drag = Drag::box;
      state.drag_button = right ? ImGuiMouseButton_Right : ImGuiMouseButton_Left;
      state.drag_origin = clamp_to(frame, mouse);
    } else if (left) {
      state.drag = Drag::pan;
      state.drag_button = ImGuiMouseButton_Left;
      state.pan_y = !state.auto_fit_y;  // y already manual: it pans from the start
    }
  }

  if (state.drag == Drag::pan) {
    if (!ImGui::IsMouseDown(state.drag_button)) {
      state.drag = Drag::none;
      return;
    }
    if (io.MouseDelta.x != 0.0f) {
      x.range = pan_by_pixels(x.range, io.MouseDelta.x, frame.width());
      cancel_fit(x);
    }
    // A horizontal pan should not freeze y auto-fit over a little vertical
    // jitter: y joins in only once the drag has clearly gone vertical.
    if (!state.pan_y && std::abs(ImGui::GetMouseDragDelta(state.drag_button, 0.0f).y) >=
                            kPanYThreshold * frame.font_size) {
      state.pan_y = true;
      state.auto_fit_y = false;
    }
    if (state.pan_y && io.MouseDelta.y != 0.0f) {
      state.y = pan_by_pixels(state.y, -io.MouseDelta.y, frame.height());  // screen y grows down
    }
  } else if (state.drag == Drag::box) {
    if (ImGui::IsMouseReleased(state.drag_button)) {
      apply_box(frame, state.drag_origin, clamp_to(frame, mouse), x, state);
      state.drag = Drag::none;
    } else if (!ImGui::IsMouseDown(state.drag_button)) {
      state.drag = Drag::none;  // the release happened elsewhere (focus lost)
    }
  }
}

// The line's polylines for this frame. The decimation is recomputed only
// when the data or the x-range changed, the tracing only when that or the
// plot area or the y-range did. Without a pyramid there is no generation to
// tell a change of the data, so such (short) lines are redone every frame.
const Polylines& traced(const Line& line, const PlotFrame& frame, PlotState::LineCache& cache) {
  const Samples s = usable(line);
  const bool same_data = s.pyramid != nullptr && cache.x == s.x.data() &&
                         cache.size == s.x.size() && cache.pyramid == s.pyramid &&
                         cache.generation == s.pyramid->generation() &&
                         cache.visible.min == frame.x.min && cache.visible.max == frame.x.max &&
                         cache.columns == frame.columns();
  if (!same_data) {
    decimate(s.x, s.y, s.pyramid, frame.x, frame.columns(), cache.decimation);
    cache.x = s.x.data();
    cache.size = s.x.size();
    cache.pyramid = s.pyramid;
    cache.generation = s.pyramid != nullptr ? s.pyramid->generation() : 0;
    cache.visible = frame.x;
    cache.columns = frame.columns();
    cache.traced_valid = false;
  }
  const bool same_trace = cache.traced_valid && cache.traced_min.x == frame.min.x &&
                          cache.traced_min.y == frame.min.y && cache.traced_max.x == frame.max.x &&
                          cache.traced_max.y == frame.max.y && cache.traced_y.min == frame.y.min &&
                          cache.traced_y.max == frame.y.max;
  if (!same_trace) {
    trace_line(frame, cache.decimation, cache.traced);
    cache.traced_valid = true;
    cache.traced_min = frame.min;
    cache.traced_max = frame.max;
    cache.traced_y = frame.y;
  }
  return cache.traced;
}

ImVec2 item_size(ImVec2 size) {
  const ImVec2 available = ImGui::GetContentRegionAvail();
  const float smallest = 4.0f * ImGui::GetFontSize();
  if (size.x <= 0.0f) size.x += available.x;
  if (size.y <= 0.0f) size.y += available.y;
  return {std::max(size.x, smallest), std::max(size.y, smallest)};
}

}  // namespace

PlotResult draw_plot(const char* id, ImVec2 size, std::span<const Line> lines,
                     std::span<const Marker> markers, std::span<const Shade> shades, LinkedX& x,
                     PlotState& state) {
  PlotResult result;
  const bool released_on_item = ImGui::InvisibleButton(
      id, item_size(size), ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  ImGui::SetItemUsingMouseWheel();
  result.hovered = ImGui::IsItemHovered();
  result.frame_min = ImGui::GetItemRectMin();
  result.frame_max = ImGui::GetItemRectMax();

  // Ranges first (the y labels' width depends on them), then input on that
  // layout, then the layout again for what the input changed.
  x.range = clamp_range(x.range);
  state.y = clamp_range(state.y);
  update_fit(x, lines);
  if (state.auto_fit_y) fit_y(state, lines, x.range);
  PlotFrame frame = layout(result.frame_min, result.frame_max, x, state);
  handle_input(frame, result.hovered, x, state);
  if (state.auto_fit_y) fit_y(state, lines, x.range);
  frame = layout(result.frame_min, result.frame_max, x, state);
  result.plot_min = frame.min;
  result.plot_max = frame.max;

  const ImGuiIO& io = ImGui::GetIO();
  const bool hovering = result.hovered && state.drag == Drag::none && frame.contains(io.MousePos);
  const int hovered_marker = hovering ? marker_under(frame, markers, io.MousePos) : -1;
  const bool click = released_on_item && ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
                     io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] <
                         io.MouseDragThreshold * io.MouseDragThreshold;
  if (click) result.clicked_marker = hovered_marker;

  ImDrawList& draw_list = *ImGui::GetWindowDrawList();
  draw_background(draw_list, frame);
  draw_list.PushClipRect(frame.min, frame.max, true);
  draw_shades(draw_list, frame, shades);
  state.line_caches.resize(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    draw_polylines(draw_list, traced(lines[i], frame, state.line_caches[i]), lines[i].color,
                   frame.line_thickness);
  }
  draw_markers(draw_list, frame, markers, hovered_marker);
  if (state.drag == Drag::box) draw_box(draw_list, state.drag_origin, clamp_to(frame, io.MousePos));
  draw_legend(draw_list, frame, lines);
  if (hovering) draw_hover(draw_list, frame, lines, markers, hovered_marker, io.MousePos);
  draw_list.PopClipRect();
  draw_axes(draw_list, frame);
  return result;
}

void focus(LinkedX& x, double at) {
  const double half = width(clamp_range(x.range)) / 2;
  x.range = clamp_range({at - half, at + half});
  cancel_fit(x);
}

}  // namespace lf::ui::plot
