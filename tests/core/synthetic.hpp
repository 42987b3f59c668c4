// Deterministic synthetic data for the core tests: the same seed gives the
// same series on every target (mt19937_64 is fully specified; the standard
// distributions are not, so the transforms are written out here).
#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <span>
#include <vector>

namespace lf::test {

// Uniform in [-0.5, 0.5), exactly representable: bit-identical everywhere.
inline std::vector<double> uniform_noise(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::vector<double> x(n);
  for (auto& v : x) v = static_cast<double>(engine() >> 11) * 0x1p-53 - 0.5;
  return x;
}

// Standard normal deviates (Marsaglia's polar method) scaled by sigma.
class Gaussian {
 public:
  explicit Gaussian(std::uint64_t seed) : engine_(seed) {}
  double operator()(double sigma = 1.0) {
    if (has_spare_) {
      has_spare_ = false;
      return sigma * spare_;
    }
    double u, v, s;
    do {
      u = static_cast<double>(engine_() >> 11) * 0x1p-52 - 1.0;
      v = static_cast<double>(engine_() >> 11) * 0x1p-52 - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double factor = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * factor;
    has_spare_ = true;
    return sigma * u * factor;
  }

 private:
  std::mt19937_64 engine_;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

// Two-pass sample variance (ddof 1): the reference for the running ones.
inline double two_pass_variance(std::span<const double> x) {
  if (x.size() < 2) return 0.0;
  double mean = 0.0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(x.size());
  double m2 = 0.0;
  for (double v : x) m2 += (v - mean) * (v - mean);
  return m2 / static_cast<double>(x.size() - 1);
}

}  // namespace lf::test
