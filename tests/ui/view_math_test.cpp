// View arithmetic against analytic results.
#include "ui/plot/view_math.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

using namespace lf::ui::plot;

TEST_SUITE("plot_view") {
  TEST_CASE("pixel <-> value, including an inverted (y) axis") {
    const Range r{10.0, 30.0};
    CHECK(to_pixel(10.0, r, 100.0, 500.0) == 100.0);
    CHECK(to_pixel(30.0, r, 100.0, 500.0) == 500.0);
    CHECK(to_pixel(15.0, r, 100.0, 500.0) == 200.0);
    // y: range.min at the bottom (pixel 500), range.max at the top (100).
    CHECK(to_pixel(15.0, r, 500.0, 100.0) == 400.0);
    CHECK(to_value(400.0, r, 500.0, 100.0) == 15.0);
    CHECK(to_value(to_pixel(12.345, r, 3.0, 777.0), r, 3.0, 777.0) == doctest::Approx(12.345));
  }

  TEST_CASE("zoom keeps the anchor under the cursor") {
    // Analytic: about the centre, factor 0.5 halves the range around it.
    const Range half = zoom_about({0.0, 10.0}, 5.0, 0.5);
    CHECK(half.min == 2.5);
    CHECK(half.max == 7.5);
    // The anchor's pixel is unchanged for any anchor and factor.
    const Range r{-3.0, 17.0};
    for (double anchor : {-3.0, 0.0, 4.2, 17.0}) {
      for (double factor : {0.8, 1.25, 0.01, 3.0}) {
        const Range z = zoom_about(r, anchor, factor);
        CHECK(to_pixel(anchor, z, 50.0, 850.0) ==
              doctest::Approx(to_pixel(anchor, r, 50.0, 850.0)));
        CHECK(width(z) == doctest::Approx(width(r) * factor));
      }
    }
  }

  TEST_CASE("wheel notches multiply the zoom factor") {
    CHECK(wheel_zoom_factor(0.0) == 1.0);
    CHECK(wheel_zoom_factor(1.0) == doctest::Approx(kWheelZoomStep));
    CHECK(wheel_zoom_factor(2.0) == doctest::Approx(kWheelZoomStep * kWheelZoomStep));
    CHECK(wheel_zoom_factor(-1.0) == doctest::Approx(1.0 / kWheelZoomStep));
  }

  TEST_CASE("pan by N pixels moves the range by N * width / pixels, against the drag") {
    const Range p = pan_by_pixels({0.0, 10.0}, 50.0, 200.0);
    CHECK(p.min == -2.5);
    CHECK(p.max == 7.5);
    const Range r{100.0, 260.0};
    for (double pixels : {-37.0, 1.0, 640.0}) {
      const Range moved = pan_by_pixels(r, pixels, 800.0);
      CHECK(moved.min - r.min == doctest::Approx(-pixels * 160.0 / 800.0));
      CHECK(width(moved) == doctest::Approx(width(r)));
    }
  }

  TEST_CASE("box zoom maps a pixel rectangle to the exact values") {
    const Range r{0.0, 100.0};
    const Range x = range_between_pixels(r, 150.0, 250.0, 100.0, 300.0);
    CHECK(x.min == 25.0);
    CHECK(x.max == 75.0);
    const Range reversed = range_between_pixels(r, 250.0, 150.0, 100.0, 300.0);
    CHECK(reversed.min == 25.0);
    CHECK(reversed.max == 75.0);
    // y axis (bottom pixel 300 = r.min): pixel 150 is 75, pixel 250 is 25.
    const Range y = range_between_pixels(r, 150.0, 250.0, 300.0, 100.0);
    CHECK(y.min == 25.0);
    CHECK(y.max == 75.0);
  }

  TEST_CASE("fit to data with a margin, and degenerate data") {
    const Range f = fit_range(0.0, 10.0, 0.1);
    CHECK(f.min == -1.0);
    CHECK(f.max == 11.0);
    // A constant series gets a non-zero width: 100 +- 5%.
    const Range constant = fit_range(100.0, 100.0, 0.0);
    CHECK(constant.min == 95.0);
    CHECK(constant.max == 105.0);
    const Range zero = fit_range(0.0, 0.0, 0.0);
    CHECK(zero.min == -0.5);
    CHECK(zero.max == 0.5);
    const Range negative = fit_range(-4.0, -4.0, 0.0);
    CHECK(negative.min == doctest::Approx(-4.2));
    CHECK(negative.max == doctest::Approx(-3.8));
    // Data spanning the whole double range still gives a finite width.
    const Range huge = fit_range(-1e308, 1e308, 0.1);
    CHECK(std::isfinite(width(huge)));
    CHECK(width(huge) > 0.0);
  }

  TEST_CASE("clamp_range: no zero, reversed or non-finite ranges") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    CHECK(clamp_range({nan, 1.0}).min == 0.0);
    CHECK(clamp_range({nan, 1.0}).max == 1.0);
    CHECK(clamp_range({0.0, inf}).max == 1.0);
    const Range swapped = clamp_range({5.0, 2.0});
    CHECK(swapped.min == 2.0);
    CHECK(swapped.max == 5.0);
    // Zero width about 1e9: widened to 1e9 * kMinRelativeWidth = 0.1, centred.
    const Range point = clamp_range({1e9, 1e9});
    CHECK(width(point) == doctest::Approx(0.1));
    CHECK(point.min + width(point) / 2 == doctest::Approx(1e9));
    const Range at_zero = clamp_range({0.0, 0.0});
    CHECK(width(at_zero) == doctest::Approx(kMinAbsoluteWidth));
    const Range wide = clamp_range({-1.7e308, 1.7e308});
    CHECK(wide.min == -kValueLimit);
    CHECK(wide.max == kValueLimit);
    // Zooming in forever stops at the narrowest range.
    Range r{0.0, 1.0};
    for (int i = 0; i < 5000; ++i) r = zoom_about(r, 0.5, 0.5);
    CHECK(width(r) > 0.0);
    CHECK(to_pixel(0.5, r, 0.0, 1000.0) == doctest::Approx(500.0));
  }

  TEST_CASE("nearest sample for a hover x") {
    const std::vector<double> x = {0.0, 1.0, 2.0, 4.0, 8.0};
    CHECK(nearest_index(x, -5.0) == 0);
    CHECK(nearest_index(x, 0.0) == 0);
    CHECK(nearest_index(x, 1.4) == 1);
    CHECK(nearest_index(x, 1.6) == 2);
    CHECK(nearest_index(x, 3.0) == 2);  // tie between 2 and 4: the earlier
    CHECK(nearest_index(x, 3.1) == 3);
    CHECK(nearest_index(x, 6.0) == 3);  // tie between 4 and 8
    CHECK(nearest_index(x, 100.0) == 4);
    CHECK(nearest_index({}, 1.0) == 0);
    // Repeated timestamps: the first of them.
    const std::vector<double> repeated = {1.0, 2.0, 2.0, 2.0, 3.0};
    CHECK(nearest_index(repeated, 2.0) == 1);
  }

  TEST_CASE("visible samples by binary search") {
    const std::vector<double> x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    const IndexRange inside = visible_indices(x, {2.5, 6.0});
    CHECK(inside.first == 3);
    CHECK(inside.last == 7);  // x == 6 is visible
    CHECK(visible_indices(x, {20.0, 30.0}).size() == 0);
    CHECK(visible_indices(x, {-5.0, 100.0}).size() == 10);
  }
}
