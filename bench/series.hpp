// The benchmark input, identical on every target: 10 million samples of noise
// around a slowly drifting level, the noise scale switching regime (calm,
// normal, volatile) every 2,000 to 50,000 samples. The detectors meet real
// transitions and raise alerts at a realistic rate (hundreds, not one per
// hundred samples, which a near-random-walk level would give the variance
// detectors: its short-window variance is always small next to a longer one).
//
// Only integer arithmetic and IEEE +, -, * are used: <random>'s distributions
// use different algorithms in libstdc++ and libc++, and libm may round
// differently, either of which would give the wasm build another series.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace lf::bench {

inline constexpr std::size_t kSeriesLength = 10'000'000;

inline std::vector<double> make_series(std::size_t n = kSeriesLength) {
  std::mt19937_64 rng(20240601);
  // Irwin-Hall: 4 uniforms on [0, 1), centred and scaled to unit variance; a
  // loop rather than u() + u() + ... because operand order is unspecified.
  const auto noise = [&rng] {
    double total = 0.0;
    for (int k = 0; k < 4; ++k) total += static_cast<double>(rng() >> 11) * 0x1p-53;
    return (total - 2.0) * 1.7320508075688772;
  };
  constexpr std::array<double, 3> kScales{0.1, 1.0, 5.0};

  std::vector<double> x;
  x.reserve(n);
  double drift = 0.0;
  double scale = 1.0;
  std::size_t regime_left = 0;
  while (x.size() < n) {
    if (regime_left == 0) {
      scale = kScales[rng() % kScales.size()];
      regime_left = 2'000 + rng() % 48'000;
    }
    drift += 0.001 * noise();
    x.push_back(drift + scale * noise());
    --regime_left;
  }
  return x;
}

}  // namespace lf::bench
