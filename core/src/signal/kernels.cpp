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

std::size_t first_non_finite(std::span<const double> x) noexcept {
  const std::size_t n = x.size();
  const std::size_t vectorised = n - n % kWidth;
  std::size_t i = 0;
  for (; i < vectorised; i += kWidth) {
    if (!xsimd::all(xsimd::isfinite(Batch::load_unaligned(x.data() + i)))) break;
  }
  for (; i < n; ++i) {
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
