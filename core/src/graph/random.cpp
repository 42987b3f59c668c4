#include "lf/graph/random.hpp"

#include <cmath>
#include <utility>

namespace lf::graph {

std::uint64_t Random::below(std::uint64_t n) {
  // Accept only draws below the largest multiple of n that fits in 2^64.
  const std::uint64_t limit = -n % n;  // (2^64 - n) mod n = 2^64 mod n
  for (;;) {
    const std::uint64_t draw = engine_();
    if (draw >= limit) return draw % n;
  }
}

double Random::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
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
  return u * factor;
}

std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream) noexcept {
  std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (stream + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void shuffle(std::span<std::size_t> items, Random& random) {
  for (std::size_t i = items.size(); i > 1; --i) {
    std::swap(items[i - 1], items[random.below(i)]);
  }
}

}  // namespace lf::graph
