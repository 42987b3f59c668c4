// Pure arithmetic of a plot's view: value ranges, the pixel <-> value
// mapping, and what zoom, pan, box zoom and fit do to a range. No ImGui here,
// so every interaction's effect is testable as plain arithmetic.
//
// Pixel coordinates are doubles in ImGui's screen space. A range maps onto a
// pixel span [pixel_min, pixel_max] with range.min at pixel_min; the y axis
// simply passes (bottom, top), so larger values go up.
#pragma once

#include <cstddef>
#include <span>

namespace lf::ui::plot {

struct Range {
  double min = 0.0, max = 1.0;
};

inline double width(Range r) {
  return r.max - r.min;
}

// Half-open index interval [first, last) into a series.
struct IndexRange {
  std::size_t first = 0, last = 0;
  std::size_t size() const { return last - first; }
};

// Endpoints are kept within +-kValueLimit so that every width stays finite.
inline constexpr double kValueLimit = 1e300;
// The narrowest range kept around a centre c is max(|c| * kMinRelativeWidth,
// kMinAbsoluteWidth): a range narrower than a few hundred units in the last
// place of its centre could no longer give a thousand pixel columns distinct
// values.
inline constexpr double kMinRelativeWidth = 1e-10;
inline constexpr double kMinAbsoluteWidth = 1e-200;

// Makes any range usable: non-finite endpoints give the default Range{};
// endpoints are clamped to +-kValueLimit, swapped if reversed, and a range
// narrower than the limit above is widened symmetrically about its centre.
Range clamp_range(Range r);

// value -> pixel, and its inverse. `r` must have a non-zero width (see
// clamp_range).
double to_pixel(double value, Range r, double pixel_min, double pixel_max);
double to_value(double pixel, Range r, double pixel_min, double pixel_max);

// Scales the range about `anchor` by `factor` (< 1 zooms in): the anchor's
// relative position, hence its pixel, is unchanged, which is what keeps the
// value under the mouse cursor still during wheel zoom. Result clamped.
Range zoom_about(Range r, double anchor, double factor);

// Zoom factor for `wheel_steps` notches of the mouse wheel (positive = away
// from the user = zoom in): kWheelZoomStep per notch.
inline constexpr double kWheelZoomStep = 0.8;
double wheel_zoom_factor(double wheel_steps);

// The range after the content was dragged by `pixels` along an axis whose
// range spans `pixel_span` pixels (positive = towards pixel_max): the content
// follows the mouse, so the range moves by -pixels * width / pixel_span.
Range pan_by_pixels(Range r, double pixels, double pixel_span);

// Box zoom: the values under two pixel positions (in any order), as a range.
Range range_between_pixels(Range r, double pixel_a, double pixel_b, double pixel_min,
                           double pixel_max);

// The range showing data [lo, hi] with `margin` (a fraction of the width) on
// each side. A single value v (lo == hi) gets [v - h, v + h] with
// h = |v| * kDegenerateHalfWidth, or 0.5 when v == 0, before the margin: a
// constant series still gets a readable, non-zero range. Result clamped.
inline constexpr double kDegenerateHalfWidth = 0.05;
Range fit_range(double lo, double hi, double margin);

// Samples of an ascending series x with r.min <= x <= r.max (binary search).
IndexRange visible_indices(std::span<const double> x, Range r);

// Index of the sample of ascending x nearest to `at` (the earlier one on a
// tie); x.size() when x is empty. O(log n).
std::size_t nearest_index(std::span<const double> x, double at);

}  // namespace lf::ui::plot
