// Decimation against brute force: each column's samples found by comparing
// every x with the documented column edges e(c) = min + (max - min) * c / n.
#include "ui/plot/decimation.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

using namespace lf::ui::plot;

namespace {

double unit(std::mt19937_64& engine) {
  return static_cast<double>(engine() >> 11) * 0x1p-53;
}

// Ascending, non-uniform x: random steps, some repeated timestamps and a few
// long gaps that leave many columns empty.
struct Series {
  std::vector<double> x, y;
};
Series random_series(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 engine(seed);
  Series s;
  double x = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double r = unit(engine);
    x += r < 0.05 ? 0.0 : r > 0.999 ? 500.0 : r;
    s.x.push_back(x);
    s.y.push_back(std::sin(x * 0.01) * 100.0 + unit(engine) * 10.0);
  }
  return s;
}

struct ExpectedColumn {
  std::size_t column;
  std::size_t first, last;  // sample indices, inclusive
  double min, max;
};

std::vector<ExpectedColumn> brute_force(const Series& s, Range v, std::size_t columns) {
  std::vector<ExpectedColumn> expected;
  for (std::size_t c = 0; c < columns; ++c) {
    const double left = v.min + (v.max - v.min) * static_cast<double>(c) / columns;
    const double right =
        c + 1 == columns ? v.max : v.min + (v.max - v.min) * static_cast<double>(c + 1) / columns;
    ExpectedColumn column{c, 0, 0, INFINITY, -INFINITY};
    bool any = false;
    for (std::size_t i = 0; i < s.x.size(); ++i) {
      const bool inside =
          s.x[i] >= left && (s.x[i] < right || (c + 1 == columns && s.x[i] == v.max));
      if (!inside) continue;
      if (!any) column.first = i;
      any = true;
      column.last = i;
      column.min = std::min(column.min, s.y[i]);
      column.max = std::max(column.max, s.y[i]);
    }
    if (any) expected.push_back(column);
  }
  return expected;
}

void check_columns(const Series& s, Range v, std::size_t columns, const Decimation& out) {
  const std::vector<ExpectedColumn> expected = brute_force(s, v, columns);
  CHECK(out.raw.empty());
  REQUIRE(out.columns.size() == expected.size());
  for (std::size_t k = 0; k < expected.size(); ++k) {
    const ColumnSummary& got = out.columns[k];
    const ExpectedColumn& want = expected[k];
    CAPTURE(want.column);
    CHECK(got.column == want.column);
    CHECK(got.first.x == s.x[want.first]);
    CHECK(got.first.y == s.y[want.first]);
    CHECK(got.last.x == s.x[want.last]);
    CHECK(got.last.y == s.y[want.last]);
    CHECK(got.y.min == want.min);
    CHECK(got.y.max == want.max);
  }
}

}  // namespace

