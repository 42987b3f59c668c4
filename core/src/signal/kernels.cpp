#include "lf/signal/kernels.hpp"

#include <array>
#include <cmath>
#include <xsimd/xsimd.hpp>

namespace lf::signal::kernels {
namespace {

// AVX-512 would make a batch wider than the 8-lane scheme's building block of
// 4, so the widest arch used is AVX2.
#if XSIMD_WITH_AVX512F
using Arch = xsimd::avx2;
#else
using Arch = xsimd::default_arch;
#endif
using Batch = xsimd::batch<double, Arch>;
constexpr std::size_t kWidth = Batch::size;
static_assert(kSumLanes % kWidth == 0, "the lane scheme needs batches dividing 8");
constexpr std::size_t kBatchesPerBlock = kSumLanes / kWidth;

}  // namespace

double sum(std::span<const double> x) noexcept {
  const std::size_t n = x.size();
  const std::size_t blocked = n - n % kSumLanes;
  std::array<Batch, kBatchesPerBlock> acc;
  acc.fill(Batch(0.0));
  for (std::size_t i = 0; i < blocked; i += kSumLanes) {
    for (std::size_t b = 0; b < kBatchesPerBlock; ++b) {
      acc[b] += Batch::load_unaligned(x.data() + i + b * kWidth);
    }
  }
  alignas(64) std::array<double, kSumLanes> lanes;
  for (std::size_t b = 0; b < kBatchesPerBlock; ++b)
    acc[b].store_aligned(lanes.data() + b * kWidth);
  double total = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) +
                 ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
  for (std::size_t i = blocked; i < n; ++i) total += x[i];
  return total;
}

void first_differences(std::span<const double> x, std::span<double> out) noexcept {
  if (x.size() < 2) return;
  const std::size_t n = x.size() - 1;
  const std::size_t vectorised = n - n % kWidth;
  for (std::size_t i = 0; i < vectorised; i += kWidth) {
    const Batch next = Batch::load_unaligned(x.data() + i + 1);
    const Batch here = Batch::load_unaligned(x.data() + i);
    (next - here).store_unaligned(out.data() + i);
  }
  for (std::size_t i = vectorised; i < n; ++i) out[i] = x[i + 1] - x[i];
}

void window_sums(std::span<const double> x, std::size_t w, std::span<double> out) noexcept {
  if (w == 0 || x.size() < w) return;
  const std::size_t n = x.size() - w + 1;
  const std::size_t vectorised = n - n % kWidth;
  // Vectorised across output positions: each lane sums its own window left to
  // right, exactly like the scalar tail below.
  for (std::size_t i = 0; i < vectorised; i += kWidth) {
    Batch acc = Batch::load_unaligned(x.data() + i);
    for (std::size_t k = 1; k < w; ++k) acc += Batch::load_unaligned(x.data() + i + k);
    acc.store_unaligned(out.data() + i);
  }
  for (std::size_t i = vectorised; i < n; ++i) {
    double acc = x[i];
    for (std::size_t k = 1; k < w; ++k) acc += x[i + k];
    out[i] = acc;
  }
}

