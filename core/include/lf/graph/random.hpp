// Seeded randomness for surrogates and added noise. std::mt19937_64 is fully
// specified by the standard, but the std distributions are not (libstdc++ and
// libc++ differ), so the transforms are written here: the same seed gives the
// same surrogates on native and wasm builds.
#pragma once

#include <cstdint>
#include <random>
#include <span>

namespace lf::graph {

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  std::uint64_t bits() { return engine_(); }
  // Uniform in [0, n) for n >= 1, by rejection (no modulo bias).
  std::uint64_t below(std::uint64_t n);
  // Uniform in [0, 1), 53 random bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1p-53; }
  // Standard normal deviate (Marsaglia's polar method).
  double normal();

 private:
  std::mt19937_64 engine_;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

// An independent seed for stream `stream` of `seed` (SplitMix64 finaliser), so
// that, e.g., every pair of a TE matrix gets its own surrogate sequence no
// matter in which order pairs are computed.
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream) noexcept;

// Fisher–Yates shuffle.
void shuffle(std::span<std::size_t> items, Random& random);

}  // namespace lf::graph
