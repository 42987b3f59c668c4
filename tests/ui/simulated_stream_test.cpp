// The simulated stream is what it says: deterministic per seed, switching
// between its three regimes, with the follower the leader two samples late
// (so the causal panel has a known answer to show).
#include "ui/simulated_stream.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using lf::ui::SimulatedStream;

TEST_SUITE("ui_simulation") {
  TEST_CASE("the same seed gives the same stream; another seed another") {
    SimulatedStream a(7), b(7), c(8);
    bool differs = false;
    for (int k = 0; k < 1000; ++k) {
      const auto x = a.next(), y = b.next(), z = c.next();
      CHECK(x.channel == y.channel);
      CHECK(x.timestamp == k);
      differs = differs || x.channel != z.channel;
    }
    CHECK(differs);
    CHECK(a.samples_emitted() == 1000);
  }

  TEST_CASE("regimes switch about every 400 samples and all three occur") {
    SimulatedStream stream(42);
    int switches = 0, last = 0;
    std::vector<int> seen(3, 0);
    const int n = 40000;
    for (int k = 0; k < n; ++k) {
      const auto s = stream.next();
      seen[static_cast<std::size_t>(s.regime)]++;
      if (k > 0 && s.regime != last) ++switches;
      last = s.regime;
    }
    // Switches are Bernoulli(1/400) per sample: mean 100, sd ~10.
    CHECK(switches > 60);
    CHECK(switches < 140);
    for (int count : seen) CHECK(count > 0);
  }

  TEST_CASE("follower = 0.8 x leader two samples earlier + N(0, 0.2^2)") {
    SimulatedStream stream(3);
    std::vector<double> leader, follower;
    for (int k = 0; k < 20000; ++k) {
      const auto s = stream.next();
      leader.push_back(s.channel[0]);
      follower.push_back(s.channel[1]);
    }
    double sum = 0, sum_sq = 0;
    const std::size_t n = leader.size() - 2;
    for (std::size_t k = 2; k < leader.size(); ++k) {
      const double residual = follower[k] - 0.8 * leader[k - 2];
      sum += residual;
      sum_sq += residual * residual;
    }
    const double mean = sum / static_cast<double>(n);
    const double sd = std::sqrt(sum_sq / static_cast<double>(n) - mean * mean);
    CHECK(std::abs(mean) < 0.01);
    CHECK(sd == doctest::Approx(0.2).epsilon(0.03));
  }
}
