#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstring>
#include <limits>

#include "lf/signal/kernels.hpp"
#include "synthetic.hpp"

namespace k = lf::signal::kernels;

namespace {

// The documented 8-lane order, written as plain scalar code.
double scalar_sum(std::span<const double> x) {
  std::array<double, 8> lanes{};
  const std::size_t blocked = x.size() - x.size() % 8;
  for (std::size_t i = 0; i < blocked; ++i) lanes[i % 8] += x[i];
  double total = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) +
                 ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
  for (std::size_t i = blocked; i < x.size(); ++i) total += x[i];
  return total;
}

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

}  // namespace

TEST_SUITE("signal") {
  TEST_CASE("sum is bit-identical to the scalar 8-lane reference") {
    const auto x = lf::test::uniform_noise(100003, 42);
    for (std::size_t n = 0; n <= 40; ++n) {
      CHECK(same_bits(k::sum(std::span(x).first(n)), scalar_sum(std::span(x).first(n))));
    }
    CHECK(same_bits(k::sum(x), scalar_sum(x)));
  }

  TEST_CASE("sum gives the same bits on every target") {
    // Golden value computed once; native and wasm both must reproduce it.
    std::vector<double> x = lf::test::uniform_noise(1000001, 2026);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] *= 1.0 + static_cast<double>(i % 1000);
    CHECK(k::sum(x) == -0x1.4b15ca80354a3p+15);
  }

  TEST_CASE("first differences") {
    const auto x = lf::test::uniform_noise(1003, 5);
    std::vector<double> d(x.size() - 1);
    k::first_differences(x, d);
    for (std::size_t i = 0; i < d.size(); ++i) REQUIRE(same_bits(d[i], x[i + 1] - x[i]));
  }

  TEST_CASE("window sums are bit-identical to left-to-right sums") {
    const auto x = lf::test::uniform_noise(517, 9);
    for (std::size_t w : {1u, 2u, 3u, 10u, 517u}) {
      std::vector<double> out(x.size() - w + 1);
      k::window_sums(x, w, out);
      for (std::size_t i = 0; i < out.size(); ++i) {
        double acc = x[i];
        for (std::size_t j = 1; j < w; ++j) acc += x[i + j];
        REQUIRE(same_bits(out[i], acc));
      }
    }
  }

  TEST_CASE("first non-finite and first non-increasing") {
    std::vector<double> x(37, 1.0);
    CHECK(k::first_non_finite(x) == k::npos);
    x[29] = std::numeric_limits<double>::quiet_NaN();
    x[33] = std::numeric_limits<double>::infinity();
    CHECK(k::first_non_finite(x) == 29);

    std::vector<double> t(37);
    for (std::size_t i = 0; i < t.size(); ++i) t[i] = static_cast<double>(i);
    CHECK(k::first_non_increasing(t) == k::npos);
    t[30] = t[29];
    CHECK(k::first_non_increasing(t) == 30);
    t[30] = 30;
    t[35] = std::numeric_limits<double>::quiet_NaN();
    CHECK(k::first_non_increasing(t) == 35);
  }
}
