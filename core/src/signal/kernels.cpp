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

// The contract's trees over one block's 8 values and over its first 4.
double block_tree(const std::array<double, kMomentBlock>& e) noexcept {
  return ((e[0] + e[4]) + (e[2] + e[6])) + ((e[1] + e[5]) + (e[3] + e[7]));
}
double head_tree(const std::array<double, kMomentBlock>& e) noexcept {
  return (e[0] + e[2]) + (e[1] + e[3]);
}

// Long series come from L3 or memory, and this loop does enough per value
// that the hardware prefetcher alone leaves it waiting on loads: it asks for
// the values kPrefetchAhead blocks (16 KB) ahead, one cache line per block (a
// hint that cannot fault, even past the end; a no-op on wasm). The hint asks
// for L2 only (locality 1: prefetcht2 on x86). Into L1 as well (the default
// hint), any distance past 64 blocks ran slower, presumably as each request
// then holds one of the L1's few miss buffers; into L2 at this distance, the
// streaming benchmark's variance detectors took 15-20% less time than into L1
// at 64 blocks.
constexpr std::size_t kPrefetchAhead = 256;
inline void prefetch_ahead_of(const double* block) noexcept {
  constexpr int kRead = 0;
  constexpr int kLocalityL2 = 1;
  __builtin_prefetch(block + kPrefetchAhead * kMomentBlock, kRead, kLocalityL2);
}

// The running sums, kept in registers across blocks (a reload of what was
// just stored would put a store-to-load round trip on their serial chain),
// and where the results go; a null output is not wanted.
struct MomentRun {
  double sum1;
  double sum2;
  double* p1;
  double* p2;
  double* mid1;
  double* mid2;
};

// Block b, element by element: the reference every SIMD width follows.
void block_moments_scalar(const double* x, bool differences, double shift, std::size_t b,
                          MomentRun& run) noexcept {
  std::array<double, kMomentBlock> v;
  for (std::size_t k = 0; k < kMomentBlock; ++k) {
    v[k] = (differences ? x[k + 1] - x[k] : x[k]) - shift;
  }
  std::array<double, kMomentBlock> squares;
  for (std::size_t k = 0; k < kMomentBlock; ++k) squares[k] = v[k] * v[k];
  if (run.mid2) {
    if (run.p1) run.mid1[b] = differences ? x[kMomentBlock / 2] : run.sum1 + head_tree(v);
    run.mid2[b] = run.sum2 + head_tree(squares);
  }
  run.sum1 += block_tree(v);
  run.sum2 += block_tree(squares);
  if (run.p1) run.p1[b + 1] = differences ? x[kMomentBlock] : run.sum1;
  run.p2[b + 1] = run.sum2;
}

#if XSIMD_WITH_AVX
// Adds lane j of `sums` (block b + j's tree) to the running sum, in order;
// with Middles, the running sum plus lane j of `heads` (block b + j's head)
// is the prefix at the block's middle.
template <bool Middles>
inline void accumulate(const Batch& sums, const Batch& heads, std::size_t b, double& running,
                       double* prefix, double* middle) noexcept {
  alignas(32) std::array<double, kWidth> q;
  alignas(32) std::array<double, kWidth> h;
  sums.store_aligned(q.data());
  if constexpr (Middles) heads.store_aligned(h.data());
  for (std::size_t j = 0; j < kWidth; ++j) {
    if constexpr (Middles) middle[b + j] = running + h[j];
    running += q[j];
    prefix[b + j + 1] = running;
  }
}