TEST_SUITE("plot_decimation") {
  TEST_CASE("column extents and first/last samples equal brute force") {
    const Series s = random_series(20'000, 1);
    const MinMaxPyramid pyramid(s.y);
    std::mt19937_64 engine(2);
    Decimation with_pyramid, scanned;
    for (int trial = 0; trial < 20; ++trial) {
      double a = unit(engine) * s.x.back(), b = unit(engine) * s.x.back();
      if (a > b) std::swap(a, b);
      const Range visible{a, b};
      const std::size_t columns = 1 + engine() % 200;
      decimate(s.x, s.y, &pyramid, visible, columns, with_pyramid);
      const std::size_t shown = visible_indices(s.x, visible).size();
      CAPTURE(a);
      CAPTURE(b);
      CAPTURE(columns);
      if (shown < columns) {
        CHECK(with_pyramid.columns.empty());
        CHECK(with_pyramid.raw.size() == shown);
        continue;
      }
      check_columns(s, visible, columns, with_pyramid);
      // Without a pyramid the columns are scanned: same answer.
      decimate(s.x, s.y, nullptr, visible, columns, scanned);
      check_columns(s, visible, columns, scanned);
    }
  }

  TEST_CASE("a whole series with samples exactly on the range ends") {
    const Series s = random_series(5'000, 3);
    const MinMaxPyramid pyramid(s.y);
    const Range visible{s.x.front(), s.x.back()};
    Decimation out;
    decimate(s.x, s.y, &pyramid, visible, 300, out);
    check_columns(s, visible, 300, out);
    CHECK_FALSE(out.has_before);
    CHECK_FALSE(out.has_after);
  }

  TEST_CASE("hand example: two columns of eight samples") {
    const std::vector<double> x = {0, 1, 2, 3, 4, 5, 6, 7};
    const std::vector<double> y = {3, 1, 4, 1, 5, 9, 2, 6};
    const MinMaxPyramid pyramid(y);
    Decimation out;
    decimate(x, y, &pyramid, {0.0, 8.0}, 2, out);  // edges 0, 4, 8
    REQUIRE(out.columns.size() == 2);
    CHECK(out.columns[0].column == 0);
    CHECK(out.columns[0].first.x == 0.0);
    CHECK(out.columns[0].first.y == 3.0);
    CHECK(out.columns[0].last.x == 3.0);
    CHECK(out.columns[0].last.y == 1.0);
    CHECK(out.columns[0].y.min == 1.0);
    CHECK(out.columns[0].y.max == 4.0);
    CHECK(out.columns[1].first.x == 4.0);
    CHECK(out.columns[1].last.x == 7.0);
    CHECK(out.columns[1].y.min == 2.0);
    CHECK(out.columns[1].y.max == 9.0);
  }

  TEST_CASE("a gap leaves its columns out and keeps the samples either side") {
    std::vector<double> x, y;
    for (int i = 0; i < 10; ++i) x.push_back(i), y.push_back(i);
    for (int i = 90; i < 100; ++i) x.push_back(i), y.push_back(-i);
    const MinMaxPyramid pyramid(y);
    Decimation out;
    decimate(x, y, &pyramid, {0.0, 100.0}, 10, out);
    // Columns 1..8 hold nothing: the line goes straight from (9, 9) to (90, -90).
    REQUIRE(out.columns.size() == 2);
    CHECK(out.columns[0].column == 0);
    CHECK(out.columns[0].last.x == 9.0);
    CHECK(out.columns[0].last.y == 9.0);
    CHECK(out.columns[1].column == 9);
    CHECK(out.columns[1].first.x == 90.0);
    CHECK(out.columns[1].first.y == -90.0);
  }

  TEST_CASE("sparse view: the raw visible samples and their outside neighbours") {
    std::vector<double> x, y;
    for (int i = 0; i < 100; ++i) x.push_back(i * 2.0), y.push_back(i * i);
    const MinMaxPyramid pyramid(y);
    Decimation out;
    decimate(x, y, &pyramid, {9.0, 21.0}, 50, out);  // x = 10, 12, ..., 20 visible
    CHECK(out.columns.empty());
    REQUIRE(out.raw.size() == 6);
    for (std::size_t k = 0; k < out.raw.size(); ++k) {
      CHECK(out.raw[k].x == 10.0 + 2.0 * k);
      CHECK(out.raw[k].y == (5.0 + k) * (5.0 + k));
    }
    REQUIRE(out.has_before);
    CHECK(out.before.x == 8.0);
    CHECK(out.before.y == 16.0);
    REQUIRE(out.has_after);
    CHECK(out.after.x == 22.0);
    CHECK(out.after.y == 121.0);
  }

  TEST_CASE("empty, one-point and constant series") {
    Decimation out;
    decimate({}, {}, nullptr, {0.0, 1.0}, 100, out);
    CHECK(out.raw.empty());
    CHECK(out.columns.empty());
    CHECK_FALSE(out.has_before);
    CHECK_FALSE(out.has_after);

    const std::vector<double> one_x = {5.0}, one_y = {-3.0};
    const MinMaxPyramid one(one_y);
    decimate(one_x, one_y, &one, {0.0, 10.0}, 100, out);
    REQUIRE(out.raw.size() == 1);
    CHECK(out.raw[0].x == 5.0);
    CHECK(out.raw[0].y == -3.0);
    decimate(one_x, one_y, &one, {6.0, 10.0}, 100, out);  // the point is left of the view
    CHECK(out.raw.empty());
    CHECK(out.has_before);
    CHECK_FALSE(out.has_after);

    std::vector<double> x(1'000), y(1'000, 7.5);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<double>(i);
    const MinMaxPyramid constant(y);
    decimate(x, y, &constant, {0.0, 999.0}, 100, out);
    REQUIRE(out.columns.size() == 100);
    for (const ColumnSummary& column : out.columns) {
      CHECK(column.y.min == 7.5);
      CHECK(column.y.max == 7.5);
    }
  }

  TEST_CASE("zero columns count as one") {
    const std::vector<double> x = {0, 1, 2}, y = {2, -1, 5};
    Decimation out;
    decimate(x, y, nullptr, {0.0, 2.0}, 0, out);
    REQUIRE(out.columns.size() == 1);
    CHECK(out.columns[0].y.min == -1.0);
    CHECK(out.columns[0].y.max == 5.0);
    CHECK(column_edge({0.0, 2.0}, 1, 1) == 2.0);
  }
}
