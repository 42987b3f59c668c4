// Sums of squared deviations (m2) of two adjacent windows sliding over a
// stream: at row i the *recent* window holds z over (i-R, i] and the
// *baseline* window the B values just before it, over (i-R-B, i-R]. z is the
// input itself or its first differences z[i] = x[i] - x[i-1] (z[0] = 0).
// Shared by the variance detectors (phase_transition, variance_compression
// 2.x), whose figures it fixes bit for bit:
//
//   - Rows are cut into segments of S rows, S = max(4096, 4*H), H being the
//     lookback rounded up to a multiple of 8. Segment s is computed from its
//     origin o = max(0, s*S - H) onwards with z shifted by c = z[o], so large
//     offsets do not cancel and rounding never carries over more than S + H
//     rows.
//   - From the origin, blocks of 8 values are summed by the fixed tree of
//     kernels::block_moment_prefixes and the block sums added up serially: P(b).
//   - C(t) = P(block of t) + the serial sum of the block's values up to t.
//     Window sums are C(end) - C(start) and m2 = S2 - S1*S1*(1/n), clamped at 0.
//     For differences, S1 telescopes: over (a, b] it is (x[b] - x[a]) - n*c,
//     which needs no first-moment sums at all.
//
// A row's figures thus depend only on the values since its segment's origin,
// not on how the stream was split into calls, nor on the SIMD width: batch,
// streaming, native and wasm agree. Costs: O(1) amortised per row (the H
// values of a segment's prologue are summed once per S rows), memory O(S + H).
//
// bounds() bounds the figures of all 8 rows of a block from block sums alone
// (m2 of a superset of values is at least, of a subset at most, the window's),
// widened by a margin that covers the rounding of both computations. A
// detector that finds from the bounds that no row of a block can alert skips
// the block without computing its rows, and is still exact. The lower bound
// of the recent window is the weak one (the values all 8 rows' windows share,
// in whole blocks, are 8 of 20 by default), so mark_recent_at_least() bounds
// each half of the block's rows from sums over half blocks (16 of 20), and
// half_end_rows_at_least() bounds the two rows that end a half block from the
// half blocks their windows span (the windows themselves when R and B are
// multiples of 4). The upper bound of the recent window is tightened the same
// way, for the few blocks the marks leave, by recent_at_most_by_halves(): a
// superset of 24 values where whole blocks take 32.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "lf/signal/kernels.hpp"

namespace lf::detect {

enum class WindowInput { values, differences };

// The marks an owner asks for: lower bounds of the recent window
// (mark_recent_at_least) need sums over half blocks, which cost the block
// pass a little; upper bounds need whole blocks only.
enum class RecentBounds { upper, upper_and_lower };

// Clamped sums of squared deviations of a row's two windows.
struct WindowPairM2 {
  double recent = 0.0;
  double baseline = 0.0;
};

// For every row r of a block: recent_min <= at(r).recent <= recent_max, and
// the same for the baseline.
struct WindowPairBounds {
  double recent_min = 0.0;
  double recent_max = 0.0;
  double baseline_min = 0.0;
  double baseline_max = 0.0;
};

// A block's mark (mark_if): all bits set where the bounds prove a property of
// all its rows, else 0. All bits set is what a vector compare yields, so the
// marks' loops store their compares as they are; masking each down to 1 cost
// wasm an instruction and a register per pair of blocks. Its width follows
// the compare too: wasm's yields 64-bit lanes; narrowed to 32 bits, they took
// V8 four more instructions a pair of blocks (phase_transition 3% slower in
// cache). GCC
// vectorises the marks from 32-bit ones; with 64-bit marks it emulated
// gathers for the lower bounds (variance_compression 25% slower in cache).
#if defined(__wasm__)
using BlockMark = std::uint64_t;
#else
using BlockMark = std::uint32_t;
#endif

constexpr BlockMark mark_if(bool proven) noexcept {
  return BlockMark{0} - static_cast<BlockMark>(proven);
}

class LaggedWindowMoments {
 public:
  static constexpr std::size_t kBlock = 8;
  // Spans from this length on are worth checking while fed (a pass over
  // memory saved); a shorter one sits in cache, where checking it first costs
  // less than copying the state a failed check must restore.
  static constexpr std::size_t kCheckWhileFeedingFrom = std::size_t{1} << 15;
  // Spans longer than this (1 MiB) are brought into cache a segment ahead
  // (signal::kernels::bring_into_cache). A shorter one was, as a rule, just
  // written by the caller (the JS package copies each array into wasm memory)
  // and is still in L2, where the extra loads cost wasm 15-20% for nothing.
  static constexpr std::size_t kBringIntoCacheAbove = std::size_t{1} << 17;
  // The values ahead are brought in pieces of at least this many (128 KiB),
  // a piece whenever the pass is about to reach values not yet brought: each
  // burst of loads costs wasm more than its share when it is short (one 4096-
  // value segment at a time left both detectors' streaming benchmark 3-7%
  // slower on the AMD Zen 4 host). A piece and the segment in its pass still
  // fit any current L2 (256 KiB and up).
  static constexpr std::size_t kBringPiece = std::size_t{1} << 14;