// The same for both moments at once, their running sums packed as (first,
// second) in `running`: block b + j's trees are added by one instruction
// (two scalar additions before: 2.5% less time for variance_compression in
// cache).
template <bool Middles>
inline void accumulate_both(const Batch& trees1, const Batch& trees2, const Batch& heads1,
                            const Batch& heads2, std::size_t b, __m128d& running,
                            const MomentRun& run) noexcept {
  // Pair j: (moment 1, moment 2) of block b + j.
  struct Pairs {
    __m128d block[kWidth];
  };
  const auto by_block = [](const Batch& first, const Batch& second) {
    const __m256d even = _mm256_unpacklo_pd(first, second);  // blocks b, b + 2
    const __m256d odd = _mm256_unpackhi_pd(first, second);   // blocks b + 1, b + 3
    return Pairs{{_mm256_castpd256_pd128(even), _mm256_castpd256_pd128(odd),
                  _mm256_extractf128_pd(even, 1), _mm256_extractf128_pd(odd, 1)}};
  };
  const Pairs trees = by_block(trees1, trees2);
  Pairs heads;
  if constexpr (Middles) heads = by_block(heads1, heads2);
  for (std::size_t j = 0; j < kWidth; ++j) {
    if constexpr (Middles) {
      const __m128d middle = _mm_add_pd(running, heads.block[j]);
      _mm_storel_pd(run.mid1 + b + j, middle);
      _mm_storeh_pd(run.mid2 + b + j, middle);
    }
    running = _mm_add_pd(running, trees.block[j]);
    _mm_storel_pd(run.p1 + b + j + 1, running);
    _mm_storeh_pd(run.p2 + b + j + 1, running);
  }
}

// AVX2 runs the 8-value trees lane-wise over 4 blocks, lane j holding block
// b + j: v[k] is value k of each block. Building it from 128-bit loads ([a0 a1 |
// c0 c1] of blocks a, c) leaves one in-lane unpack per vector, where
// transposing whole-block loads needs cross-lane permutes too, which only one
// port executes (15% less time for variance_compression's pass, in cache).
inline std::array<Batch, kMomentBlock> values_by_block(const double* x) noexcept {
  const auto halves = [](const double* lo, const double* hi) {
    return _mm256_insertf128_pd(_mm256_castpd128_pd256(_mm_loadu_pd(lo)), _mm_loadu_pd(hi), 1);
  };
  std::array<Batch, kMomentBlock> v;
  for (std::size_t k = 0; k < kMomentBlock; k += 2) {
    const __m256d even = halves(x + k, x + 2 * kMomentBlock + k);                // blocks 0, 2
    const __m256d odd = halves(x + kMomentBlock + k, x + 3 * kMomentBlock + k);  // blocks 1, 3
    v[k] = _mm256_unpacklo_pd(even, odd);
    v[k + 1] = _mm256_unpackhi_pd(even, odd);
  }
  return v;
}

