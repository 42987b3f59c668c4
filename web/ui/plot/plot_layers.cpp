// See plot_layers.hpp.
#include "ui/plot/plot_layers.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace lf::ui::plot {

namespace {

using Label = std::array<char, 64>;

// Marker triangle half-width, in font sizes.
constexpr float kMarkerSize = 0.35f;
// Hover read-out precision: a hundredth of a tick step.
constexpr double kHoverStepFraction = 0.01;

// Screen pixels are only meaningful inside the visible plot: clamp before the
// conversion to float so that far-away values do not overflow.
float clamp_pixel(double pixel, float lo, float hi) {
  return static_cast<float>(std::clamp(pixel, static_cast<double>(lo), static_cast<double>(hi)));
}

void text(ImDrawList& draw_list, ImVec2 at, ImU32 color, std::string_view s) {
  draw_list.AddText(at, color, s.data(), s.data() + s.size());
}

}  // namespace

void write_label(TickFormatter format, double value, double step, std::span<char> out) {
  if (format != nullptr) {
    format(value, step, out);
  } else {
    format_tick(value, step, out);
  }
}

void draw_background(ImDrawList& draw_list, const PlotFrame& frame) {
  draw_list.AddRectFilled(frame.min, frame.max, ImGui::GetColorU32(ImGuiCol_FrameBg));
  const ImU32 grid = ImGui::GetColorU32(ImGuiCol_TextDisabled, 0.3f);
  for (int i = 0; i < frame.x_ticks.count; ++i) {
    const float px = std::round(static_cast<float>(frame.pixel_x(frame.x_ticks.value(i))));
    draw_list.AddLine({px, frame.min.y}, {px, frame.max.y}, grid);
  }
  for (int i = 0; i < frame.y_ticks.count; ++i) {
    const float py = std::round(static_cast<float>(frame.pixel_y(frame.y_ticks.value(i))));
    draw_list.AddLine({frame.min.x, py}, {frame.max.x, py}, grid);
  }
}

void draw_shades(ImDrawList& draw_list, const PlotFrame& frame, std::span<const Shade> shades) {
  const ImGuiStyle& style = ImGui::GetStyle();
  for (const Shade& shade : shades) {
    const float left = clamp_pixel(frame.pixel_x(shade.x_begin), frame.min.x, frame.max.x);
    const float right = clamp_pixel(frame.pixel_x(shade.x_end), frame.min.x, frame.max.x);
    if (right <= left) continue;
    draw_list.AddRectFilled({left, frame.min.y}, {right, frame.max.y}, shade.color);
    if (shade.label.empty()) continue;
    // Label at the bottom-left (the legend owns the top-left), cut to the span.
    draw_list.PushClipRect({left, frame.min.y}, {right, frame.max.y}, true);
    text(
        draw_list,
        {left + style.ItemInnerSpacing.x, frame.max.y - frame.font_size - style.ItemInnerSpacing.y},
        ImGui::GetColorU32(ImGuiCol_Text, 0.8f), shade.label);
    draw_list.PopClipRect();
  }
}

void draw_markers(ImDrawList& draw_list, const PlotFrame& frame, std::span<const Marker> markers,
                  int hovered_marker) {
  const float size = kMarkerSize * frame.font_size;
  for (std::size_t i = 0; i < markers.size(); ++i) {
    const double px = frame.pixel_x(markers[i].x);
    if (px < frame.min.x - size || px > frame.max.x + size) continue;
    const float x = std::round(static_cast<float>(px));
    const bool hovered = static_cast<int>(i) == hovered_marker;
    const float thickness = frame.line_thickness * (hovered ? 2.0f : 1.0f);
    draw_list.AddLine({x, frame.min.y}, {x, frame.max.y}, markers[i].color, thickness);
    const float grow = hovered ? 1.3f : 1.0f;
    draw_list.AddTriangleFilled({x - size * grow, frame.min.y}, {x + size * grow, frame.min.y},
                                {x, frame.min.y + 1.5f * size * grow}, markers[i].color);
  }
}

int marker_under(const PlotFrame& frame, std::span<const Marker> markers, ImVec2 mouse) {
  if (!frame.contains(mouse)) return -1;
  const double reach = kMarkerSize * frame.font_size + 2.0;
  int best = -1;
  double best_distance = reach;
  for (std::size_t i = 0; i < markers.size(); ++i) {
    const double distance = std::abs(frame.pixel_x(markers[i].x) - mouse.x);
    if (distance <= best_distance) {
      best = static_cast<int>(i);
      best_distance = distance;
    }
  }
  return best;
}

void draw_box(ImDrawList& draw_list, ImVec2 corner_a, ImVec2 corner_b) {
  const ImVec2 lo(std::min(corner_a.x, corner_b.x), std::min(corner_a.y, corner_b.y));
  const ImVec2 hi(std::max(corner_a.x, corner_b.x), std::max(corner_a.y, corner_b.y));
  draw_list.AddRectFilled(lo, hi, ImGui::GetColorU32(ImGuiCol_TextSelectedBg));
  draw_list.AddRect(lo, hi, ImGui::GetColorU32(ImGuiCol_Text, 0.6f));
}

