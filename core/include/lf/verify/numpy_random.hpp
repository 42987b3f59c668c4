// numpy's legacy global generator (np.random.seed / np.random.randn),
// reimplemented so that PCS coherence directions match the reference agent:
// MT19937 seeded by init_genrand, 53-bit doubles from two 32-bit draws, and
// standard normals by the polar Box-Muller method with one cached deviate.
#pragma once

#include <array>
#include <cstdint>

namespace lf::verify {

class NumpyLegacyRandom {
 public:
  // np.random.seed(seed) for an integer seed in [0, 2^32).
  explicit NumpyLegacyRandom(std::uint32_t seed);

  std::uint32_t next_uint32();
  // In [0, 1): (a >> 5) * 2^26 + (b >> 6), scaled by 2^-53.
  double next_double();
  // One standard normal deviate (numpy's legacy_gauss).
  double next_gauss();

 private:
  void regenerate();

  static constexpr int kStateSize = 624;
  std::array<std::uint32_t, kStateSize> state_{};
  int position_ = kStateSize;
  bool has_gauss_ = false;
  double gauss_ = 0.0;
};

}  // namespace lf::verify
