#include "ui/panels/graph_drawing.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "ui/panels/heat_map.hpp"

namespace lf::ui {
namespace {

constexpr float kMaxEdgeWidth = 7.0f;

float length(ImVec2 v) {
  return std::sqrt(v.x * v.x + v.y * v.y);
}

// Distance from p to the segment a-b.
float distance_to_segment(ImVec2 p, ImVec2 a, ImVec2 b) {
  const ImVec2 ab{b.x - a.x, b.y - a.y};
  const float span = ab.x * ab.x + ab.y * ab.y;
  const float t =
      span > 0.0f ? std::clamp(((p.x - a.x) * ab.x + (p.y - a.y) * ab.y) / span, 0.0f, 1.0f) : 0.0f;
  return length({p.x - (a.x + ab.x * t), p.y - (a.y + ab.y * t)});
}

}  // namespace

std::vector<ImVec2> circle_layout(std::size_t nodes, ImVec2 centre, float radius) {
  std::vector<ImVec2> out;
  for (std::size_t i = 0; i < nodes; ++i) {
    const double angle = -std::numbers::pi / 2.0 + 2.0 * std::numbers::pi * static_cast<double>(i) /
                                                       static_cast<double>(nodes);
    out.push_back({centre.x + radius * static_cast<float>(std::cos(angle)),
                   centre.y + radius * static_cast<float>(std::sin(angle))});
  }
  return out;
}

float edge_width(double te, double te_max, float max_width) {
  if (!(te_max > 0.0)) return 1.0f;
  const double share = std::clamp(te / te_max, 0.0, 1.0);
  return 1.0f + static_cast<float>(share) * (max_width - 1.0f);
}

int draw_causal_graph(std::span<const std::string> names, std::span<const causal::Edge> edges,
                      double te_max, float side) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy({side, side});
  const bool hovering = ImGui::IsItemHovered();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float node_radius = std::max(6.0f, side * 0.035f);
  const ImVec2 centre{origin.x + side * 0.5f, origin.y + side * 0.5f};
  const std::vector<ImVec2> at = circle_layout(names.size(), centre, side * 0.34f);
  const ImVec2 mouse = ImGui::GetIO().MousePos;

  int hovered = -1;
  float nearest = 6.0f;  // px: how close the mouse must be to pick an edge
  for (std::size_t k = 0; k < edges.size(); ++k) {
    const causal::Edge& e = edges[k];
    if (e.source >= at.size() || e.target >= at.size()) continue;
    const ImVec2 a = at[e.source], b = at[e.target];
    const ImVec2 d{b.x - a.x, b.y - a.y};
    const float len = length(d);
    if (len <= 2.0f * node_radius) continue;
    const ImVec2 u{d.x / len, d.y / len};
    // Offset to the edge's right-hand side: i -> j and j -> i separate.
    const ImVec2 side_shift{-u.y * 4.0f, u.x * 4.0f};
    const ImVec2 from{a.x + u.x * node_radius + side_shift.x,
                      a.y + u.y * node_radius + side_shift.y};
    const ImVec2 to{b.x - u.x * node_radius + side_shift.x, b.y - u.y * node_radius + side_shift.y};
    const float width = edge_width(e.te, te_max, kMaxEdgeWidth);
    const float head = 6.0f + width;
    const ImVec2 base{to.x - u.x * head, to.y - u.y * head};
    const ImU32 colour = heat_colour(te_max > 0.0 ? 0.35 + 0.65 * e.te / te_max : 0.35);
    draw->AddLine(from, base, colour, width);
    draw->AddTriangleFilled(to, {base.x - u.y * head * 0.5f, base.y + u.x * head * 0.5f},
                            {base.x + u.y * head * 0.5f, base.y - u.x * head * 0.5f}, colour);
    if (hovering) {
      const float distance = distance_to_segment(mouse, from, to);
      if (distance < nearest + width * 0.5f) {
        nearest = distance;
        hovered = static_cast<int>(k);
      }
    }
  }
  if (hovered >= 0) {
    const causal::Edge& e = edges[static_cast<std::size_t>(hovered)];
    draw->AddLine(at[e.source], at[e.target], IM_COL32(255, 255, 255, 90), 1.0f);
  }
  const ImU32 fill = ImGui::GetColorU32(ImGuiCol_Button);
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  for (std::size_t i = 0; i < at.size(); ++i) {
    draw->AddCircleFilled(at[i], node_radius, fill);
    draw->AddCircle(at[i], node_radius, text);
    // Labels outside the circle, pushed away from the centre.
    const ImVec2 size = ImGui::CalcTextSize(names[i].c_str());
    const ImVec2 out{at[i].x - centre.x, at[i].y - centre.y};
    const float r = std::max(length(out), 1.0f);
    const ImVec2 label{
        at[i].x + out.x / r * (node_radius + 4.0f) - size.x * 0.5f + out.x / r * size.x * 0.5f,
        at[i].y + out.y / r * (node_radius + 4.0f) - size.y * 0.5f + out.y / r * size.y * 0.5f};
    draw->AddText(label, text, names[i].c_str());
  }
  return hovered;
}

}  // namespace lf::ui
