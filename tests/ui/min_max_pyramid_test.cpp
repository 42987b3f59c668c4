// MinMaxPyramid against brute force: min/max by scanning the values.
#include "ui/plot/min_max_pyramid.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

using lf::ui::plot::Extent;
using lf::ui::plot::MinMaxPyramid;

namespace {

// Uniform in [-1000, 1000) from the raw 64-bit engine: the standard
// distributions differ between libstdc++ (native) and libc++ (wasm).
std::vector<double> random_values(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::vector<double> values(n);
  for (double& v : values) v = static_cast<double>(engine() >> 11) * 0x1p-53 * 2000.0 - 1000.0;
  return values;
}

Extent brute_force(const std::vector<double>& values, std::size_t first, std::size_t last) {
  Extent extent;
  for (std::size_t i = first; i < last && i < values.size(); ++i) {
    extent.min = std::min(extent.min, values[i]);
    extent.max = std::max(extent.max, values[i]);
  }
  return extent;
}

void check_same(const Extent& actual, const Extent& expected) {
  CHECK(actual.empty() == expected.empty());
  if (!expected.empty()) {
    CHECK(actual.min == expected.min);
    CHECK(actual.max == expected.max);
  }
}

}  // namespace

TEST_SUITE("plot_pyramid") {
  TEST_CASE("every range of short series equals brute force") {
    // Sizes around the leaf size and its multiples cover partial blocks,
    // ranges inside one block and ranges spanning several levels.
    for (std::size_t n : {0u, 1u, 15u, 16u, 17u, 31u, 32u, 33u, 64u, 70u}) {
      const std::vector<double> values = random_values(n, 42 + n);
      const MinMaxPyramid pyramid(values);
      REQUIRE(pyramid.size() == n);
      for (std::size_t first = 0; first <= n; ++first) {
        for (std::size_t last = first; last <= n; ++last) {
          CAPTURE(n);
          CAPTURE(first);
          CAPTURE(last);
          check_same(pyramid.query(first, last), brute_force(values, first, last));
        }
      }
    }
  }

  TEST_CASE("random ranges of a long series equal brute force") {
    const std::vector<double> values = random_values(100'003, 7);
    const MinMaxPyramid pyramid(values);
    std::mt19937_64 engine(11);
    for (int trial = 0; trial < 2000; ++trial) {
      std::size_t a = engine() % (values.size() + 1), b = engine() % (values.size() + 1);
      if (a > b) std::swap(a, b);
      CAPTURE(a);
      CAPTURE(b);
      check_same(pyramid.query(a, b), brute_force(values, a, b));
    }
  }

  TEST_CASE("incremental appends give the same pyramid as one append") {
    const std::vector<double> values = random_values(5'000, 3);
    const MinMaxPyramid at_once(values);
    MinMaxPyramid streamed;
    std::mt19937_64 engine(5);
    std::size_t done = 0;
    while (done < values.size()) {
      // Chunks of 0 to 40 values, like a live feed's frames.
      const std::size_t take = std::min<std::size_t>(engine() % 41, values.size() - done);
      streamed.append(std::span<const double>(values).subspan(done, take));
      done += take;
      // The partial pyramid answers for what it holds so far.
      check_same(streamed.query(0, done), brute_force(values, 0, done));
    }
    REQUIRE(streamed.size() == values.size());
    CHECK(std::equal(streamed.values().begin(), streamed.values().end(), values.begin()));
    for (int trial = 0; trial < 500; ++trial) {
      std::size_t a = engine() % (values.size() + 1), b = engine() % (values.size() + 1);
      if (a > b) std::swap(a, b);
      check_same(streamed.query(a, b), at_once.query(a, b));
    }
  }

  TEST_CASE("out-of-range and empty queries give the empty extent") {
    const std::vector<double> values = {4.0, -2.0, 9.0};
    const MinMaxPyramid pyramid(values);
    CHECK(pyramid.query(2, 2).empty());
    CHECK(pyramid.query(3, 1).empty());
    CHECK(pyramid.query(5, 9).empty());
    // `last` beyond the end is clamped to size().
    const Extent tail = pyramid.query(1, 100);
    CHECK(tail.min == -2.0);
    CHECK(tail.max == 9.0);
  }

  TEST_CASE("clear empties the pyramid and it can be refilled") {
    MinMaxPyramid pyramid(random_values(1'000, 9));
    pyramid.clear();
    CHECK(pyramid.size() == 0);
    CHECK(pyramid.query(0, 1'000).empty());
    const std::vector<double> values = random_values(100, 10);
    pyramid.append(values);
    check_same(pyramid.query(0, 100), brute_force(values, 0, 100));
  }

  TEST_CASE("generation changes with the values, including a refill of equal length") {
    MinMaxPyramid pyramid;
    const std::uint64_t empty = pyramid.generation();
    pyramid.append({});
    CHECK(pyramid.generation() == empty);
    const std::vector<double> values = random_values(40, 12);
    pyramid.append(values);
    const std::uint64_t filled = pyramid.generation();
    CHECK(filled != empty);
    pyramid.clear();
    CHECK(pyramid.generation() != filled);
    pyramid.append(values);
    CHECK(pyramid.size() == 40);
    CHECK(pyramid.generation() != filled);
  }

  TEST_CASE("Extent: the empty extent is the identity of include") {
    Extent extent;
    CHECK(extent.empty());
    extent.include(Extent{});
    CHECK(extent.empty());
    extent.include(3.0);
    CHECK_FALSE(extent.empty());
    CHECK(extent.min == 3.0);
    CHECK(extent.max == 3.0);
    extent.include(Extent{-1.0, 2.0});
    CHECK(extent.min == -1.0);
    CHECK(extent.max == 3.0);
  }
}
