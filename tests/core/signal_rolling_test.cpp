#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "lf/signal/ring_buffer.hpp"
#include "lf/signal/rolling_minmax.hpp"
#include "lf/signal/rolling_window.hpp"
#include "lf/signal/running_moments.hpp"
#include "synthetic.hpp"

using lf::signal::RingBuffer;
using lf::signal::RollingMinMax;
using lf::signal::RollingWindow;
using lf::signal::RunningMoments;

TEST_SUITE("signal") {
  TEST_CASE("ring buffer keeps the newest values and evicts the oldest") {
    RingBuffer<int> ring(3);  // capacity 3 in 4 slots: indexing must still be exact
    CHECK_FALSE(ring.push(1).has_value());
    CHECK_FALSE(ring.push(2).has_value());
    CHECK_FALSE(ring.push(3).has_value());
    CHECK(ring.full());
    CHECK(ring.push(4) == 1);
    CHECK(ring.push(5) == 2);
    CHECK(ring[0] == 3);
    CHECK(ring[2] == 5);
    CHECK(ring.newest() == 5);
    CHECK(ring.newest(2) == 3);
  }

  TEST_CASE("running moments: add and remove match a two-pass reference") {
    // Offset data stress cancellation: a naive sum-of-squares loses ~8 digits here.
    auto x = lf::test::uniform_noise(2000, 7);
    for (auto& v : x) v = 1e6 + v;
    RunningMoments m;
    for (double v : x) m.add(v);
    const double reference = lf::test::two_pass_variance(x);
    CHECK(m.variance() == doctest::Approx(reference).epsilon(1e-10));
    for (std::size_t i = 0; i < 1000; ++i) m.remove(x[i]);
    const double tail = lf::test::two_pass_variance(std::span(x).subspan(1000));
    CHECK(m.count() == 1000);
    CHECK(m.variance() == doctest::Approx(tail).epsilon(1e-8));
  }

  TEST_CASE("rolling window variance tracks a two-pass reference over a long stream") {
    // 300k samples cross many resync periods (4096 here) and a volatility
    // collapse of six orders of magnitude; tolerance: relative 1e-9.
    constexpr std::size_t kWindow = 64;
    lf::test::Gaussian gauss(11);
    std::vector<double> x(300000);
    for (std::size_t i = 0; i < x.size(); ++i) {
      x[i] = 50.0 + gauss(i < 150000 ? 1.0 : 1e-3);  // variance drops 6 orders mid-stream
    }
    RollingWindow window(kWindow);
    double worst = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      window.push(x[i]);
      if (i + 1 < kWindow || i % 97 != 0) continue;
      const double reference =
          lf::test::two_pass_variance(std::span(x).subspan(i + 1 - kWindow, kWindow));
      worst = std::max(worst, std::fabs(window.variance() - reference) / reference);
    }
    CHECK(worst < 1e-9);
  }

  TEST_CASE("rolling window mean and count during warm-up") {
    RollingWindow window(4);
    window.push(1);
    window.push(3);
    CHECK(window.count() == 2);
    CHECK_FALSE(window.full());
    CHECK(window.mean() == 2.0);
    CHECK(window.variance() == 2.0);
    window.push(5);
    window.push(7);
    CHECK(window.push(9) == 1.0);
    CHECK(window.mean() == 6.0);
  }

  TEST_CASE("rolling min/max equals brute force") {
    const auto x = lf::test::uniform_noise(5000, 3);
    for (std::size_t length : {1u, 2u, 7u, 100u}) {
      RollingMinMax extremes(length);
      for (std::size_t i = 0; i < x.size(); ++i) {
        extremes.push(x[i]);
        const std::size_t first = i + 1 >= length ? i + 1 - length : 0;
        const auto [lo, hi] = std::minmax_element(x.begin() + first, x.begin() + i + 1);
        REQUIRE(extremes.min() == *lo);
        REQUIRE(extremes.max() == *hi);
      }
    }
  }
}