namespace {

// z[k] for the block starting at x.
template <bool Differences>
inline Batch block_lane(const double* x, std::size_t k) noexcept {
  if constexpr (Differences) {
    return Batch::load_unaligned(x + k + 1) - Batch::load_unaligned(x + k);
  } else {
    return Batch::load_unaligned(x + k);
  }
}

// One block's tree, element by element: the reference every SIMD width follows.
void block_moments_scalar(const double* x, bool differences, double shift, double& s1,
                          double& s2) noexcept {
  std::array<double, kMomentBlock> v;
  for (std::size_t k = 0; k < kMomentBlock; ++k) {
    v[k] = (differences ? x[k + 1] - x[k] : x[k]) - shift;
  }
  const auto tree = [](const std::array<double, kMomentBlock>& e) {
    return ((e[0] + e[4]) + (e[2] + e[6])) + ((e[1] + e[5]) + (e[3] + e[7]));
  };
  s1 = tree(v);
  for (double& e : v) e *= e;
  s2 = tree(v);
}

// kWidth blocks at a time: each block's pairs (v[i] + v[i+4]) and then
// (p0 + p2, p1 + p3) land in one batch per block; a transpose turns the
// blocks' batches into lanes so that the last additions run across blocks.
// Returns the number of blocks done.
template <bool Differences, bool First>
std::size_t block_moments_simd(const double* x, std::size_t blocks, double shift, double* p1,
                               double* p2) noexcept {
  if constexpr (kWidth != 4 && kWidth != 2) {
    return 0;
  } else {
    const Batch c(shift);
    std::size_t b = 0;
    for (; b + kWidth <= blocks; b += kWidth) {
      std::array<Batch, kWidth> first, second;
      for (std::size_t j = 0; j < kWidth; ++j) {
        const double* block = x + (b + j) * kMomentBlock;
        if constexpr (kWidth == 4) {
          const Batch lo = block_lane<Differences>(block, 0) - c;
          const Batch hi = block_lane<Differences>(block, 4) - c;
          if constexpr (First) first[j] = lo + hi;
          second[j] = lo * lo + hi * hi;
        } else {
          const Batch v01 = block_lane<Differences>(block, 0) - c;
          const Batch v23 = block_lane<Differences>(block, 2) - c;
          const Batch v45 = block_lane<Differences>(block, 4) - c;
          const Batch v67 = block_lane<Differences>(block, 6) - c;
          if constexpr (First) first[j] = (v01 + v45) + (v23 + v67);
          second[j] = (v01 * v01 + v45 * v45) + (v23 * v23 + v67 * v67);
        }
      }
      // The running sums are a serial chain; it overlaps the next blocks' loads.
      const auto accumulate = [b](std::array<Batch, kWidth>& sums, double* prefix) {
        xsimd::transpose(sums.data(), sums.data() + kWidth);
        alignas(32) std::array<double, kWidth> q;
        if constexpr (kWidth == 4) {
          ((sums[0] + sums[2]) + (sums[1] + sums[3])).store_aligned(q.data());
        } else {
          (sums[0] + sums[1]).store_aligned(q.data());
        }
        for (std::size_t j = 0; j < kWidth; ++j) prefix[b + j + 1] = prefix[b + j] + q[j];
      };
      if constexpr (First) accumulate(first, p1);
      accumulate(second, p2);
    }
    return b;
  }
}

}  // namespace

void block_moment_prefixes(std::span<const double> x, bool differences, double shift,
                           std::span<double> p1, std::span<double> p2) noexcept {
  const std::size_t blocks = p2.size() - 1;
  const bool first = !p1.empty();
  const auto simd = [&](auto done) { return done(x.data(), blocks, shift, p1.data(), p2.data()); };
  std::size_t b = differences ? (first ? simd(block_moments_simd<true, true>)
                                       : simd(block_moments_simd<true, false>))
                              : (first ? simd(block_moments_simd<false, true>)
                                       : simd(block_moments_simd<false, false>));
  for (; b < blocks; ++b) {
    double q1 = 0.0;
    double q2 = 0.0;
    block_moments_scalar(x.data() + b * kMomentBlock, differences, shift, q1, q2);
    if (first) p1[b + 1] = p1[b] + q1;
    p2[b + 1] = p2[b] + q2;
  }
}

std::size_t first_non_finite(std::span<const double> x) noexcept {
  // x - x is 0 for a finite x and NaN otherwise; NaN survives the sums, so a
  // chunk needs one test, and only a chunk that fails is searched element-wise.
  constexpr std::size_t kChunk = 64;
  static_assert(kChunk % kSumLanes == 0);
  const std::size_t n = x.size();
  std::size_t chunk = 0;
  for (; chunk + kChunk <= n; chunk += kChunk) {
    std::array<Batch, kBatchesPerBlock> acc;
    acc.fill(Batch(0.0));
    for (std::size_t i = chunk; i < chunk + kChunk; i += kSumLanes) {
      for (std::size_t b = 0; b < kBatchesPerBlock; ++b) {
        const Batch v = Batch::load_unaligned(x.data() + i + b * kWidth);
        acc[b] += v - v;
      }
    }
    Batch total = acc[0];
    for (std::size_t b = 1; b < kBatchesPerBlock; ++b) total += acc[b];
    if (!xsimd::all(total == Batch(0.0))) break;
  }
  for (std::size_t i = chunk; i < n; ++i) {
    if (!std::isfinite(x[i])) return i;
  }
  return npos;
}

std::size_t first_non_increasing(std::span<const double> t) noexcept {
  if (t.size() < 2) return npos;
  const std::size_t n = t.size() - 1;  // number of adjacent pairs
  const std::size_t vectorised = n - n % kWidth;
  std::size_t i = 0;
  for (; i < vectorised; i += kWidth) {
    const Batch next = Batch::load_unaligned(t.data() + i + 1);
    const Batch here = Batch::load_unaligned(t.data() + i);
    if (!xsimd::all(next > here)) break;
  }
  for (; i < n; ++i) {
    if (!(t[i + 1] > t[i])) return i + 1;
  }
  return npos;
}

}  // namespace lf::signal::kernels