  // `lookback`: how far before a row its owner reads values() (at least the
  // windows' R + B; more for a detector that also looks further back).
  LaggedWindowMoments(std::size_t recent, std::size_t baseline, WindowInput input,
                      std::size_t lookback, RecentBounds recent_bounds);

  // The first row whose windows are full.
  std::size_t first_row() const noexcept { return first_row_; }
  std::size_t segment_length() const noexcept { return segment_length_; }

  // Feeds `values` (stream indices first_index...) segment by segment and
  // calls scan(from, to) for each run of rows whose blocks are summed. With
  // `check`, stops at the first NaN or infinity and returns its offset in
  // `values` (the caller then restores its state), else returns npos. The
  // check costs nothing extra: a non-finite value makes the segment's block
  // sums non-finite; only then, or on an overflow, are the values searched.
  template <class Scan>
  std::size_t feed(std::span<const double> values, std::size_t first_index, bool check, Scan scan);

  // feed() with the check, for a detector whose own state is `state`: on a
  // bad value both the windows and `state` are put back as they were.
  template <class State, class Scan>
  std::size_t feed_checked(std::span<const double> values, std::size_t first_index, State& state,
                           Scan scan) {
    const LaggedWindowMoments saved = *this;
    const State saved_state = state;
    const std::size_t bad = feed(values, first_index, true, scan);
    if (bad != signal::kernels::npos) {
      *this = saved;
      state = saved_state;
    }
    return bad;
  }

  // Makes the samples first_index, first_index+1, ... of `values` readable
  // until end_span(), which keeps what later rows still need.
  void begin_span(std::span<const double> values, std::size_t first_index) noexcept;
  void end_span();

  // Starts the segment of `row` if `row` is the first row after the current
  // segment, and returns the end (exclusive) of the segment holding `row`.
  std::size_t enter_segment(std::size_t row);
  // Sums every block of the current segment that ends at or before `end`.
  void cover(std::size_t end);

  // Precondition: first_row() <= row, row in the current segment, row < end
  // of the last cover().
  WindowPairM2 at(std::size_t row) const noexcept;
  // at() for the 8 rows of `block`, which must be covered and whose first row
  // is at least first_row(): the same bits, for a third of the work.
  void at_block(std::size_t block, std::span<WindowPairM2, kBlock> rows) const noexcept;
  // Precondition: the whole block lies in the current segment, was covered,
  // and its first row is at least first_row().
  WindowPairBounds bounds(std::size_t block) const noexcept;
  // Calls row_and_m2(row, at(row)) for the 8 rows of `block` (via at_block).
  template <class F>
  void each_row_of_block(std::size_t block, F row_and_m2) const {
    std::array<WindowPairM2, kBlock> m2;
    at_block(block, m2);
    for (std::size_t r = 0; r < kBlock; ++r) row_and_m2(block * kBlock + r, m2[r]);
  }
  // Splits rows [first, end) in order: rows(from, to) for those before the
  // first whole block, blocks(first_block, count) for the whole blocks, and
  // rows(from, to) for those after.
  template <class Rows, class Blocks>
  static void split_into_blocks(std::size_t first, std::size_t end, Rows rows, Blocks blocks) {
    const std::size_t first_block = (first + kBlock - 1) / kBlock;
    const std::size_t end_block = end / kBlock;
    if (first_block >= end_block) return rows(first, end);
    rows(first, first_block * kBlock);
    blocks(first_block, end_block - first_block);
    rows(end_block * kBlock, end);
  }

