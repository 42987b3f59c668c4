// Axis ticks at "nice" values and their labels.
//
// The rule (the one used by most plotting libraries): for at most `max_ticks`
// intervals over a range of width w, the step is the smallest of
// {1, 2, 5} x 10^k that is >= w / max_ticks; ticks sit at the integer
// multiples of the step inside the range. Examples: [0, 7.3] with 5 ticks ->
// step 2 (7.3 / 5 = 1.46), with 8 -> step 1; [0.001, 0.0042] with 5 ->
// 0.001, with 8 -> 0.0005.
#pragma once

#include <cstddef>
#include <span>

#include "ui/plot/view_math.hpp"

namespace lf::ui::plot {

// The smallest {1, 2, 5} x 10^k >= range_width / max_ticks. range_width > 0,
// max_ticks >= 1.
double nice_step(double range_width, int max_ticks);

// Ticks k * step for k = first_multiple .. first_multiple + count - 1, all
// within the range. Values are computed as multiple * step (not by repeated
// addition) so that they do not drift.
struct Ticks {
  double step = 1.0;
  double first_multiple = 0.0;
  int count = 0;
  double value(int i) const { return (first_multiple + i) * step; }
};
Ticks ticks_for(Range r, int max_ticks);

// Writes a label for a tick `value` on an axis with tick `step` into `out`
// (always NUL-terminated when out is non-empty): as many decimals as the step
// needs (step 0.05 -> 2, step 5 -> 0), scientific notation when values are
// huge (>= 1e10) or steps tiny (< 1e-6). A value within step * 1e-9 of zero is
// written as 0 (never "-0.00").
void format_tick(double value, double step, std::span<char> out);

// Custom label writer, e.g. for timestamps. Same contract as format_tick.
using TickFormatter = void (*)(double value, double step, std::span<char> out);

}  // namespace lf::ui::plot
