#include "ui/panels/heat_map.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "ui/panels/analysis_widgets.hpp"

namespace lf::ui {
namespace {

struct Rgb {
  float r, g, b;
};

// Anchors of the scale, evenly spaced in t; colours between them are
// interpolated linearly.
constexpr std::array<Rgb, 5> kAnchors{{{0.08f, 0.11f, 0.30f},
                                       {0.14f, 0.32f, 0.55f},
                                       {0.13f, 0.56f, 0.55f},
                                       {0.48f, 0.78f, 0.35f},
                                       {0.99f, 0.91f, 0.45f}}};

constexpr float kLegendSteps = 48.0f;

}  // namespace

ImU32 heat_colour(double t) {
  if (std::isnan(t)) return IM_COL32(110, 110, 110, 255);
  const double clamped = std::clamp(t, 0.0, 1.0) * static_cast<double>(kAnchors.size() - 1);
  const std::size_t low = std::min(static_cast<std::size_t>(clamped), kAnchors.size() - 2);
  const float f = static_cast<float>(clamped - static_cast<double>(low));
  const Rgb& a = kAnchors[low];
  const Rgb& b = kAnchors[low + 1];
  return ImGui::ColorConvertFloat4ToU32(
      {a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f, 1.0f});
}

HeatMapCell draw_heat_map(std::span<const std::string> labels,
                          const std::vector<std::vector<double>>& values, double scale_max,
                          std::string_view unit, bool blank_diagonal) {
  HeatMapCell hovered;
  const int n = static_cast<int>(labels.size());
  if (n == 0) return hovered;
  // Rows are labelled "index name"; columns by index alone, which keeps the
  // grid square whatever the names' lengths.
  std::vector<std::string> rows;
  float label_width = 0.0f;
  for (int i = 0; i < n; ++i) {
    rows.push_back(std::to_string(i) + " " + labels[static_cast<std::size_t>(i)]);
    label_width = std::max(label_width, ImGui::CalcTextSize(rows.back().c_str()).x);
  }
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float available = ImGui::GetContentRegionAvail().x - label_width - 8.0f;
  const float cell = std::clamp(available / static_cast<float>(n), line, 4.0f * line);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 grid{origin.x + label_width + 8.0f, origin.y + line};
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);

  for (int j = 0; j < n; ++j) {
    const std::string index = std::to_string(j);
    draw->AddText({grid.x + cell * static_cast<float>(j) + 2.0f, origin.y}, dim, index.c_str());
  }
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  for (int i = 0; i < n; ++i) {
    const float y = grid.y + cell * static_cast<float>(i);
    draw->AddText({origin.x, y + (cell - ImGui::GetFontSize()) * 0.5f}, text,
                  rows[static_cast<std::size_t>(i)].c_str());
    for (int j = 0; j < n; ++j) {
      const ImVec2 a{grid.x + cell * static_cast<float>(j), y};
      const ImVec2 b{a.x + cell - 1.0f, a.y + cell - 1.0f};
      if (blank_diagonal && i == j) {
        draw->AddRect(a, b, dim);
        continue;
      }
      const double v = values[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
      draw->AddRectFilled(a, b, heat_colour(scale_max > 0.0 ? v / scale_max : 0.0));
      if (ImGui::IsWindowHovered() && mouse.x >= a.x && mouse.x < b.x && mouse.y >= a.y &&
          mouse.y < b.y) {
        hovered = {i, j};
        draw->AddRect(a, b, IM_COL32_WHITE, 0.0f, 0, 2.0f);
      }
    }
  }
  ImGui::Dummy({label_width + 8.0f + cell * static_cast<float>(n),
                line + cell * static_cast<float>(n) + 4.0f});

  // The legend: the scale from 0 to scale_max.
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float width = std::min(ImGui::GetContentRegionAvail().x * 0.6f, 240.0f);
  const float step = width / kLegendSteps;
  for (int k = 0; k < static_cast<int>(kLegendSteps); ++k) {
    const float x = at.x + step * static_cast<float>(k);
    draw->AddRectFilled({x, at.y}, {x + step + 0.5f, at.y + line * 0.6f},
                        heat_colour(static_cast<double>(k) / (kLegendSteps - 1.0f)));
  }
  ImGui::Dummy({width, line * 0.6f});
  const std::string max_label = format_number(scale_max, 3) + " " + std::string(unit);
  ImGui::TextDisabled("0");
  ImGui::SameLine(std::max(0.0f, width - ImGui::CalcTextSize(max_label.c_str()).x));
  ImGui::TextDisabled("%s", max_label.c_str());
  return hovered;
}

}  // namespace lf::ui