  // The first k >= from with marks[k] == 0, or marks.size(). Marks are
  // mostly set: a run of 8 set ones costs one test, not 8 branches.
  static std::size_t next_unmarked(std::span<const BlockMark> marks, std::size_t from) noexcept {
    constexpr std::size_t kRun = 8;
    std::size_t k = from;
    for (; k + kRun <= marks.size(); k += kRun) {
      BlockMark all = ~BlockMark{0};
      for (std::size_t i = 0; i < kRun; ++i) all &= marks[k + i];
      if (all == 0) break;
    }
    while (k < marks.size() && marks[k] != 0) ++k;
    return k;
  }

  // The input sample at `index`: within the span or up to lookback + 1 before
  // the current segment's first row.
  double value(std::size_t index) const noexcept {
    return index >= span_first_ ? span_[index - span_first_] : history_[index - history_first_];
  }

  // marks[k] is set (mark_if) when bounds prove, for every row of block
  // first_block+k, recent <= factor * baseline (mark_recent_at_most, from
  // bounds()), or recent >= factor * baseline (mark_recent_at_least: each half
  // of the rows from the half blocks their recent windows share, against
  // bounds()' baseline_max; needs RecentBounds::upper_and_lower). The bounds
  // are compared before their clamp at 0, so a block whose lower bound clamps
  // to 0 may go unmarked where the clamped bounds would just prove it. Same
  // preconditions as bounds().
  void mark_recent_at_most(std::size_t first_block, double factor,
                           std::span<BlockMark> marks) const noexcept;
  void mark_recent_at_least(std::size_t first_block, double factor,
                            std::span<BlockMark> marks) const noexcept;

  // Rows 8j+3 and 8j+7 end the halves of block j; between and before them lie
  // runs of this many rows.
  static constexpr std::size_t kRowsBeforeHalfEnd = kBlock / 2 - 1;
  // Whether bounds prove recent >= factor * baseline at both rows of `block`
  // that end a half block: each recent window's half-block subset against its
  // baseline window's half-block superset, both widened by the margin and
  // compared unclamped, as in mark_recent_at_least(). For the default windows
  // (R = 20, B = 100) these are the windows themselves, so only rounding
  // keeps the test from being exact. Same preconditions as
  // mark_recent_at_least().
  bool half_end_rows_at_least(std::size_t block, double factor) const noexcept;
  // Whether bounds prove recent <= factor * baseline for every row of
  // `block`, each half of its rows bounded from the half blocks around them:
  // their recent windows' union outward, their baseline windows'
  // intersection inward, compared as in mark_recent_at_most(). The prefix
  // sums at a block's middle are computed as at() computes them, so this
  // needs neither RecentBounds::upper_and_lower nor more of the block pass.
  // Same preconditions as bounds().
  bool recent_at_most_by_halves(std::size_t block, double factor) const noexcept;

  void reset() noexcept;