void draw_legend(ImDrawList& draw_list, const PlotFrame& frame, std::span<const Line> lines) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float swatch = frame.font_size;
  float widest = 0.0f;
  int rows = 0;
  for (const Line& line : lines) {
    if (line.label.empty()) continue;
    const std::string_view s = line.label;
    widest = std::max(widest, ImGui::CalcTextSize(s.data(), s.data() + s.size()).x);
    ++rows;
  }
  if (rows == 0) return;
  const ImVec2 pad = style.FramePadding;
  const float row_height = frame.font_size + style.ItemSpacing.y * 0.5f;
  const ImVec2 lo(frame.min.x + pad.x, frame.min.y + pad.y);
  const ImVec2 hi(lo.x + 2 * pad.x + swatch + style.ItemInnerSpacing.x + widest,
                  lo.y + 2 * pad.y + rows * row_height);
  draw_list.AddRectFilled(lo, hi, ImGui::GetColorU32(ImGuiCol_PopupBg, 0.8f), style.FrameRounding);
  ImVec2 at(lo.x + pad.x, lo.y + pad.y);
  for (const Line& line : lines) {
    if (line.label.empty()) continue;
    const float mid = at.y + frame.font_size * 0.5f;
    draw_list.AddLine({at.x, mid}, {at.x + swatch, mid}, line.color, 2.0f * frame.line_thickness);
    text(draw_list, {at.x + swatch + style.ItemInnerSpacing.x, at.y},
         ImGui::GetColorU32(ImGuiCol_Text), line.label);
    at.y += row_height;
  }
}

void draw_axes(ImDrawList& draw_list, const PlotFrame& frame) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImU32 color = ImGui::GetColorU32(ImGuiCol_Text);
  draw_list.AddRect(frame.min, frame.max, ImGui::GetColorU32(ImGuiCol_Border));
  draw_list.PushClipRect(frame.item_min, frame.item_max, true);
  Label label{};
  for (int i = 0; i < frame.x_ticks.count; ++i) {
    const double value = frame.x_ticks.value(i);
    write_label(frame.format_x, value, frame.x_ticks.step, label);
    const float w = ImGui::CalcTextSize(label.data()).x;
    const float px = static_cast<float>(frame.pixel_x(value));
    draw_list.AddText({px - w * 0.5f, frame.max.y + style.ItemInnerSpacing.y}, color, label.data());
  }
  for (int i = 0; i < frame.y_ticks.count; ++i) {
    const double value = frame.y_ticks.value(i);
    write_label(frame.format_y, value, frame.y_ticks.step, label);
    const float w = ImGui::CalcTextSize(label.data()).x;
    const float py = static_cast<float>(frame.pixel_y(value));
    draw_list.AddText({frame.min.x - style.ItemInnerSpacing.x - w, py - frame.font_size * 0.5f},
                      color, label.data());
  }
  draw_list.PopClipRect();
}

void draw_hover(ImDrawList& draw_list, const PlotFrame& frame, std::span<const Line> lines,
                std::span<const Marker> markers, int hovered_marker, ImVec2 mouse) {
  draw_list.AddLine({mouse.x, frame.min.y}, {mouse.x, frame.max.y},
                    ImGui::GetColorU32(ImGuiCol_Text, 0.5f));
  const double at = frame.value_x(mouse.x);

  ImGui::BeginTooltip();
  if (hovered_marker >= 0) {
    const std::string_view tip = markers[static_cast<std::size_t>(hovered_marker)].tooltip;
    ImGui::TextUnformatted(tip.data(), tip.data() + tip.size());
    ImGui::Separator();
  }
  Label label{};
  write_label(frame.format_x, at, frame.x_ticks.step * kHoverStepFraction, label);
  ImGui::TextUnformatted(label.data());
  for (std::size_t k = 0; k < lines.size(); ++k) {
    const Line& line = lines[k];
    const std::size_t n = std::min(line.x.size(), line.y.size());
    const std::size_t i = nearest_index(line.x.first(n), at);
    if (i == n) continue;
    const double y = line.y[i];
    const double px = frame.pixel_x(line.x[i]), py = frame.pixel_y(y);
    if (px >= frame.min.x && px <= frame.max.x && py >= frame.min.y && py <= frame.max.y) {
      draw_list.AddCircleFilled({static_cast<float>(px), static_cast<float>(py)},
                                2.0f * frame.line_thickness + 1.0f, line.color);
    }
    write_label(frame.format_y, y, frame.y_ticks.step * kHoverStepFraction, label);
    ImGui::PushID(static_cast<int>(k));
    ImGui::ColorButton("##swatch", ImGui::ColorConvertU32ToFloat4(line.color),
                       ImGuiColorEditFlags_NoTooltip | ImGuiColorEditFlags_NoDragDrop,
                       ImVec2(frame.font_size, frame.font_size));
    ImGui::PopID();
    ImGui::SameLine();
    if (!line.label.empty()) {
      ImGui::TextUnformatted(line.label.data(), line.label.data() + line.label.size());
      ImGui::SameLine();
    }
    ImGui::TextUnformatted(label.data());
  }
  ImGui::EndTooltip();
}

}  // namespace lf::ui::plot
