// Small ImGui pieces the four analysis panels (fusion, causal, risk,
// verification) share, so every figure is labelled, explained and coloured
// the same way, and every API error reads the same.
#pragma once

#include <imgui.h>

#include <span>
#include <string>
#include <string_view>

#include "ui/panels/route_call.hpp"
#include "ui/workspace.hpp"

namespace lf::ui {

// Status colours: good (accepted, closed, normal), caution (escalated,
// half-open, reduced) and bad (contested, rejected, open, emergency).
inline constexpr ImU32 kGoodColour = IM_COL32(46, 160, 67, 255);
inline constexpr ImU32 kCautionColour = IM_COL32(212, 150, 20, 255);
inline constexpr ImU32 kBadColour = IM_COL32(205, 45, 45, 255);
inline constexpr ImU32 kNeutralColour = IM_COL32(90, 98, 112, 255);

// A tooltip for the item just drawn, while it is hovered.
void explain_last_item(std::string_view text);
// A dim "(?)" on the current line whose tooltip is `text`.
void help_marker(std::string_view text);
// A filled label such as CONTESTED or REJECTED, with a tooltip.
void badge(std::string_view label, ImU32 colour, std::string_view tooltip = {});
// "<label>: <value> <unit>" on one line, the tooltip on the whole line.
void figure(std::string_view label, std::string_view value, std::string_view tooltip);
// An API error, inline and in red: "code: message", with the route and
// status in its tooltip. Nothing when the reply did not fail.
void route_error(const RouteReply& reply);
// An error the panel found itself (before calling the API), in the same red.
void inline_error(std::string_view code, std::string_view message);

// A named choice with the sentence that explains it (a combination rule, an
// estimator, ...).
struct ExplainedOption {
  const char* name;
  const char* explanation;
};

// A combo over `options` whose entries explain themselves on hover; true when
// `selected` (an index into `options`) changed.
bool explained_combo(const char* label, std::span<const ExplainedOption> options, int& selected);

// A combo of the workspace's series; `selected` holds the chosen name and
// falls back to the first series when that name is gone. Null when the
// workspace is empty.
const Series* series_combo(const char* label, const Workspace& workspace, std::string& selected);

// A number for display: up to `digits` significant digits, "n/a" for NaN
// (the built-in font has Latin-1 glyphs only: labels spell Psi, Theta, ->).
std::string format_number(double value, int digits = 4);

}  // namespace lf::ui