// AVX2: 4 blocks at a time, the trees' last additions running across blocks
// (lane j: block b + j). Values come lane-wise by block (above); for
// differences, which that would load twice, each block's halves are added
// first (v[k] + v[k+4]) and those sums transposed. The middles add each
// block's head (its first 4 values' tree) to the running sums. Returns the
// number of blocks done.
template <bool Differences, bool First, bool Middles>
std::size_t block_moments_by_four(const double* x, std::size_t blocks, double shift,
                                  MomentRun& caller_run) noexcept {
  // A local copy: the outputs' stores cannot alias its running sums, which
  // therefore stay in registers.
  MomentRun run = caller_run;
  constexpr bool kPacked = First && !Differences;
  __m128d running = _mm_set_pd(run.sum2, run.sum1);  // packed only
  const Batch c(shift);
  std::size_t b = 0;
  for (; b + kWidth <= blocks; b += kWidth) {
    for (std::size_t j = 0; j < kWidth; ++j) prefetch_ahead_of(x + (b + j) * kMomentBlock);
    Batch tree1, tree2, head1, head2;
    if constexpr (!Differences) {
      std::array<Batch, kMomentBlock> v = values_by_block(x + b * kMomentBlock);
      for (Batch& value : v) value -= c;
      const auto trees = [](const std::array<Batch, kMomentBlock>& e, Batch& tree, Batch& head) {
        tree = ((e[0] + e[4]) + (e[2] + e[6])) + ((e[1] + e[5]) + (e[3] + e[7]));
        if constexpr (Middles) head = (e[0] + e[2]) + (e[1] + e[3]);
      };
      if constexpr (First) trees(v, tree1, head1);
      for (Batch& value : v) value *= value;
      trees(v, tree2, head2);
    } else {
      // Block b + j's partial sums, lane by lane, then transposed so that
      // lane j holds block b + j's: (p0+p2)+(p1+p3) of the partials is the
      // tree, and of a head's partials (its first 4 values) the head's tree.
      std::array<Batch, kWidth> second, heads2;
      for (std::size_t j = 0; j < kWidth; ++j) {
        const double* block = x + (b + j) * kMomentBlock;
        const Batch lo = block_lane<true>(block, 0) - c;
        const Batch hi = block_lane<true>(block, 4) - c;
        const Batch lo_squared = lo * lo;
        second[j] = lo_squared + hi * hi;
        if constexpr (Middles) heads2[j] = lo_squared;
      }
      const auto across = [](std::array<Batch, kWidth>& partial) {
        xsimd::transpose(partial.data(), partial.data() + kWidth);
        return (partial[0] + partial[2]) + (partial[1] + partial[3]);
      };
      tree2 = across(second);
      if constexpr (Middles) head2 = across(heads2);
    }
    if constexpr (kPacked) {
      accumulate_both<Middles>(tree1, tree2, head1, head2, b, running, run);
    } else {
      if constexpr (First) {  // differences: the values ending the blocks and their first halves
        for (std::size_t j = 0; j < kWidth; ++j) {
          const double* block = x + (b + j) * kMomentBlock;
          if constexpr (Middles) run.mid1[b + j] = block[kMomentBlock / 2];
          run.p1[b + j + 1] = block[kMomentBlock];
        }
      }
      accumulate<Middles>(tree2, head2, b, run.sum2, run.p2, run.mid2);
    }
  }
  if constexpr (kPacked) {
    run.sum1 = _mm_cvtsd_f64(running);
    run.sum2 = _mm_cvtsd_f64(_mm_unpackhi_pd(running, running));
  }
  caller_run = run;
  return b;
}

#else
// Two lanes (wasm SIMD128; SSE): a block per iteration, its four pairs
// reduced lane-wise, lane 0 holding the tree's left half and lane 1 its
// right, which the block's last addition joins. Two blocks per iteration,
// transposed, left V8 too few registers for the differences' 16 loads (which
// clang hoists together), so it kept the running sum in a stack slot, a
// store and a reload on its serial chain every iteration: phase_transition
// took 6% longer in cache. With both moments, the two running sums advance as
// one batch (first, second), as do the middles. Returns the number of blocks
// done.
template <bool Differences, bool First, bool Middles>
std::size_t block_moments_by_one(const double* x, std::size_t blocks, double shift,
                                 MomentRun& caller_run) noexcept {
  static_assert(kWidth == 2, "a target with neither AVX nor two-lane batches needs its own pass");
  constexpr bool kPacked = First && !Differences;
  MomentRun run = caller_run;  // in registers, as in block_moments_by_four()
  const Batch c(shift);
  Batch running{run.sum1, run.sum2};  // packed only
  // (a0 + a1, b0 + b1): the last additions of two blocks' trees at once.
  const auto joined = [](const Batch& a, const Batch& b) {
    return xsimd::zip_lo(a, b) + xsimd::zip_hi(a, b);
  };
  for (std::size_t b = 0; b < blocks; ++b) {
    const double* block = x + b * kMomentBlock;
    prefetch_ahead_of(block);
    const Batch v01 = block_lane<Differences>(block, 0) - c;
    const Batch v23 = block_lane<Differences>(block, 2) - c;
    const Batch v45 = block_lane<Differences>(block, 4) - c;
    const Batch v67 = block_lane<Differences>(block, 6) - c;
    const Batch head2 = v01 * v01 + v23 * v23;
    const Batch tree2 = (v01 * v01 + v45 * v45) + (v23 * v23 + v67 * v67);
    if constexpr (kPacked) {
      const Batch tree1 = (v01 + v45) + (v23 + v67);
      if constexpr (Middles) {
        const Batch middles = running + joined(v01 + v23, head2);
        run.mid1[b] = middles.get(0);
        run.mid2[b] = middles.get(1);
      }
      running += joined(tree1, tree2);
      run.p1[b + 1] = running.get(0);
      run.p2[b + 1] = running.get(1);
    } else {
      if constexpr (First) {  // differences: the values ending the block and its first half
        if constexpr (Middles) run.mid1[b] = block[kMomentBlock / 2];
        run.p1[b + 1] = block[kMomentBlock];
      }
      if constexpr (Middles) run.mid2[b] = run.sum2 + (head2.get(0) + head2.get(1));
      run.sum2 += tree2.get(0) + tree2.get(1);
      run.p2[b + 1] = run.sum2;
    }
  }
  if constexpr (kPacked) {
    run.sum1 = running.get(0);
    run.sum2 = running.get(1);
  }
  caller_run = run;
  return blocks;
}

