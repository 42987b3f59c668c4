// The dashboard's look, shared by both shells: a dark theme, and fonts and
// spacing scaled for the display (the browser's devicePixelRatio, the
// desktop monitor's content scale) so text stays sharp on HiDPI screens.
#pragma once

namespace lf::ui {

// Resets the style to the theme at `scale` and rebuilds the font atlas; the
// caller recreates its renderer's font texture afterwards.
void apply_theme(float scale);

}  // namespace lf::ui
