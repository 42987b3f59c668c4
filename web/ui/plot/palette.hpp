// Series colours: a fixed qualitative palette (Tableau 10), distinguishable
// on both dark and light ImGui styles, so the same series keeps the same
// colour across plots and sessions.
#pragma once

#include <imgui.h>

#include <cstddef>

namespace lf::ui::plot {

inline constexpr std::size_t kPaletteSize = 10;

// Colour of series i; wraps around after kPaletteSize series.
ImU32 palette_color(std::size_t i);

}  // namespace lf::ui::plot