#endif

using SimdMoments = std::size_t (*)(const double*, std::size_t, double, MomentRun&) noexcept;

// The target's pass.
template <bool Differences, bool First, bool Middles>
constexpr SimdMoments block_moments_simd =
#if XSIMD_WITH_AVX
    block_moments_by_four<Differences, First, Middles>;
#else
    block_moments_by_one<Differences, First, Middles>;
#endif

// Indexed by differences * 4 + first * 2 + middles.
constexpr std::array<SimdMoments, 8> kSimdMoments{
    block_moments_simd<false, false, false>, block_moments_simd<false, false, true>,
    block_moments_simd<false, true, false>,  block_moments_simd<false, true, true>,
    block_moments_simd<true, false, false>,  block_moments_simd<true, false, true>,
    block_moments_simd<true, true, false>,   block_moments_simd<true, true, true>};

}  // namespace

void block_moment_prefixes(std::span<const double> x, bool differences, double shift,
                           std::span<double> p1, std::span<double> p2, std::span<double> mid1,
                           std::span<double> mid2) noexcept {
  const std::size_t blocks = p2.size() - 1;
  const bool first = !p1.empty();
  const bool middles = !mid2.empty();
  MomentRun run{first ? p1[0] : 0.0,
                p2[0],
                first ? p1.data() : nullptr,
                p2.data(),
                first && middles ? mid1.data() : nullptr,
                middles ? mid2.data() : nullptr};
  const std::size_t simd =
      kSimdMoments[(differences ? 4 : 0) + (first ? 2 : 0) + (middles ? 1 : 0)](x.data(), blocks,
                                                                                shift, run);
  for (std::size_t b = simd; b < blocks; ++b) {
    block_moments_scalar(x.data() + b * kMomentBlock, differences, shift, b, run);
  }
}

void bring_into_cache([[maybe_unused]] std::span<const double> x) noexcept {
#if defined(__wasm__)
  // Every vector of every line, ORed into one accumulator, a line per loop
  // iteration: the loop reads like the sum, which streams at the memory's
  // pace (see the header).
  constexpr std::size_t kLine = 64 / sizeof(double);
  Batch loaded(0.0);
  std::size_t i = 0;
  for (; i + kLine <= x.size(); i += kLine) {
    Batch line = Batch::load_unaligned(x.data() + i);
    for (std::size_t k = kWidth; k < kLine; k += kWidth) {
      line = line | Batch::load_unaligned(x.data() + i + k);
    }
    loaded = loaded | line;
  }
  for (; i + kWidth <= x.size(); i += kWidth) loaded = loaded | Batch::load_unaligned(x.data() + i);
  // The loads are wanted for their effect on the cache alone: this keeps the
  // compiler from dropping them, at no cost.
  const double witness = xsimd::reduce_add(loaded);
  __asm__ volatile("" : : "r"(witness));
#endif
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
