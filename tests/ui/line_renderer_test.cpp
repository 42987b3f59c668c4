// Tracing decimated lines into screen polylines, against hand-derived pixel
// positions: a 100 x 100 pixel plot at the origin showing [0, 10] x [0, 10],
// so value v is at pixel x = 10 v and pixel y = 100 - 10 v.
#include "ui/plot/line_renderer.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace lf::ui::plot;

namespace {

PlotFrame hundred_pixels() {
  PlotFrame frame;
  frame.min = ImVec2(0.0f, 0.0f);
  frame.max = ImVec2(100.0f, 100.0f);
  frame.x = {0.0, 10.0};
  frame.y = {0.0, 10.0};
  return frame;
}

void check_point(ImVec2 p, float x, float y) {
  CHECK(p.x == doctest::Approx(x));
  CHECK(p.y == doctest::Approx(y));
}

}  // namespace

TEST_SUITE("plot_trace") {
  TEST_CASE("raw samples map to pixels, y upwards") {
    Decimation line;
    line.raw = {{1.0, 2.0}, {5.0, 5.0}, {9.0, 3.0}};
    Polylines out;
    trace_line(hundred_pixels(), line, out);
    REQUIRE(out.sizes.size() == 1);
    REQUIRE(out.points.size() == 3);
    check_point(out.points[0], 10.0f, 80.0f);
    check_point(out.points[1], 50.0f, 50.0f);
    check_point(out.points[2], 90.0f, 70.0f);
    CHECK_FALSE(out.dot);
  }

  TEST_CASE("far neighbours are clipped without bending the visible segment") {
    // The line y = x, entering from a sample a million units away.
    Decimation line;
    line.has_before = true;
    line.before = {-1e6, -1e6};
    line.raw = {{5.0, 5.0}};
    line.has_after = true;
    line.after = {1e12, 1e12};
    Polylines out;
    trace_line(hundred_pixels(), line, out);
    REQUIRE(out.sizes.size() == 1);
    REQUIRE(out.points.size() == 3);
    for (const ImVec2& p : out.points) {
      CHECK(p.y == doctest::Approx(100.0f - p.x));  // still on y = x
      CHECK(std::abs(p.x) < 200.0f);                // clipped near the plot
    }
    check_point(out.points[1], 50.0f, 50.0f);
  }

  TEST_CASE("segments outside the plot cost nothing and split the line") {
    // Up out of the view and back: two pieces, nothing drawn above it.
    Decimation line;
    line.raw = {{1.0, 5.0}, {2.0, 5.0}, {3.0, 1e9}, {4.0, 1e9}, {5.0, 5.0}, {6.0, 5.0}};
    Polylines out;
    trace_line(hundred_pixels(), line, out);
    REQUIRE(out.sizes.size() == 2);
    for (const ImVec2& p : out.points) CHECK(p.y > -20.0f);

    Decimation above;
    above.raw = {{1.0, 50.0}, {9.0, 60.0}};
    trace_line(hundred_pixels(), above, out);
    CHECK(out.sizes.empty());
    CHECK(out.points.empty());
    CHECK_FALSE(out.dot);
  }

  TEST_CASE("a single visible sample is a dot") {
    Decimation line;
    line.raw = {{3.0, 4.0}};
    Polylines out;
    trace_line(hundred_pixels(), line, out);
    CHECK(out.sizes.empty());
    REQUIRE(out.dot);
    check_point(out.dot_at, 30.0f, 60.0f);
  }

  TEST_CASE("a lone dense column: first, min and max at the centre, last") {
    // 100 columns of 0.1: column 10 spans x in [1.0, 1.1), centre pixel 10.5.
    Decimation line;
    line.columns = {{10, {1.02, 3.0}, {1.08, 4.0}, Extent{1.0, 9.0}}};
    Polylines out;
    trace_line(hundred_pixels(), line, out);
    REQUIRE(out.points.size() == 4);
    check_point(out.points[0], 10.2f, 70.0f);
    check_point(out.points[1], 10.5f, 90.0f);  // rising: min first
    check_point(out.points[2], 10.5f, 10.0f);
    check_point(out.points[3], 10.8f, 60.0f);
  }

  TEST_CASE("adjacent dense columns draw only their strokes inside the run") {
    Decimation line;
    line.columns = {{10, {1.02, 3.0}, {1.08, 4.0}, Extent{1.0, 9.0}},
                    {11, {1.12, 4.0}, {1.18, 2.0}, Extent{0.5, 8.0}}};
    Polylines out;
    trace_line(hundred_pixels(), line, out);
    REQUIRE(out.points.size() == 6);
    check_point(out.points[0], 10.2f, 70.0f);  // entry: first sample of the run
    check_point(out.points[1], 10.5f, 90.0f);
    check_point(out.points[2], 10.5f, 10.0f);
    check_point(out.points[3], 11.5f, 20.0f);  // falling: max first
    check_point(out.points[4], 11.5f, 95.0f);
    check_point(out.points[5], 11.8f, 80.0f);  // exit: last sample of the run
  }

  TEST_CASE("a column whose first and last samples reach its extremes draws them") {
    Decimation line;
    line.columns = {{10, {1.02, 3.0}, {1.08, 7.0}, Extent{3.0, 7.0}}};
    Polylines out;
    trace_line(hundred_pixels(), line, out);
    REQUIRE(out.points.size() == 2);
    check_point(out.points[0], 10.2f, 70.0f);
    check_point(out.points[1], 10.8f, 30.0f);
  }
}
