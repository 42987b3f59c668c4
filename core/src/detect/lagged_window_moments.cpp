#include "lf/detect/lagged_window_moments.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>

#include "lf/signal/kernels.hpp"

namespace lf::detect {
namespace {

constexpr std::size_t kMinSegment = 4096;
static_assert(LaggedWindowMoments::kBlock == signal::kernels::kMomentBlock);

// The marks are straight loops over blocks that the compiler vectorises; on a
// CPU with AVX-512 (x86-64-v4) GCC's function multi-versioning picks, once at
// load time, a clone built twice as wide (in cache on the AMD Zen 4 host, 7-9%
// less time for variance_compression, 2-3% for phase_transition). Each lane
// does the same IEEE operations either way.
// The loops live in templates that must be inlined into each clone: one left
// out of line is built for the default target alone, whichever clone calls it.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define LF_WIDEST_VECTORS __attribute__((target_clones("arch=x86-64-v4", "default")))
#define LF_INLINED_INTO_CLONES __attribute__((always_inline)) inline
#else
#define LF_WIDEST_VECTORS
#define LF_INLINED_INTO_CLONES
#endif

std::size_t round_up_to_block(std::size_t n) {
  return (n + LaggedWindowMoments::kBlock - 1) / LaggedWindowMoments::kBlock *
         LaggedWindowMoments::kBlock;
}

// Floor and ceiling of n / 8 for possibly negative n.
long long floor_block(long long n) {
  return n >= 0 ? n / 8 : -((-n + 7) / 8);
}
long long ceil_block(long long n) {
  return -floor_block(-n);
}

double clamped_m2(double first, double second, double inverse_count) {
  const double m2 = second - first * first * inverse_count;
  return m2 > 0.0 ? m2 : 0.0;
}

}  // namespace

LaggedWindowMoments::LaggedWindowMoments(std::size_t recent, std::size_t baseline,
                                         WindowInput input, std::size_t lookback,
                                         RecentBounds recent_bounds)
    : recent_(recent),
      baseline_(baseline),
      differences_(input == WindowInput::differences),
      lookback_(round_up_to_block(std::max(recent + baseline, lookback))),
      segment_length_(std::max(kMinSegment, 4 * lookback_)),
      first_row_(differences_ ? recent + baseline : recent + baseline - 1),
      inverse_recent_(1.0 / static_cast<double>(recent)),
      inverse_baseline_(1.0 / static_cast<double>(baseline)),
      margin_scale_(static_cast<double>(segment_length_) * 0x1p-40) {
  // Rows 8j..8j+7: the union of their recent windows is [8j-R+1, 8j+8), the
  // intersection [8j+8-R, 8j+1); the baseline windows sit R earlier and span
  // B. A superset is covered by whole blocks outward, a subset inward, and
  // since 8j is a whole number of blocks the covering blocks lie at fixed
  // offsets from block j.
  const auto r = static_cast<long long>(recent);
  const auto b = static_cast<long long>(baseline);
  recent_superset_ = block_range(floor_block(1 - r), 0);
  recent_subset_ = block_range(ceil_block(8 - r), -1);
  baseline_superset_ = block_range(floor_block(1 - r - b), floor_block(7 - r));
  baseline_subset_ = block_range(ceil_block(8 - r - b), floor_block(-7 - r));
  // floor((-7 - R) / 8) + 1 = floor((1 - R) / 8): the subset ends where the
  // recent superset starts, which the marks read once for both.
  assert(baseline_subset_.count == 0 || baseline_subset_.to == recent_superset_.from);
  // Rows 8j+4g..8j+4g+3 (g = 0, 1) share [8j+4g+4-R, 8j+4g+1) of their
  // recent windows: inward to whole half blocks, halves 2j+g+1-floor(R/4) up
  // to 2j+g.
  for (long long g = 0; g < 2; ++g) recent_half_subsets_[g] = half_range(g + 1 - r / 4, g);
  // Row 8j+4g+3's recent window ends at half point 2j+g+1 (point h is value
  // 4h) and starts R values earlier, inward at point 2j+g+1-floor(R/4); its
  // baseline window ends there, outward at the same point, and starts at
  // point 2j+g+1-ceil((R+B)/4), outward.
  for (long long g = 0; g < 2; ++g) {
    half_end_recent_[g] = half_range(g + 1 - r / 4, g + 1);
    half_end_baseline_[g] = half_range(g + 1 - (r + b + 3) / 4, g + 1 - r / 4);
  }
  // Rows 8j+4g..8j+4g+3: their recent windows span [8j+4g+1-R, 8j+4g+4),
  // outward from a multiple of 4 below; their baseline windows share
  // [8j+4g+4-R-B, 8j+4g+1-R), inward between multiples of 4.
  const auto floor_half = [](long long n) { return n >= 0 ? n / 4 * 4 : -((-n + 3) / 4 * 4); };
  for (long long g = 0; g < 2; ++g) {
    const long long shared = floor_half(4 * g + 1 - r);
    const long long start = std::min(shared, -floor_half(r + b - 4 * g - 4));
    const long long end = 4 * g + 4;
    const auto baseline_count = static_cast<double>(shared - start);
    const auto recent_count = static_cast<double>(end - shared);
    half_rows_[g] = {static_cast<std::ptrdiff_t>(start),
                     static_cast<std::ptrdiff_t>(shared),
                     static_cast<std::ptrdiff_t>(end),
                     baseline_count,
                     baseline_count > 0.0 ? 1.0 / baseline_count : 0.0,
                     recent_count,
                     1.0 / recent_count};
  }
  // A segment holds at most (S + H) / 8 blocks from its origin on.
  const std::size_t slots = (segment_length_ + lookback_) / kBlock + 1;
  prefix_first_.assign(slots, 0.0);
  prefix_second_.assign(slots, 0.0);
  if (recent_bounds == RecentBounds::upper_and_lower) {
    middle_first_.assign(slots, 0.0);
    middle_second_.assign(slots, 0.0);
  }
}

void LaggedWindowMoments::begin_span(std::span<const double> values,
                                     std::size_t first_index) noexcept {
  assert(history_first_ + history_.size() == first_index || history_.empty());
  span_ = values;
  span_first_ = first_index;
}

void LaggedWindowMoments::end_span() {
  const std::size_t end = span_first_ + span_.size();
  // Rows from `end` on belong to the current segment or, once it is complete,
  // to the next; either way they read back to the origin's predecessor.
  const std::size_t next_origin =
      end < segment_end_ ? origin_ : (end >= lookback_ ? end - lookback_ : 0);
  const std::size_t keep_from = next_origin > 0 ? next_origin - 1 : 0;
  if (keep_from > history_first_) {
    const std::size_t drop = std::min(keep_from - history_first_, history_.size());
    history_.erase(history_.begin(), history_.begin() + static_cast<std::ptrdiff_t>(drop));
    history_first_ += drop;
  }
  const std::size_t from = std::max(keep_from, span_first_);
  if (history_.empty()) history_first_ = from;
  history_.insert(history_.end(), span_.begin() + static_cast<std::ptrdiff_t>(from - span_first_),
                  span_.end());
  span_ = {};
  span_first_ = end;
}

std::size_t LaggedWindowMoments::enter_segment(std::size_t row) {
  if (segment_end_ != 0 && row < segment_end_) return segment_end_;
  assert(row % segment_length_ == 0);
  segment_end_ = row + segment_length_;
  origin_ = row >= lookback_ ? row - lookback_ : 0;
  shift_ = z(origin_);
  blocks_summed_ = origin_ / kBlock;
  prefix_first_[0] = differences_ ? value(origin_ > 0 ? origin_ - 1 : 0) : 0.0;
  prefix_second_[0] = 0.0;
  cover(row);
  return segment_end_;
}

void LaggedWindowMoments::cover(std::size_t end) {
  const std::size_t last = end / kBlock;  // sum blocks [blocks_summed_, last)
  const std::size_t before = differences_ ? 1 : 0;
  while (blocks_summed_ < last) {
    const std::size_t first_value = blocks_summed_ * kBlock;
    if (first_value >= before && first_value - before >= span_first_) {
      // The rest lies in the span: one kernel call for all of it.
      const std::size_t count = last - blocks_summed_;
      sum_blocks(span_.subspan(first_value - before - span_first_, count * kBlock + before), count);
    } else {
      // A block that straddles the kept history and the span (or the very
      // first difference, z[0] = 0): copied out, summed by the same kernel.
      std::array<double, kBlock + 1> copy;
      for (std::size_t i = 0; i < kBlock + before; ++i) {
        const std::size_t index = first_value + i;
        copy[i] = value(index >= before ? index - before : 0);
      }
      sum_blocks(std::span<const double>(copy.data(), kBlock + before), 1);
    }
  }
}

void LaggedWindowMoments::sum_blocks(std::span<const double> values, std::size_t count) {
  const std::size_t base = blocks_summed_ - origin_ / kBlock;
  const auto from_base = [base, count](std::vector<double>& sums, std::size_t extra) {
    return sums.empty() ? std::span<double>()
                        : std::span<double>(sums).subspan(base, count + extra);
  };
  signal::kernels::block_moment_prefixes(values, differences_, shift_, from_base(prefix_first_, 1),
                                         from_base(prefix_second_, 1), from_base(middle_first_, 0),
                                         from_base(middle_second_, 0));
  blocks_summed_ += count;
}

bool LaggedWindowMoments::finite_through(std::size_t end) const noexcept {
  const std::size_t slot = blocks_summed_ - origin_ / kBlock;
  if (!std::isfinite(prefix_first_[slot]) || !std::isfinite(prefix_second_[slot])) return false;
  for (std::size_t i = std::max(blocks_summed_ * kBlock, span_first_); i < end; ++i) {
    if (!std::isfinite(value(i))) return false;
  }
  return true;
}

template <class Z, class X>
LaggedWindowMoments::Sums LaggedWindowMoments::prefix(std::size_t end, Z z, X x) const noexcept {
  if (end <= origin_) return {differences_ ? prefix_first_[0] : 0.0, 0.0};
  const std::size_t block = end / kBlock;
  const std::size_t slot = block - origin_ / kBlock;
  Sums sums{prefix_first_[slot], prefix_second_[slot]};
  for (std::size_t i = block * kBlock; i < end; ++i) add_value(sums, i, z, x);
  return sums;
}

template <class Z, class X>
void LaggedWindowMoments::add_value(Sums& sums, std::size_t index, Z z, X x) const noexcept {
  const double v = z(index) - shift_;
  sums.first = differences_ ? x(index) : sums.first + v;
  sums.second += v * v;
}

template <class Visit>
void LaggedWindowMoments::with_reader(std::size_t lowest, Visit visit) const noexcept {
  // Inside the span z and x are read straight from it; earlier values go
  // through value(), which also looks into the kept history.
  const std::size_t before = differences_ ? 1 : 0;
  if (lowest >= span_first_ + before) {
    const double* values = span_.data();
    const std::size_t first = span_first_;
    const auto x = [=](std::size_t i) { return values[i - first]; };
    if (differences_) {
      visit([=](std::size_t i) { return values[i - first] - values[i - 1 - first]; }, x);
    } else {
      visit(x, x);
    }
  } else {
    visit([this](std::size_t i) { return z(i); }, [this](std::size_t i) { return value(i); });
  }
}

WindowPairM2 LaggedWindowMoments::pair_from(const Sums& end, const Sums& middle,
                                            const Sums& start) const noexcept {
  const double drift = first_drift();
  return {clamped_m2((end.first - middle.first) - static_cast<double>(recent_) * drift,
                     end.second - middle.second, inverse_recent_),
          clamped_m2((middle.first - start.first) - static_cast<double>(baseline_) * drift,
                     middle.second - start.second, inverse_baseline_)};
}

template <class Z, class X>
LaggedWindowMoments::Cursor LaggedWindowMoments::cursor_at(std::size_t row, Z z,
                                                           X x) const noexcept {
  Cursor cursor{row, segment_end_, {row + 1, row + 1 - recent_, row + 1 - recent_ - baseline_}};
  for (std::size_t k = 0; k < 3; ++k) cursor.sums[k] = prefix(cursor.ends[k], z, x);
  return cursor;
}

// The three prefixes a row needs move on by one value per row: each is
// carried forward exactly as prefix() would sum it, and restarts from the
// block sums at a block boundary.
template <class Z, class X>
void LaggedWindowMoments::advance(Cursor& cursor, Z z, X x) const noexcept {
  for (std::size_t k = 0; k < 3; ++k) {
    const std::size_t end = cursor.ends[k]++;
    if ((end + 1) % kBlock == 0) {
      const std::size_t slot = (end + 1) / kBlock - origin_ / kBlock;
      cursor.sums[k] = {prefix_first_[slot], prefix_second_[slot]};
    } else {
      add_value(cursor.sums[k], end, z, x);
    }
  }
  ++cursor.row;
}

WindowPairM2 LaggedWindowMoments::at(std::size_t row) const noexcept {
  // Rows asked for in order (streaming) move the cursor on a few values;
  // any other row starts one afresh. Either way the same bits.
  const auto z_at = [this](std::size_t i) { return z(i); };
  const auto x_at = [this](std::size_t i) { return value(i); };
  if (cursor_.segment_end == segment_end_ && cursor_.row <= row && row - cursor_.row <= kBlock) {
    while (cursor_.row < row) advance(cursor_, z_at, x_at);
  } else {
    cursor_ = cursor_at(row, z_at, x_at);
  }
  return pair_from(cursor_.sums[0], cursor_.sums[1], cursor_.sums[2]);
}

// C(start), ..., C(start + 7), each carried from the one before as advance()
// does, with the block boundary (where the sums restart from the block sums)
// found once rather than tested at every step.
template <class Z, class X>
void LaggedWindowMoments::edge_prefixes(std::size_t start, Z z, X x,
                                        std::span<Sums, kBlock> out) const noexcept {
  const std::size_t block = start / kBlock;
  const std::size_t slot = block - origin_ / kBlock;
  Sums sums{prefix_first_[slot], prefix_second_[slot]};
  const auto add = [&](std::size_t i) { add_value(sums, i, z, x); };
  for (std::size_t i = block * kBlock; i < start; ++i) add(i);
  out[0] = sums;
  // Row `restart` is the first whose prefix ends at the next block's start.
  const std::size_t restart = kBlock - start % kBlock;
  std::size_t r = 1;
  for (; r < std::min(restart, kBlock); ++r) {
    add(start + r - 1);
    out[r] = sums;
  }
  if (r < kBlock) {
    sums = {prefix_first_[slot + 1], prefix_second_[slot + 1]};
    out[r++] = sums;
  }
  for (; r < kBlock; ++r) {
    add(start + r - 1);
    out[r] = sums;
  }
}

void LaggedWindowMoments::at_block(std::size_t block,
                                   std::span<WindowPairM2, kBlock> rows) const noexcept {
  // The 8 rows' prefixes at each window edge, one edge after the other (three
  // independent serial chains), then the rows' figures from them.
  const std::size_t first = block * kBlock;
  const std::array<std::size_t, 3> lags{0, recent_, recent_ + baseline_};
  std::array<std::array<Sums, kBlock>, 3> edges;
  with_reader((first + 1 - recent_ - baseline_) / kBlock * kBlock, [&](auto z, auto x) {
    for (std::size_t k = 0; k < 3; ++k) edge_prefixes(first + 1 - lags[k], z, x, edges[k]);
  });
  for (std::size_t r = 0; r < kBlock; ++r) {
    rows[r] = pair_from(edges[0][r], edges[1][r], edges[2][r]);
  }
}

LaggedWindowMoments::BlockRange LaggedWindowMoments::block_range(long long lo, long long hi) {
  if (hi < lo) return {};
  const auto count = static_cast<double>((hi - lo + 1) * static_cast<long long>(kBlock));
  return {static_cast<std::ptrdiff_t>(lo), static_cast<std::ptrdiff_t>(hi + 1), count, 1.0 / count};
}

LaggedWindowMoments::HalfRange LaggedWindowMoments::half_range(long long from, long long to) {
  if (to <= from) return {};
  const auto count = static_cast<double>((to - from) * static_cast<long long>(kBlock / 2));
  // Half 2k is block k's first half: point 2k is block k's start, 2k+1 its middle.
  const auto block_of = [](long long half) {
    return static_cast<std::ptrdiff_t>(half >= 0 ? half / 2 : -((-half + 1) / 2));
  };
  return {(from & 1) != 0, block_of(from), (to & 1) != 0, block_of(to), count, 1.0 / count};
}

WindowPairBounds LaggedWindowMoments::bounds(std::size_t block) const noexcept {
  const std::size_t slot = block - origin_ / kBlock;
  return {bound(recent_subset_, slot, -1.0), bound(recent_superset_, slot, 1.0),
          bound(baseline_subset_, slot, -1.0), bound(baseline_superset_, slot, 1.0)};
}

LF_WIDEST_VECTORS
void LaggedWindowMoments::mark_recent_at_most(std::size_t first_block, double factor,
                                              std::span<BlockMark> marks) const noexcept {
  if (differences_) {
    mark_adjacent_at_most<true>(first_block, factor, marks);
  } else {
    mark_adjacent_at_most<false>(first_block, factor, marks);
  }
}

LF_WIDEST_VECTORS
void LaggedWindowMoments::mark_recent_at_least(std::size_t first_block, double factor,
                                               std::span<BlockMark> marks) const noexcept {
  assert(!middle_second_.empty());
  if (differences_) {
    mark_halves_at_least<true>(first_block, factor, marks);
  } else {
    mark_halves_at_least<false>(first_block, factor, marks);
  }
}

template <bool kDrifts>
LF_INLINED_INTO_CLONES void LaggedWindowMoments::mark_halves_at_least(
    std::size_t first_block, double factor, std::span<BlockMark> marks) const noexcept {
  // Both halves of the rows against the baseline windows' bound over all 8,
  // in one straight loop over the blocks, as in mark_adjacent_at_most().
  const std::size_t slot = first_block - origin_ / kBlock;
  const double* p1 = prefix_first_.data() + slot;
  const double* p2 = prefix_second_.data() + slot;
  const double drift = first_drift();
  const double margin = margin_scale_;
  const HalfSums lower = half_sums(recent_half_subsets_[0], slot);
  const HalfSums upper = half_sums(recent_half_subsets_[1], slot);
  // Unclamped bounds, as in mark_adjacent_at_most(): rows' recent figures
  // are at least the recent bound, and where the baseline bound is negative
  // their baseline figures, clamped, are 0.
  const auto recent_min = [&](const HalfSums& half, std::size_t k) {
    return window_m2<kDrifts>(half.to1[k] - half.from1[k], half.to2[k] - half.from2[k],
                              half.range.count, half.range.inverse_count, drift) -
           p2[k + 1] * margin;
  };
  for (std::size_t k = 0; k < marks.size(); ++k) {
    const double limit =
        factor * unclamped_bound<kDrifts>(baseline_superset_, p1 + k, p2 + k, drift, margin);
    marks[k] = mark_if((recent_min(lower, k) >= limit) & (recent_min(upper, k) >= limit));
  }
}

// Called for the few blocks the marks leave (about 1 in 80 of white noise
// with variance_compression's defaults): scalar, the prefix sums in cache.
bool LaggedWindowMoments::half_end_rows_at_least(std::size_t block, double factor) const noexcept {
  assert(!middle_second_.empty());
  const std::size_t slot = block - origin_ / kBlock;
  const double margin = prefix_second_[slot + 1] * margin_scale_;
  const auto m2 = [this, slot](const HalfRange& range) {
    const HalfSums sums = half_sums(range, slot);
    return window_m2<true>(*sums.to1 - *sums.from1, *sums.to2 - *sums.from2, range.count,
                           range.inverse_count, first_drift());
  };
  for (std::size_t g = 0; g < 2; ++g) {
    const double recent_min = m2(half_end_recent_[g]) - margin;
    const double baseline_max = m2(half_end_baseline_[g]) + margin;
    if (!(recent_min >= factor * baseline_max)) return false;
  }
  return true;
}

// Called for the few blocks the marks leave (1 in 100 of the benchmark's
// series for phase_transition): scalar, and only prefixes at a block's middle
// add values, 4 at most each.
bool LaggedWindowMoments::recent_at_most_by_halves(std::size_t block,
                                                   double factor) const noexcept {
  const std::size_t first = block * kBlock;
  const double margin = prefix_second_[block + 1 - origin_ / kBlock] * margin_scale_;
  const double drift = first_drift();
  bool calm = true;
  with_reader((first + 1 - recent_ - baseline_) / kBlock * kBlock, [&](auto z, auto x) {
    for (std::size_t g = 0; g < 2 && calm; ++g) {
      const HalfRows& rows = half_rows_[g];
      const Sums start = prefix(first + rows.start, z, x);
      const Sums shared = prefix(first + rows.shared, z, x);
      const Sums end = prefix(first + rows.end, z, x);
      const double recent_max =
          window_m2<true>(end.first - shared.first, end.second - shared.second, rows.recent_count,
                          rows.inverse_recent_count, drift) +
          margin;
      const double baseline_min =
          window_m2<true>(shared.first - start.first, shared.second - start.second,
                          rows.baseline_count, rows.inverse_baseline_count, drift) -
          margin;
      calm = recent_max <= factor * baseline_min;
    }
  });
  return calm;
}

LaggedWindowMoments::HalfSums LaggedWindowMoments::half_sums(const HalfRange& range,
                                                             std::size_t slot) const noexcept {
  const auto point = [slot](bool middle, std::ptrdiff_t block, const std::vector<double>& starts,
                            const std::vector<double>& middles) {
    return (middle ? middles : starts).data() + static_cast<std::ptrdiff_t>(slot) + block;
  };
  return {range, point(range.from_mid, range.from_block, prefix_first_, middle_first_),
          point(range.to_mid, range.to_block, prefix_first_, middle_first_),
          point(range.from_mid, range.from_block, prefix_second_, middle_second_),
          point(range.to_mid, range.to_block, prefix_second_, middle_second_)};
}

template <bool kDrifts>
LF_INLINED_INTO_CLONES void LaggedWindowMoments::mark_adjacent_at_most(
    std::size_t first_block, double factor, std::span<BlockMark> marks) const noexcept {
  // One straight loop over the blocks, which the compiler vectorises (marks
  // are not of a char type, which could alias the sums). The recent windows'
  // superset, blocks [f, 1) around each block, and the baseline windows'
  // subset, [g, f), meet at f (see the constructor), and the margin scales
  // with the sum at 1: three prefix points per block, where the two bounds
  // as written read four and the margin a fifth. An empty subset is [f, f):
  // its sums are 0, as from any other point.
  //
  // The bounds are compared unclamped, which spares wasm two selects a block
  // (3 to 4 SIMD instructions each) and stays sound: the rows' recent figures
  // are at most the upper bound or 0, and their baseline figures at least the
  // lower bound and 0, so `recent <= factor * baseline` of the bounds proves
  // it of every row (a negative baseline bound then forces a recent one of at
  // most 0). Where a clamp would have made 0 <= 0 the test may fail instead,
  // which costs one block computed exactly.
  const std::size_t slot = first_block - origin_ / kBlock;
  const std::ptrdiff_t shared = recent_superset_.from;
  const std::ptrdiff_t start = baseline_subset_.count > 0 ? baseline_subset_.from : shared;
  const double* p1 = prefix_first_.data() + slot;
  const double* p2 = prefix_second_.data() + slot;
  const double drift = first_drift();
  const double margin = margin_scale_;
  const auto m2 = [drift](const BlockRange& range, double first, double second) {
    return window_m2<kDrifts>(first, second, range.count, range.inverse_count, drift);
  };
  // A pointer per prefix point, not indices: clang then forms each address
  // with one addition from a shared offset (wasm 1-2% faster in cache).
  const double* end1p = p1 + 1;
  const double* end2p = p2 + 1;
  const double* shared1p = p1 + shared;
  const double* shared2p = p2 + shared;
  const double* start1p = p1 + start;
  const double* start2p = p2 + start;
  BlockMark* out = marks.data();
  BlockMark* const out_end = out + marks.size();
  for (; out != out_end; ++out, ++end1p, ++end2p, ++shared1p, ++shared2p, ++start1p, ++start2p) {
    const double end1 = *end1p, end2 = *end2p;
    const double shared1 = *shared1p, shared2 = *shared2p;
    const double start1 = *start1p, start2 = *start2p;
    const double recent = m2(recent_superset_, end1 - shared1, end2 - shared2) + end2 * margin;
    const double baseline =
        m2(baseline_subset_, shared1 - start1, shared2 - start2) - end2 * margin;
    *out = mark_if(recent <= factor * baseline);
  }
}

void LaggedWindowMoments::reset() noexcept {
  span_ = {};
  span_first_ = 0;
  history_.clear();
  history_first_ = 0;
  segment_end_ = 0;
  cursor_ = {};
  origin_ = 0;
  shift_ = 0.0;
  blocks_summed_ = 0;
  prefix_first_[0] = 0.0;
  prefix_second_[0] = 0.0;
}

}  // namespace lf::detect
