// Batch kernels over spans, vectorised with xsimd: SIMD128 in the wasm build,
// AVX2 (or SSE2) natively.
//
// Determinism contract: every kernel returns bit-identical results on every
// target. Element-wise kernels are trivially so. Reductions use a fixed
// 8-lane scheme independent of the hardware vector width:
//   lane j accumulates x[8i + j] in increasing i;
//   lanes combine as ((l0+l1)+(l2+l3)) + ((l4+l5)+(l6+l7));
//   the remaining n mod 8 elements are then added one by one, in order.
// AVX2 runs this as 2 batches of 4, wasm as 4 batches of 2, a scalar loop as
// 8 accumulators: the same additions in the same order.
#pragma once

#include <cstddef>
#include <span>

namespace lf::signal::kernels {

inline constexpr std::size_t kSumLanes = 8;
inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

// Sum of all elements (fixed-order scheme above).
double sum(std::span<const double> x) noexcept;

// out[i] = x[i+1] - x[i]; out.size() must be x.size() - 1 (or 0 for empty x).
void first_differences(std::span<const double> x, std::span<double> out) noexcept;

// out[i] = x[i] + x[i+1] + ... + x[i+w-1], each summed left to right; out.size()
// must be x.size() - w + 1. O(n*w): meant for short windows (smoothing,
// decimation); long rolling statistics use RollingWindow.
void window_sums(std::span<const double> x, std::size_t w, std::span<double> out) noexcept;

// Running sums of moment sums over blocks of kMomentBlock consecutive
// elements of z, shifted: with q1, q2 block b's sums T(z - shift) and
// T((z - shift)^2),
//   p1[b+1] = p1[b] + q1,  p2[b+1] = p2[b] + q2   (p1[0], p2[0] are given),
// T being the fixed tree ((v0+v4)+(v2+v6)) + ((v1+v5)+(v3+v7)), which AVX2
// runs as two halves of 4 and wasm as four pairs, so every target gives the
// same bits. z is x itself (x.size() == 8*blocks) or, with `differences`, its
// first differences z[k] = x[k+1] - x[k] (x.size() == 8*blocks + 1), whose
// first moments telescope (z sums to x[8b] - x[8a] over blocks a..b-1), so p1
// then holds the value that ends each block instead: p1[b+1] = x[8b+8].
// p2.size() == blocks + 1, and p1 the same or empty when only p2 is wanted.
// With mid2 (blocks elements; empty: not wanted), also the running sums at
// each block's middle, after its first 4 values: mid2[b] = p2[b] + H(v^2),
// H(v) = (v0+v2) + (v1+v3), and, when p1 is given too, mid1[b] = p1[b] + H(v)
// (for differences, x[8b+4]; mid1 is empty otherwise): half-block prefixes
// for bounds, from the same pass.
inline constexpr std::size_t kMomentBlock = 8;
void block_moment_prefixes(std::span<const double> x, bool differences, double shift,
                           std::span<double> p1, std::span<double> p2, std::span<double> mid1 = {},
                           std::span<double> mid2 = {}) noexcept;

// Asks for x to be brought into cache ahead of a pass over it. On wasm, which
// has no prefetch instruction, block_moment_prefixes waits on each cache miss
// of a long series (in the detectors' streaming benchmark, alone over the
// series the pass took up to 2.5 times its in-cache time on the host where
// this was added, and variance_compression 15% longer than with this on the
// AMD Zen 4 host); a burst of loads over x keeps misses in flight while the
// hardware streamer runs ahead. It loads every vector of each 64-byte line, as
// the sum does: touching one vector per line, the fewer instructions per miss
// put more lines in flight than the streamer keeps up with, and the same 80 MB
// took 1.6 times as long as the sum (3 times with 8 such lines to a loop
// iteration). Each loop iteration loads one whole line: one vector per
// iteration left the detectors' streaming benchmark 3-4% slower. A no-op on
// native, whose block_moment_prefixes prefetches as it goes, which an extra
// pass would only slow down.
void bring_into_cache(std::span<const double> x) noexcept;

// Index of the first NaN or infinity, or npos.
std::size_t first_non_finite(std::span<const double> x) noexcept;

// Smallest i >= 1 with t[i] <= t[i-1] (not strictly increasing), or npos.
std::size_t first_non_increasing(std::span<const double> t) noexcept;

}  // namespace lf::signal::kernels
