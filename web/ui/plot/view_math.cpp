// See view_math.hpp.
#include "ui/plot/view_math.hpp"

#include <algorithm>
#include <cmath>

namespace lf::ui::plot {

Range clamp_range(Range r) {
  if (!std::isfinite(r.min) || !std::isfinite(r.max)) return Range{};
  r.min = std::clamp(r.min, -kValueLimit, kValueLimit);
  r.max = std::clamp(r.max, -kValueLimit, kValueLimit);
  if (r.min > r.max) std::swap(r.min, r.max);
  const double centre = r.min / 2 + r.max / 2;  // halves first: no overflow
  const double narrowest = std::max(std::abs(centre) * kMinRelativeWidth, kMinAbsoluteWidth);
  if (width(r) < narrowest) {
    r.min = centre - narrowest / 2;
    r.max = centre + narrowest / 2;
  }
  return r;
}

double to_pixel(double value, Range r, double pixel_min, double pixel_max) {
  return pixel_min + (value - r.min) / width(r) * (pixel_max - pixel_min);
}

double to_value(double pixel, Range r, double pixel_min, double pixel_max) {
  return r.min + (pixel - pixel_min) / (pixel_max - pixel_min) * width(r);
}

Range zoom_about(Range r, double anchor, double factor) {
  return clamp_range({anchor - (anchor - r.min) * factor, anchor + (r.max - anchor) * factor});
}

double wheel_zoom_factor(double wheel_steps) {
  return std::pow(kWheelZoomStep, wheel_steps);
}

Range pan_by_pixels(Range r, double pixels, double pixel_span) {
  const double shift = -pixels * width(r) / pixel_span;
  return clamp_range({r.min + shift, r.max + shift});
}

Range range_between_pixels(Range r, double pixel_a, double pixel_b, double pixel_min,
                           double pixel_max) {
  const double a = to_value(pixel_a, r, pixel_min, pixel_max);
  const double b = to_value(pixel_b, r, pixel_min, pixel_max);
  return clamp_range({std::min(a, b), std::max(a, b)});
}

Range fit_range(double lo, double hi, double margin) {
  lo = std::clamp(lo, -kValueLimit, kValueLimit);  // keeps hi - lo finite
  hi = std::clamp(hi, -kValueLimit, kValueLimit);
  if (lo == hi) {
    const double half = lo == 0.0 ? 0.5 : std::abs(lo) * kDegenerateHalfWidth;
    lo -= half;
    hi += half;
  }
  const double pad = (hi - lo) * margin;
  return clamp_range({lo - pad, hi + pad});
}

IndexRange visible_indices(std::span<const double> x, Range r) {
  const auto first = std::lower_bound(x.begin(), x.end(), r.min);
  const auto last = std::upper_bound(first, x.end(), r.max);
  return {static_cast<std::size_t>(first - x.begin()), static_cast<std::size_t>(last - x.begin())};
}

std::size_t nearest_index(std::span<const double> x, double at) {
  if (x.empty()) return x.size();
  const std::size_t after =
      static_cast<std::size_t>(std::lower_bound(x.begin(), x.end(), at) - x.begin());
  if (after == 0) return 0;
  if (after == x.size()) return x.size() - 1;
  return at - x[after - 1] <= x[after] - at ? after - 1 : after;
}

}  // namespace lf::ui::plot