 private:
  // No member initialisers: at_block() fills an array of these in full, and
  // zeroing it first cost a tenth of the function.
  struct Sums {
    double first;
    double second;
  };
  double z(std::size_t index) const noexcept {
    if (!differences_) return value(index);
    return index == 0 ? 0.0 : value(index) - value(index - 1);
  }
  // For differences the first-moment "prefix" is the input itself, x[end-1]
  // (a window's sum of z telescopes to x[b] - x[a]), and a window's shifted
  // sum subtracts count * shift: the drift is the shift then, else 0.
  double first_drift() const noexcept { return differences_ ? shift_ : 0.0; }
  // Unclamped m2 of a window of `count` values from the differences of its
  // prefix sums at its two ends (first, second moments). kDrifts is
  // differences_, known when compiling for the marks: without a drift (the
  // values themselves) they save a multiplication and a subtraction per
  // bound, and s - count * 0 is s, so the bits are the same either way.
  template <bool kDrifts>
  static double window_m2(double first, double second, double count, double inverse_count,
                          double drift) noexcept {
    double s1 = first;
    if constexpr (kDrifts) s1 -= count * drift;
    return second - s1 * s1 * inverse_count;
  }
  // Whether the sums so far and the values of [start of the unsummed block, end) are finite.
  bool finite_through(std::size_t end) const noexcept;
  // C(end - 1) above, reading z through `z`.
  template <class Z, class X>
  Sums prefix(std::size_t end, Z z, X x) const noexcept;
  // Calls visit(z, x) with the fastest readers of z and of the input that
  // serve indices >= lowest.
  template <class Visit>
  void with_reader(std::size_t lowest, Visit visit) const noexcept;
  WindowPairM2 pair_from(const Sums& end, const Sums& middle, const Sums& start) const noexcept;
  // The prefixes C(row + 1), C(row + 1 - R), C(row + 1 - R - B) of one row.
  struct Cursor {
    std::size_t row = 0;
    std::size_t segment_end = 0;  // 0: none
    std::array<std::size_t, 3> ends{};
    std::array<Sums, 3> sums{};
  };
  template <class Z, class X>
  Cursor cursor_at(std::size_t row, Z z, X x) const noexcept;
  template <class Z, class X>
  void advance(Cursor& cursor, Z z, X x) const noexcept;  // to the next row
  // Adds the value at `index` to `sums` within a block: C(index) becomes
  // C(index + 1) (for differences the first moment is the input itself).
  template <class Z, class X>
  void add_value(Sums& sums, std::size_t index, Z z, X x) const noexcept;
  // C(start), ..., C(start + 7), for at_block().
  template <class Z, class X>
  void edge_prefixes(std::size_t start, Z z, X x, std::span<Sums, kBlock> out) const noexcept;
  // Whole blocks j+from .. j+to-1 around block j (see the constructor). An
  // empty range (from == to, counts 0) sums to 0 by the same formula as any
  // other, and only lower bounds, clamped at 0, can be empty.
  struct BlockRange {
    std::ptrdiff_t from = 0;
    std::ptrdiff_t to = 0;
    double count = 0.0;
    double inverse_count = 0.0;
  };
  static BlockRange block_range(long long lo, long long hi);
  // Half blocks 2j+from .. 2j+to-1 around block j: where each end falls (at a
  // block's start, or at its middle: `mid`) and in which block, relative to j.
  // Empty: both ends at block j's start, counts 0.
  struct HalfRange {
    bool from_mid = false;
    std::ptrdiff_t from_block = 0;
    bool to_mid = false;
    std::ptrdiff_t to_block = 0;
    double count = 0.0;
    double inverse_count = 0.0;
  };
  static HalfRange half_range(long long from, long long to);
  // The prefix sums at a half range's two ends, seen from the block at `slot`.
  struct HalfSums {
    HalfRange range;
    const double* from1;
    const double* to1;
    const double* from2;
    const double* to2;
  };
  HalfSums half_sums(const HalfRange& range, std::size_t slot) const noexcept;
  // m2 of `range` around the block at `slot`, widened by the margin on `side`
  // (+1 up, -1 down) and clamped at 0.
  double bound(const BlockRange& range, std::size_t slot, double side) const noexcept {
    const double widened =
        unclamped_bound<true>(range, prefix_first_.data() + slot, prefix_second_.data() + slot,
                              first_drift(), side * margin_scale_);
    return widened > 0.0 ? widened : 0.0;
  }
  // The same before the clamp, from the prefix sums at the block itself (p1,
  // p2), its drift and its signed margin scale: what the marks compare.
  template <bool kDrifts>
  static double unclamped_bound(const BlockRange& range, const double* p1, const double* p2,
                                double drift, double signed_margin_scale) noexcept {
    return window_m2<kDrifts>(p1[range.to] - p1[range.from], p2[range.to] - p2[range.from],
                              range.count, range.inverse_count, drift) +
           p2[1] * signed_margin_scale;
  }
  template <bool kDrifts>
  void mark_adjacent_at_most(std::size_t first_block, double factor,
                             std::span<BlockMark> marks) const noexcept;
  template <bool kDrifts>
  void mark_halves_at_least(std::size_t first_block, double factor,
                            std::span<BlockMark> marks) const noexcept;
  // Sums `count` blocks whose values (with the preceding one for differences)
  // are `values`, and extends the prefix sums (and the middle ones, if kept).
  void sum_blocks(std::span<const double> values, std::size_t count);

