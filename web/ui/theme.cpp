#include "ui/theme.hpp"

#include <imgui.h>

namespace lf::ui {

void apply_theme(float scale) {
  ImGuiStyle style;
  ImGui::StyleColorsDark(&style);
  style.WindowRounding = 3.0f;
  style.FrameRounding = 2.0f;
  style.WindowBorderSize = 1.0f;
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0.09f, 0.10f, 0.12f, 1.0f);
  style.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.14f, 0.20f, 0.30f, 1.0f);
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;

  // ImGui's built-in font, rasterised at the scaled size rather than
  // magnified, so glyphs are drawn at the screen's real resolution.
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig font;
  font.SizePixels = 13.0f * scale;
  font.OversampleH = 1;
  font.PixelSnapH = true;
  io.Fonts->AddFontDefault(&font);
  io.Fonts->Build();
}

}  // namespace lf::ui
