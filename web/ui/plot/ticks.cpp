// See ticks.hpp.
#include "ui/plot/ticks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace lf::ui::plot {

double nice_step(double range_width, int max_ticks) {
  const double raw = range_width / std::max(max_ticks, 1);
  const int exponent = static_cast<int>(std::floor(std::log10(raw)));
  // 10^|k| is exact for the exponents that matter; dividing by it for k < 0
  // gives the correctly rounded 0.001 or 0.0005, which multiplying by a
  // rounded 1e-3 would not.
  const double power = std::pow(10.0, std::abs(exponent));
  for (const double mantissa : {1.0, 2.0, 5.0}) {
    const double step = exponent < 0 ? mantissa / power : mantissa * power;
    if (step >= raw) return step;
  }
  // 10 x 10^k: log10 rounded down just below an exact power of ten.
  return exponent < 0 ? 10.0 / power : 10.0 * power;
}

Ticks ticks_for(Range r, int max_ticks) {
  Ticks ticks;
  ticks.step = nice_step(width(r), max_ticks);
  ticks.first_multiple = std::ceil(r.min / ticks.step);
  const double last_multiple = std::floor(r.max / ticks.step);
  ticks.count = static_cast<int>(std::max(0.0, last_multiple - ticks.first_multiple + 1));
  // A range far from zero, with a step at the limit of double precision,
  // could yield extra multiples through rounding; never exceed the budget.
  ticks.count = std::min(ticks.count, max_ticks + 1);
  return ticks;
}

void format_tick(double value, double step, std::span<char> out) {
  if (out.empty()) return;
  if (std::abs(value) < step * 1e-9) value = 0.0;
  if (std::abs(value) >= 1e10 || step < 1e-6) {
    // Significant digits: from the value's leading digit down to the step's.
    const int lead = value == 0.0 ? 0 : static_cast<int>(std::floor(std::log10(std::abs(value))));
    const int last = static_cast<int>(std::floor(std::log10(step)));
    std::snprintf(out.data(), out.size(), "%.*e", std::clamp(lead - last, 0, 16), value);
    return;
  }
  const int decimals = std::clamp(static_cast<int>(std::ceil(-std::log10(step) - 1e-9)), 0, 16);
  std::snprintf(out.data(), out.size(), "%.*f", decimals, value);
}

}  // namespace lf::ui::plot