  std::size_t recent_;
  std::size_t baseline_;
  bool differences_;
  std::size_t lookback_;  // H: a multiple of kBlock
  std::size_t segment_length_;
  std::size_t first_row_;
  double inverse_recent_;
  double inverse_baseline_;
  // Rounding error of the bounds and of at() is below (S/4) eps sqrt(S/2)
  // times the segment's sum of squares so far; the bounds' margin, S * 2^-40
  // of it, is wider for every S up to 5e8.
  double margin_scale_;

  std::span<const double> span_;
  std::size_t span_first_ = 0;
  std::vector<double> history_;  // samples history_first_ .. span_first_ - 1
  std::size_t history_first_ = 0;

  std::size_t segment_end_ = 0;  // 0 before the first segment
  std::size_t origin_ = 0;       // first row summed in the current segment
  double shift_ = 0.0;
  std::size_t blocks_summed_ = 0;  // absolute index of the next block to sum
  // at()'s last row, which a stream's next row continues from (a cache: it
  // changes no figure, only what computing one costs).
  mutable Cursor cursor_;
  // P over blocks from the origin's, [0] = 0; for differences prefix_first_
  // holds the input value just before each block instead (the kernel's
  // telescoped first moments; see first_drift()).
  std::vector<double> prefix_first_;
  std::vector<double> prefix_second_;
  // The same at the middle of each block (after its first 4 values), kept for
  // RecentBounds::upper_and_lower only; empty otherwise.
  std::vector<double> middle_first_;
  std::vector<double> middle_second_;
  BlockRange recent_superset_;
  BlockRange recent_subset_;
  BlockRange baseline_superset_;
  BlockRange baseline_subset_;
  std::array<HalfRange, 2> recent_half_subsets_;  // rows 8j..8j+3 and 8j+4..8j+7
  // Rows 8j+3 and 8j+7: their recent windows' subsets, baseline windows' supersets.
  std::array<HalfRange, 2> half_end_recent_;
  std::array<HalfRange, 2> half_end_baseline_;
  // Rows 8j+4g..8j+4g+3 (g = 0, 1): their baseline windows' half-block
  // subset, values [8j+start, 8j+shared), and recent windows' superset,
  // [8j+shared, 8j+end), which meet as in mark_adjacent_at_most(). An empty
  // subset starts at `shared`.
  struct HalfRows {
    std::ptrdiff_t start = 0;
    std::ptrdiff_t shared = 0;
    std::ptrdiff_t end = 0;
    double baseline_count = 0.0;
    double inverse_baseline_count = 0.0;
    double recent_count = 0.0;
    double inverse_recent_count = 0.0;
  };
  std::array<HalfRows, 2> half_rows_;
};

template <class Scan>
std::size_t LaggedWindowMoments::feed(std::span<const double> values, std::size_t first_index,
                                      bool check, Scan scan) {
  begin_span(values, first_index);
  const std::size_t end = first_index + values.size();
  std::size_t brought = first_index;  // values from here on are not brought yet
  for (std::size_t i = first_index; i < end;) {
    const std::size_t stop = std::min(end, enter_segment(i));
    // The next segment is brought into cache before its pass (with the piece
    // it starts, kBringPiece), so that the pass finds it there.
    if (values.size() > kBringIntoCacheAbove && stop < end &&
        brought < std::min(end, stop + segment_length_)) {
      const std::size_t from = std::max(stop, brought);
      brought = std::min(end, from + std::max(segment_length_, kBringPiece));
      signal::kernels::bring_into_cache(values.subspan(from - first_index, brought - from));
    }
    cover(stop);
    if (check && !finite_through(stop)) {
      const std::size_t bad = signal::kernels::first_non_finite(values);
      if (bad != signal::kernels::npos) return bad;
      check = false;  // an overflow of finite values: they are all finite
    }
    scan(i, stop);
    i = stop;
  }
  end_span();
  return signal::kernels::npos;
}

}  // namespace lf::detect
