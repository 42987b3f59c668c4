// LaggedWindowMoments and the two detectors built on it (phase_transition and
// variance_compression 2.x), checked against outside truths:
//   - at() against a two-pass sum of squared deviations of each window;
//   - bounds() and the marks hold for every row of a block; mark_recent_at_most
//     is exactly what bounds() prove where the baseline's lower bound is above
//     0 (and never more), mark_recent_at_least at least that (and
//     marks nearly every block of white noise); half_end_rows_at_least holds
//     for the rows that end a half block, proves at least what bounds()
//     prove, and is exact but for rounding at the default windows;
//     recent_at_most_by_halves holds for every row, proves at least what
//     bounds() prove, and most of what they leave; at_block() is at() bit for
//     bit; at(), at_block(), bounds() and mark_recent_at_most do not depend
//     on RecentBounds;
//   - the figures do not depend on how the stream is split into spans;
//   - the detectors give bit-identical alerts in batch, sample by sample and
//     in random chunks, on adversarial series, also after pushes rejected
//     for a non-finite value; and the same bits natively and under wasm;
//   - known-answer alerts on series with a known change.
//
// Data: mt19937_64 and integer-to-double conversions, + - * only, so the
// series are the same natively and under wasm.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <random>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "lf/common/error.hpp"
#include "lf/detect/lagged_window_moments.hpp"
#include "lf/detect/registry.hpp"

using lf::detect::Alert;
using lf::detect::LaggedWindowMoments;
using lf::detect::ParameterList;
using lf::detect::RecentBounds;
using lf::detect::WindowInput;
using lf::detect::WindowPairBounds;
using lf::detect::WindowPairM2;

namespace {

constexpr std::size_t kBlock = LaggedWindowMoments::kBlock;

std::uint64_t bits(double v) {
  std::uint64_t u;
  std::memcpy(&u, &v, sizeof u);
  return u;
}

// FNV-1a over 64-bit words: a fingerprint of many figures' bits.
class Fingerprint {
 public:
  void add(std::uint64_t word) {
    for (int k = 0; k < 8; ++k) {
      hash_ ^= (word >> (8 * k)) & 0xff;
      hash_ *= 0x100000001b3ULL;
    }
  }
  void add(double v) { add(bits(v)); }
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

// Zero-mean, unit-variance noise (Irwin-Hall of 4 uniforms, as in
// bench/series.hpp), plus raw integers for regime choices.
class Noise {
 public:
  explicit Noise(std::uint64_t seed) : rng_(seed) {}
  double operator()() {
    double total = 0.0;
    for (int k = 0; k < 4; ++k) total += static_cast<double>(rng_() >> 11) * 0x1p-53;
    return (total - 2.0) * 1.7320508075688772;
  }
  std::uint64_t next() { return rng_(); }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }

 private:
  std::mt19937_64 rng_;
};

// ---------------------------------------------------------------------------
// Series for the reference checks.

std::vector<double> iid_noise(std::size_t n, std::uint64_t seed, double offset = 0.0) {
  Noise noise(seed);
  std::vector<double> x(n);
  for (auto& v : x) v = offset + noise();
  return x;
}

// sigma 100 up to `at`, then sigma 0.01 (mid-segment for S = 4096 and 6016).
std::vector<double> volatility_collapse(std::size_t n, std::size_t at) {
  Noise noise(11);
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = (i < at ? 100.0 : 0.01) * noise();
  return x;
}

std::vector<double> trend_plus_noise(std::size_t n, double slope = 0.5, double scale = 1.0) {
  Noise noise(12);
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = slope * static_cast<double>(i) + scale * noise();
  return x;
}

// Noise and exactly constant stretches, some covering whole segments with
// their origins, some entered and left mid-segment, one after sigma 100.
std::vector<double> constant_stretches(std::size_t n) {
  Noise noise(13);
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (i < 2500) {
      x[i] = noise();
    } else if (i < 9500) {
      x[i] = 5.0;
    } else if (i < 10000) {
      x[i] = 100.0 * noise();
    } else if (i < 17000) {
      x[i] = -3.25;
    } else if (i < 17500) {
      x[i] = 0.01 * noise();
    } else {
      x[i] = 1e6;
    }
  }
  return x;
}

// ---------------------------------------------------------------------------
// The engine, driven as the detectors drive it.

struct WindowConfig {
  std::size_t recent;
  std::size_t baseline;
  std::size_t lookback;
};

// The documented segment layout: H = max(R + B, lookback) rounded up to 8,
// S = max(4096, 4H).
std::size_t expected_lookback(const WindowConfig& c) {
  return (std::max(c.recent + c.baseline, c.lookback) + kBlock - 1) / kBlock * kBlock;
}
std::size_t expected_segment(const WindowConfig& c) {
  return std::max<std::size_t>(4096, 4 * expected_lookback(c));
}

// Feeds x to `m` in spans ending at `cuts` (the last must be x.size()), per
// span: begin_span, then per segment enter_segment / cover, end_span. Calls
// on_row(row) for every row >= first_row() as soon as it is covered, and
// on_block(block) for every block that has just been completed, lies in the
// current segment and starts at or after first_row().
template <class OnRow, class OnBlock>
void drive(LaggedWindowMoments& m, const std::vector<double>& x,
           const std::vector<std::size_t>& cuts, OnRow on_row, OnBlock on_block) {
  const std::size_t segment = m.segment_length();
  std::size_t begin = 0;
  for (const std::size_t cut : cuts) {
    m.begin_span(std::span<const double>(x).subspan(begin, cut - begin), begin);
    for (std::size_t i = begin; i < cut;) {
      const std::size_t segment_end = m.enter_segment(i);
      REQUIRE(segment_end % segment == 0);
      REQUIRE(segment_end > i);
      const std::size_t segment_start = segment_end - segment;
      const std::size_t stop = std::min(cut, segment_end);
      m.cover(stop);
      for (std::size_t row = std::max(i, m.first_row()); row < stop; ++row) on_row(row);
      for (std::size_t block = i / kBlock; (block + 1) * kBlock <= stop; ++block) {
        if ((block + 1) * kBlock > i && block * kBlock >= segment_start &&
            block * kBlock >= m.first_row()) {
          on_block(block);
        }
      }
      i = stop;
    }
    m.end_span();
    begin = cut;
  }
}

std::vector<double> inputs_of(const std::vector<double>& x, WindowInput input) {
  if (input == WindowInput::values) return x;
  std::vector<double> z(x.size(), 0.0);
  for (std::size_t i = 1; i < x.size(); ++i) z[i] = x[i] - x[i - 1];
  return z;
}

// Two-pass sum of squared deviations of z[first, end), with the mean
// corrected by a second pass (so a 1e9 offset costs nothing).
double two_pass_m2(const std::vector<double>& z, std::size_t first, std::size_t end) {
  const double n = static_cast<double>(end - first);
  double sum = 0.0;
  for (std::size_t k = first; k < end; ++k) sum += z[k];
  double mean = sum / n;
  double residual = 0.0;
  for (std::size_t k = first; k < end; ++k) residual += z[k] - mean;
  mean += residual / n;
  double m2 = 0.0;
  for (std::size_t k = first; k < end; ++k) m2 += (z[k] - mean) * (z[k] - mean);
  return m2;
}

// Names as std::string: doctest's INFO prints a const char* as a pointer.
std::string input_name(WindowInput input) {
  return input == WindowInput::values ? "values" : "differences";
}

struct NamedSeries {
  std::string name;
  std::vector<double> x;
};

// The tolerance of at() against the two-pass reference: relative to the
// window's own m2, plus (for the cancellation inherent in prefix sums)
// relative to the sum of squares of the shifted inputs from the segment's
// origin to the row.
constexpr double kRelative = 1e-9;
constexpr double kSegmentRelative = 1e-12;

struct ReferenceStats {
  std::size_t rows = 0;
  std::size_t failures = 0;
  std::size_t exact_zero_rows = 0;   // rows whose segment is constant so far
  double worst_segment_error = 0.0;  // max (|err| - kRelative*ref) / segment sum of squares
};

void check_against_reference(const std::vector<double>& x, const WindowConfig& config,
                             WindowInput input, const std::string& series, ReferenceStats& stats) {
  // at() only: the lower bounds' half-block sums are not needed.
  LaggedWindowMoments m(config.recent, config.baseline, input, config.lookback,
                        RecentBounds::upper);
  const std::size_t segment = expected_segment(config);
  const std::size_t lookback = expected_lookback(config);
  REQUIRE(m.segment_length() == segment);
  // Differences: z[0] = 0 is not data, so the first full row is one later.
  REQUIRE(m.first_row() == (input == WindowInput::differences
                                ? config.recent + config.baseline
                                : config.recent + config.baseline - 1));
  const auto z = inputs_of(x, input);

  // Sum of squares of z - z[origin] over [origin, row], and the last index
  // where z differs from z[origin], maintained per segment.
  std::size_t origin = static_cast<std::size_t>(-1);
  std::size_t summed_to = 0;
  double segment_squares = 0.0;
  bool constant_so_far = true;
  const auto advance = [&](std::size_t row) {
    const std::size_t start = row / segment * segment;
    const std::size_t o = start >= lookback ? start - lookback : 0;
    if (o != origin) {
      origin = o;
      summed_to = o;
      segment_squares = 0.0;
      constant_so_far = true;
    }
    for (; summed_to <= row; ++summed_to) {
      const double v = z[summed_to] - z[origin];
      segment_squares += v * v;
      if (z[summed_to] != z[origin]) constant_so_far = false;
    }
  };

  std::vector<WindowPairM2> rows(x.size());
  drive(
      m, x, {x.size()},
      [&](std::size_t row) {
        advance(row);
        const WindowPairM2 got = m.at(row);
        rows[row] = got;
        const std::size_t end = row + 1;
        const double recent = two_pass_m2(z, end - config.recent, end);
        const double baseline =
            two_pass_m2(z, end - config.recent - config.baseline, end - config.recent);
        ++stats.rows;
        bool ok = got.recent >= 0.0 && got.baseline >= 0.0;
        const std::array<std::pair<double, double>, 2> checks{
            {{got.recent, recent}, {got.baseline, baseline}}};
        for (const auto& [value, truth] : checks) {
          const double error = value > truth ? value - truth : truth - value;
          ok = ok && error <= kRelative * truth + kSegmentRelative * segment_squares;
          if (segment_squares > 0.0) {
            stats.worst_segment_error =
                std::max(stats.worst_segment_error, (error - kRelative * truth) / segment_squares);
          }
        }
        if (constant_so_far) {
          // Every input since the origin equals the shift: all sums are 0.
          ++stats.exact_zero_rows;
          ok = ok && got.recent == 0.0 && got.baseline == 0.0;
        }
        if (!ok) {
          if (++stats.failures <= 5) {
            INFO(series, ", ", input_name(input), ", R=", config.recent, " B=", config.baseline,
                 " lookback=", config.lookback, ", row ", row, ", origin ", origin,
                 ", segment sum of squares ", segment_squares);
            CHECK(got.recent == doctest::Approx(recent));
            CHECK(got.baseline == doctest::Approx(baseline));
            CHECK(got.recent >= 0.0);
            CHECK(got.baseline >= 0.0);
            CHECK((!constant_so_far || (got.recent == 0.0 && got.baseline == 0.0)));
            FAIL_CHECK("at() outside the stated tolerance of the two-pass reference");
          }
        }
      },
      [&](std::size_t) {});
}

const std::array<WindowConfig, 8> kWindowConfigs{{
    {20, 100, 0},
    {2, 2, 0},
    {5, 300, 0},
    {64, 64, 0},
    {20, 100, 500},  // lookback beyond R + B: origins further back
    {5, 300, 1500},  // S = 6016
    {13, 7, 0},      // windows not multiples of 8, B < 8
    {8, 8, 0},
}};

std::vector<NamedSeries> reference_series() {
  // Longer than 3 segments for S = 6016 (and 4 for S = 4096).
  constexpr std::size_t n = 19000;
  std::vector<NamedSeries> all;
  all.push_back({"iid noise", iid_noise(n, 1)});
  all.push_back({"noise + 1e6", iid_noise(n, 2, 1e6)});
  all.push_back({"volatility collapse", volatility_collapse(n, 5000)});
  all.push_back({"trend + noise", trend_plus_noise(n)});
  // Differences far from 0 with a tiny spread: shifted sums are small while
  // the differences themselves are not.
  all.push_back({"steep trend + tiny noise", trend_plus_noise(n, 1e6, 0.001)});
  all.push_back({"constant stretches", constant_stretches(n)});
  return all;
}

// Bounds and at_block() for every completed block, and at() for every row,
// recorded for comparison across splittings.
struct Recorded {
  std::vector<WindowPairM2> rows;
  std::vector<WindowPairM2> block_rows;
  std::vector<WindowPairBounds> bounds;
  // Per block and factor: mark_recent_at_most's mark + 2 * mark_recent_at_least's
  // + 4 * half_end_rows_at_least's + 8 * recent_at_most_by_halves'.
  std::vector<lf::detect::BlockMark> marks;
  std::vector<bool> has_block;
  std::size_t blocks = 0;
  std::size_t bound_failures = 0;
  std::size_t block_failures = 0;
  std::size_t mark_failures = 0;
  // Over blocks and factors: mark_recent_at_least's marks, and the blocks
  // whose whole-block bounds alone prove recent >= factor * baseline.
  std::size_t at_least_marks = 0;
  std::size_t at_least_by_bounds = 0;
};

// Factors for mark_recent_at_most / _at_least: the detectors' thresholds on
// m2 ratios at their defaults (0.25, 3 and 4 times 19/99) and others. The
// tiny ones make mark_recent_at_least's rounding margin on the recent side
// count on its own (the baseline side's, times the factor, is then too small
// to cover rounding): without it the steep trend's differences, whose recent
// m2 rounds to 0 against a baseline m2 of about 0.02, are marked.
constexpr std::array<double, 8> kFactors{
    0.25 * 19.0 / 99.0, 3.0 * 19.0 / 99.0, 4.0 * 19.0 / 99.0, 0.05, 1.0, 20.0, 1e-9, 1e-14};

// The relative safety by which whole-block bounds must prove a comparison
// for the finer tests (mark_recent_at_least, half_end_rows_at_least,
// recent_at_most_by_halves) to be required to prove it: their sums over half
// blocks round differently from the whole blocks'.
constexpr double kProvenSafety = 1e-9;

// A mark as 0 or 1, once checked to be one of the two values marks take
// (marks start as garbage in these tests, so this also checks each was written).
unsigned mark_bit(lf::detect::BlockMark mark) {
  if (mark != 0 && mark != lf::detect::mark_if(true)) FAIL_CHECK("not a mark: ", mark);
  return mark != 0 ? 1u : 0u;
}

// With RecentBounds::upper, mark_recent_at_least (which needs
// upper_and_lower) is not called and its marks count as 0.
Recorded record(const std::vector<double>& x, const WindowConfig& config, WindowInput input,
                const std::vector<std::size_t>& cuts, const std::string& series,
                RecentBounds recent_bounds = RecentBounds::upper_and_lower) {
  LaggedWindowMoments m(config.recent, config.baseline, input, config.lookback, recent_bounds);
  const bool lower = recent_bounds == RecentBounds::upper_and_lower;
  Recorded out;
  out.rows.resize(x.size());
  out.block_rows.resize(x.size());
  out.bounds.resize(x.size() / kBlock);
  out.has_block.assign(x.size() / kBlock, false);
  out.marks.assign(x.size() / kBlock * kFactors.size(), 0);
  drive(
      m, x, cuts, [&](std::size_t row) { out.rows[row] = m.at(row); },
      [&](std::size_t block) {
        ++out.blocks;
        out.has_block[block] = true;
        std::array<WindowPairM2, kBlock> got;
        m.at_block(block, got);
        const WindowPairBounds b = m.bounds(block);
        out.bounds[block] = b;
        std::array<lf::detect::BlockMark, kFactors.size()> at_most{}, at_least{}, half_end{},
            by_halves{};
        for (std::size_t f = 0; f < kFactors.size(); ++f) {
          // Marks start as garbage: every one must be written.
          std::array<lf::detect::BlockMark, 1> mark{7};
          m.mark_recent_at_most(block, kFactors[f], mark);
          at_most[f] = mark_bit(mark[0]);
          by_halves[f] = m.recent_at_most_by_halves(block, kFactors[f]) ? 1 : 0;
          if (lower) {
            mark[0] = 7;
            m.mark_recent_at_least(block, kFactors[f], mark);
            at_least[f] = mark_bit(mark[0]);
            half_end[f] = m.half_end_rows_at_least(block, kFactors[f]) ? 1 : 0;
          }
          out.marks[block * kFactors.size() + f] =
              at_most[f] + 2 * at_least[f] + 4 * half_end[f] + 8 * by_halves[f];
          // mark_recent_at_most is exactly what the bounds prove where the
          // baseline's lower bound is positive, and never more (it compares
          // the bounds unclamped: a lower bound clamped to 0 proves
          // nothing). mark_recent_at_least bounds each half of the rows
          // from the half blocks their windows share, so it marks at least
          // whatever the whole-block bounds prove with a little to spare
          // (the two round differently); so does half_end_rows_at_least,
          // whose windows lie between the whole-block subset and superset,
          // and recent_at_most_by_halves of what they prove of the upper
          // bound. Their soundness is checked per row below.
          const double factor = kFactors[f];
          const bool most = b.recent_max <= factor * b.baseline_min;
          const bool proven_least =
              b.recent_min > 0.0 && b.recent_min >= factor * b.baseline_max * (1.0 + kProvenSafety);
          out.at_least_marks += at_least[f] == 1 ? 1 : 0;
          out.at_least_by_bounds += b.recent_min >= factor * b.baseline_max ? 1 : 0;
          const bool proven_most = b.baseline_min > 0.0 &&
                                   b.recent_max <= factor * b.baseline_min * (1.0 - kProvenSafety);
          const bool most_ok = at_most[f] <= (most ? 1u : 0u) &&
                               (b.baseline_min == 0.0 || at_most[f] == (most ? 1u : 0u)) &&
                               (!proven_most || by_halves[f] == 1);
          const bool least_ok = at_least[f] <= 1 && (!lower || !proven_least || at_least[f] == 1) &&
                                (!lower || !proven_least || half_end[f] == 1);
          if (!most_ok || !least_ok) {
            if (++out.mark_failures <= 5) {
              INFO(series, ", ", input_name(input), ", R=", config.recent, " B=", config.baseline,
                   " lookback=", config.lookback, ", block ", block, ", factor ", factor,
                   ": bounds recent [", b.recent_min, ", ", b.recent_max, "], baseline [",
                   b.baseline_min, ", ", b.baseline_max, "], at_most mark ", at_most[f],
                   ", at_least mark ", at_least[f], ", half_end ", half_end[f], ", by_halves ",
                   by_halves[f]);
              CHECK(most_ok);
              CHECK(least_ok);
            }
          }
        }
        for (std::size_t r = 0; r < kBlock; ++r) {
          const std::size_t row = block * kBlock + r;
          const WindowPairM2 single = m.at(row);
          out.block_rows[row] = got[r];
          if (bits(got[r].recent) != bits(single.recent) ||
              bits(got[r].baseline) != bits(single.baseline)) {
            if (++out.block_failures <= 5) {
              INFO(series, ", ", input_name(input), ", R=", config.recent, " B=", config.baseline,
                   " lookback=", config.lookback, ", block ", block, ", row ", row);
              CHECK(bits(got[r].recent) == bits(single.recent));
              CHECK(bits(got[r].baseline) == bits(single.baseline));
            }
          }
          // A mark and recent_at_most_by_halves promise the comparison for
          // every row of the block, half_end_rows_at_least for the rows that
          // end its halves.
          const bool half_end_row = r % (kBlock / 2) == kBlock / 2 - 1;
          for (std::size_t f = 0; f < kFactors.size(); ++f) {
            const bool ok =
                (!at_most[f] || single.recent <= kFactors[f] * single.baseline) &&
                (!by_halves[f] || single.recent <= kFactors[f] * single.baseline) &&
                (!at_least[f] || single.recent >= kFactors[f] * single.baseline) &&
                (!half_end[f] || !half_end_row || single.recent >= kFactors[f] * single.baseline);
            if (!ok && ++out.mark_failures <= 5) {
              INFO(series, ", ", input_name(input), ", R=", config.recent, " B=", config.baseline,
                   " lookback=", config.lookback, ", block ", block, ", row ", row, ", factor ",
                   kFactors[f], ": recent ", single.recent, ", baseline ", single.baseline,
                   ", at_most mark ", at_most[f], ", at_least mark ", at_least[f], ", half_end ",
                   half_end[f], ", by_halves ", by_halves[f]);
              CHECK(ok);
            }
          }
          const bool inside = b.recent_min <= single.recent && single.recent <= b.recent_max &&
                              b.baseline_min <= single.baseline &&
                              single.baseline <= b.baseline_max;
          if (!inside && ++out.bound_failures <= 5) {
            INFO(series, ", ", input_name(input), ", R=", config.recent, " B=", config.baseline,
                 " lookback=", config.lookback, ", block ", block, ", row ", row, ": recent ",
                 single.recent, " in [", b.recent_min, ", ", b.recent_max, "], baseline ",
                 single.baseline, " in [", b.baseline_min, ", ", b.baseline_max, "]");
            CHECK(b.recent_min <= single.recent);
            CHECK(single.recent <= b.recent_max);
            CHECK(b.baseline_min <= single.baseline);
            CHECK(single.baseline <= b.baseline_max);
          }
        }
      });
  return out;
}

std::vector<std::size_t> random_cuts(std::size_t n, std::size_t max_chunk, std::uint64_t seed) {
  Noise rng(seed);
  std::vector<std::size_t> cuts;
  std::size_t at = 0;
  while (at < n) {
    at = std::min(n, at + 1 + rng.below(max_chunk));
    cuts.push_back(at);
  }
  return cuts;
}

// ---------------------------------------------------------------------------
// Adversarial series for the detectors (length >= 20000: several segments).

// Longer than LaggedWindowMoments::kCheckWhileFeedingFrom (2^15), so that a
// batch push takes the check-while-feeding path and chunks the other.
constexpr std::size_t kDetectorSeriesLength = 34000;

// Regimes as in bench/series.hpp, but switching every 200..3200 samples.
std::vector<double> regimes(std::size_t n, std::uint64_t seed, double offset) {
  Noise noise(seed);
  constexpr std::array<double, 3> kScales{0.1, 1.0, 5.0};
  std::vector<double> x;
  x.reserve(n);
  double drift = 0.0, scale = 1.0;
  std::size_t left = 0;
  while (x.size() < n) {
    if (left == 0) {
      scale = kScales[noise.below(kScales.size())];
      left = 200 + noise.below(3000);
    }
    drift += 0.001 * noise();
    x.push_back(offset + drift + scale * noise());
    --left;
  }
  return x;
}

// Noise (scale 1 or 10) alternating with exactly constant stretches, which
// start at the last value or at a round number.
std::vector<double> collapse_to_constant(std::size_t n) {
  Noise noise(21);
  std::vector<double> x;
  x.reserve(n);
  bool constant = false;
  while (x.size() < n) {
    const std::size_t length = 50 + noise.below(3000);
    if (constant) {
      const double level = (noise.next() & 1) && !x.empty() ? x.back() : 7.0;
      for (std::size_t k = 0; k < length && x.size() < n; ++k) x.push_back(level);
    } else {
      const double scale = (noise.next() & 1) ? 10.0 : 1.0;
      for (std::size_t k = 0; k < length && x.size() < n; ++k) x.push_back(scale * noise());
    }
    constant = !constant;
  }
  return x;
}

// Levels jumping every 100..2000 samples, with small noise or none at all.
std::vector<double> steps(std::size_t n) {
  Noise noise(22);
  std::vector<double> x;
  x.reserve(n);
  while (x.size() < n) {
    const std::size_t length = 100 + noise.below(1900);
    const double level = 50.0 * noise();
    const double scale = (noise.next() % 3 == 0) ? 0.0 : 0.01;
    for (std::size_t k = 0; k < length && x.size() < n; ++k) x.push_back(level + scale * noise());
  }
  return x;
}

// A random walk whose step size switches regime.
std::vector<double> random_walk(std::size_t n) {
  Noise noise(23);
  constexpr std::array<double, 3> kScales{0.05, 1.0, 8.0};
  std::vector<double> x;
  x.reserve(n);
  double level = 0.0, scale = 1.0;
  std::size_t left = 0;
  while (x.size() < n) {
    if (left == 0) {
      scale = kScales[noise.below(kScales.size())];
      left = 100 + noise.below(2500);
    }
    level += scale * noise();
    x.push_back(level);
    --left;
  }
  return x;
}

// Small integers (0 .. k-1, k switching among 1, 2, 3, 10): ties, exactly
// zero variances and ratios that land exactly on thresholds.
std::vector<double> small_integers(std::size_t n) {
  Noise noise(24);
  constexpr std::array<std::uint64_t, 4> kRanges{1, 2, 3, 10};
  std::vector<double> x;
  x.reserve(n);
  std::uint64_t range = 2;
  std::size_t left = 0;
  while (x.size() < n) {
    if (left == 0) {
      range = kRanges[noise.below(kRanges.size())];
      left = 30 + noise.below(1500);
    }
    x.push_back(static_cast<double>(noise.next() % range));
    --left;
  }
  return x;
}

std::vector<NamedSeries> detector_series() {
  const std::size_t n = kDetectorSeriesLength;
  std::vector<NamedSeries> all;
  all.push_back({"regimes", regimes(n, 20240601, 0.0)});
  all.push_back({"regimes + 1e9", regimes(n, 7, 1e9)});
  all.push_back({"collapse to constant", collapse_to_constant(n)});
  all.push_back({"steps", steps(n)});
  all.push_back({"random walk", random_walk(n)});
  all.push_back({"small integers", small_integers(n)});
  return all;
}

struct DetectorConfig {
  const char* name;
  ParameterList params;
};

std::vector<DetectorConfig> detector_configs() {
  return {
      {"phase_transition", {}},
      {"phase_transition",
       {{"short_window", 2}, {"baseline_window", 2}, {"trend_window", 1}, {"cooldown", 0}}},
      {"phase_transition",
       {{"short_window", 5}, {"baseline_window", 300}, {"trend_window", 400}, {"cooldown", 0}}},
      {"phase_transition",
       {{"short_window", 50},
        {"baseline_window", 50},
        {"threshold", 2},
        {"trend_window", 3},
        {"cooldown", 0}}},
      {"phase_transition",
       {{"short_window", 3},
        {"baseline_window", 17},
        {"threshold", 1.5},
        {"trend_window", 30},
        {"cooldown", 1}}},
      // trend_window 1500: lookback 1501, S = 6016.
      {"phase_transition", {{"trend_window", 1500}, {"cooldown", 0}}},
      {"variance_compression", {}},
      {"variance_compression",
       {{"short_window", 2},
        {"baseline_window", 2},
        {"low_ratio", 0.5},
        {"high_ratio", 1.5},
        {"min_duration", 1},
        {"max_armed", 3}}},
      {"variance_compression",
       {{"short_window", 5},
        {"baseline_window", 300},
        {"low_ratio", 0.5},
        {"high_ratio", 2},
        {"min_duration", 1},
        {"max_armed", 10}}},
      {"variance_compression",
       {{"short_window", 50}, {"baseline_window", 50}, {"min_duration", 1}, {"max_armed", 1}}},
      {"variance_compression",
       {{"short_window", 13},
        {"baseline_window", 200},
        {"low_ratio", 0.3},
        {"high_ratio", 2.5},
        {"min_duration", 2},
        {"max_armed", 50}}},
      {"variance_compression",
       {{"short_window", 2}, {"baseline_window", 40}, {"min_duration", 3}, {"max_armed", 400}}},
      // Windows of 4s, where the rows ending half blocks are bounded exactly,
      // and frequent compressions: min_duration 4 lets a block skip on them
      // only after an uncompressed row, 6 after a run of up to 2.
      {"variance_compression",
       {{"short_window", 12},
        {"baseline_window", 40},
        {"low_ratio", 0.6},
        {"high_ratio", 1.5},
        {"min_duration", 4},
        {"max_armed", 30}}},
      {"variance_compression",
       {{"short_window", 8},
        {"baseline_window", 24},
        {"low_ratio", 0.7},
        {"high_ratio", 1.4},
        {"min_duration", 6},
        {"max_armed", 20}}},
  };
}

std::string describe(const DetectorConfig& c) {
  std::string s = c.name;
  for (const auto& p : c.params) s += " " + p.name + "=" + std::to_string(p.value);
  return s;
}

std::unique_ptr<lf::detect::Detector> make(const DetectorConfig& c) {
  auto d = lf::detect::make_detector(c.name, c.params);
  REQUIRE(d.ok());
  return std::move(*d);
}

// Alerts from pushing x in spans ending at `cuts`; empty cuts: one sample
// per push(double).
std::vector<Alert> run(const DetectorConfig& c, const std::vector<double>& x,
                       const std::vector<std::size_t>& cuts) {
  auto d = make(c);
  std::size_t failed_pushes = 0;
  if (cuts.empty()) {
    for (const double v : x) failed_pushes += d->push(v).ok() ? 0 : 1;
  } else {
    std::size_t begin = 0;
    for (const std::size_t cut : cuts) {
      failed_pushes += d->push(std::span<const double>(x).subspan(begin, cut - begin)).ok() ? 0 : 1;
      begin = cut;
    }
  }
  REQUIRE(failed_pushes == 0);
  return d->take_alerts();
}

// Same count, and per alert the same index, timestamp, kind, severity and
// score bits. Reports the first difference.
void check_same_alerts(const std::vector<Alert>& expected, const std::vector<Alert>& got,
                       const std::string& what) {
  INFO(what);
  CHECK(got.size() == expected.size());
  for (std::size_t k = 0; k < std::min(got.size(), expected.size()); ++k) {
    const Alert& a = expected[k];
    const Alert& b = got[k];
    const bool same = a.index == b.index && bits(a.timestamp) == bits(b.timestamp) &&
                      a.kind == b.kind && a.severity == b.severity &&
                      bits(a.score) == bits(b.score) && a.detector == b.detector &&
                      a.version == b.version;
    if (!same) {
      INFO("first differing alert #", k, ": expected index ", a.index, " ", a.kind, " score ",
           a.score, ", got index ", b.index, " ", b.kind, " score ", b.score);
      CHECK(b.index == a.index);
      CHECK(b.kind == a.kind);
      CHECK(b.severity == a.severity);
      CHECK(bits(b.score) == bits(a.score));
      CHECK(bits(b.timestamp) == bits(a.timestamp));
      return;
    }
  }
}

}  // namespace

TEST_SUITE("lagged_window") {
  TEST_CASE("lagged window: at() matches a two-pass reference within the stated tolerance") {
    // Tolerance: |at - ref| <= 1e-9 * ref + 1e-12 * (sum of (z - z[origin])^2
    // from the segment's origin to the row); exactly 0 while every input
    // since the origin equals the shift z[origin].
    const auto all = reference_series();
    ReferenceStats stats;
    for (const auto& series : all) {
      for (const auto& config : kWindowConfigs) {
        for (const WindowInput input : {WindowInput::values, WindowInput::differences}) {
          check_against_reference(series.x, config, input, series.name, stats);
        }
      }
    }
    MESSAGE("rows checked ", stats.rows, ", exact-zero rows ", stats.exact_zero_rows,
            ", worst error / segment sum of squares ", stats.worst_segment_error);
    CHECK(stats.failures == 0);
    // The constant stretches do give rows whose segment is constant so far.
    CHECK(stats.exact_zero_rows > 10000);
  }

  TEST_CASE("lagged window: bounds and marks hold for every row; at_block() is at()") {
    const auto all = reference_series();
    std::size_t blocks = 0, bound_failures = 0, block_failures = 0, mark_failures = 0;
    std::size_t at_least_marks = 0, at_least_by_bounds = 0;
    for (const auto& series : all) {
      for (const auto& config : kWindowConfigs) {
        for (const WindowInput input : {WindowInput::values, WindowInput::differences}) {
          const auto r = record(series.x, config, input, {series.x.size()}, series.name);
          blocks += r.blocks;
          bound_failures += r.bound_failures;
          block_failures += r.block_failures;
          mark_failures += r.mark_failures;
          at_least_marks += r.at_least_marks;
          at_least_by_bounds += r.at_least_by_bounds;
          // Every block from the first full one on was visited.
          const std::size_t first_block =
              (LaggedWindowMoments(config.recent, config.baseline, input, config.lookback,
                                   RecentBounds::upper)
                   .first_row() +
               kBlock - 1) /
              kBlock;
          CHECK(r.blocks == series.x.size() / kBlock - first_block);
        }
      }
    }
    MESSAGE("mark_recent_at_least: ", at_least_marks, " marks of ", blocks * kFactors.size(),
            " blocks and factors; the whole-block bounds prove ", at_least_by_bounds);
    CHECK(blocks > 0);
    CHECK(bound_failures == 0);
    CHECK(block_failures == 0);
    CHECK(mark_failures == 0);
    // The half-block bounds are the stronger test, by far in aggregate.
    CHECK(at_least_marks > at_least_by_bounds);
  }

  TEST_CASE(
      "lagged window: at(), at_block(), bounds() and mark_recent_at_most do not depend on "
      "RecentBounds") {
    // upper_and_lower has the kernel also sum half blocks (another SIMD path
    // natively); the prefix sums, and so every figure, keep their bits.
    const auto all = reference_series();
    std::size_t compared = 0, mismatches = 0;
    for (const auto& series : all) {
      for (const auto& config : kWindowConfigs) {
        for (const WindowInput input : {WindowInput::values, WindowInput::differences}) {
          const auto upper =
              record(series.x, config, input, {series.x.size()}, series.name, RecentBounds::upper);
          const auto both = record(series.x, config, input, {series.x.size()}, series.name,
                                   RecentBounds::upper_and_lower);
          CHECK(upper.bound_failures == 0);
          CHECK(upper.block_failures == 0);
          CHECK(upper.mark_failures == 0);
          CHECK(upper.blocks == both.blocks);
          std::size_t here = 0;
          for (std::size_t row = 0; row < series.x.size(); ++row) {
            const std::array<std::pair<WindowPairM2, WindowPairM2>, 2> pairs{
                {{upper.rows[row], both.rows[row]}, {upper.block_rows[row], both.block_rows[row]}}};
            for (const auto& [a, b] : pairs) {
              here += bits(a.recent) != bits(b.recent) || bits(a.baseline) != bits(b.baseline);
            }
            compared += 2;
          }
          for (std::size_t block = 0; block < upper.has_block.size(); ++block) {
            if (upper.has_block[block] != both.has_block[block]) {
              ++here;
              continue;
            }
            if (!upper.has_block[block]) continue;
            const auto& a = upper.bounds[block];
            const auto& b = both.bounds[block];
            here += bits(a.recent_min) != bits(b.recent_min) ||
                    bits(a.recent_max) != bits(b.recent_max) ||
                    bits(a.baseline_min) != bits(b.baseline_min) ||
                    bits(a.baseline_max) != bits(b.baseline_max);
            ++compared;
          }
          // mark_recent_at_most's marks (bit 0), too.
          for (std::size_t k = 0; k < upper.marks.size(); ++k) {
            here += (upper.marks[k] & 1u) != (both.marks[k] & 1u) ? 1 : 0;
          }
          if (here != 0) {
            INFO(series.name, ", ", input_name(input), ", R=", config.recent,
                 " B=", config.baseline, " lookback=", config.lookback);
            CHECK(here == 0);
          }
          mismatches += here;
        }
      }
    }
    MESSAGE("figures compared across RecentBounds: ", compared);
    CHECK(compared > 0);
    CHECK(mismatches == 0);
  }

  TEST_CASE("lagged window: bounds are tight enough to skip most calm blocks") {
    // On white noise the phase detector's default test (m2 ratio <= 4 * 19/99)
    // should be decided from the bounds for most blocks; otherwise the skip
    // logic, and the batch/streaming comparison below, would hardly be
    // exercised.
    const auto x = iid_noise(20000, 3);
    LaggedWindowMoments m(20, 100, WindowInput::differences, 6, RecentBounds::upper);
    const double threshold = 4.0 * 19.0 / 99.0;
    std::size_t blocks = 0, calm = 0;
    drive(
        m, x, {x.size()}, [](std::size_t) {},
        [&](std::size_t block) {
          const WindowPairBounds b = m.bounds(block);
          CHECK(b.recent_min <= b.recent_max);
          CHECK(b.baseline_min <= b.baseline_max);
          ++blocks;
          calm += b.recent_max <= threshold * b.baseline_min ? 1 : 0;
        });
    MESSAGE("calm blocks ", calm, " of ", blocks);
    CHECK(calm * 10 >= blocks * 8);
  }

  TEST_CASE("lagged window: recent_at_most_by_halves proves most blocks the bounds leave") {
    // The phase detector's default test on white noise: of the blocks whose
    // whole-block bounds prove nothing, the bounds over half blocks (24 of
    // the 20 recent values where whole blocks take 32, 96 baseline values
    // for 88) should prove most of those without a row above the threshold.
    // It works without RecentBounds::upper_and_lower.
    const auto x = iid_noise(200000, 5);
    LaggedWindowMoments m(20, 100, WindowInput::differences, 6, RecentBounds::upper);
    const double threshold = 4.0 * 19.0 / 99.0;
    std::size_t left = 0, calm_left = 0, proven = 0, unsound = 0;
    drive(
        m, x, {x.size()}, [](std::size_t) {},
        [&](std::size_t block) {
          const WindowPairBounds b = m.bounds(block);
          if (b.recent_max <= threshold * b.baseline_min) return;
          ++left;
          bool calm = true;
          for (std::size_t r = 0; r < kBlock; ++r) {
            const WindowPairM2 row = m.at(block * kBlock + r);
            calm = calm && row.recent <= threshold * row.baseline;
          }
          const bool got = m.recent_at_most_by_halves(block, threshold);
          calm_left += calm ? 1 : 0;
          proven += got ? 1 : 0;
          unsound += got && !calm ? 1 : 0;
        });
    MESSAGE("blocks the bounds leave ", left, ", calm ", calm_left, ", proven by halves ", proven);
    CHECK(left > 100);
    CHECK(unsound == 0);
    CHECK(proven * 10 >= calm_left * 7);
  }

  TEST_CASE("lagged window: mark_recent_at_least marks nearly every block of white noise") {
    // variance_compression's default test (m2 ratio >= 0.25 * 19/99, R = 20,
    // B = 100, values) should be decided from the half-block bounds for
    // nearly every block of white noise, far more than the whole-block lower
    // bound (8 of the 20 values every row's window shares) proves. Measured
    // on this series (natively and under wasm alike): 2456 of 2485 blocks
    // marked (98.8%), against 1615 (65%) from the whole-block bounds; 95% is
    // required.
    const auto x = iid_noise(20000, 3);
    LaggedWindowMoments m(20, 100, WindowInput::values, 0, RecentBounds::upper_and_lower);
    const double factor = 0.25 * 19.0 / 99.0;
    const std::size_t n = x.size();
    const std::size_t segment = m.segment_length();
    std::size_t blocks = 0, marked = 0, by_bounds = 0, run_mismatches = 0;
    std::vector<lf::detect::BlockMark> single;  // the current segment's marks, block by block
    std::size_t run_first = 0;
    drive(
        m, x, {n}, [](std::size_t) {},
        [&](std::size_t block) {
          if (single.empty()) run_first = block;
          std::array<lf::detect::BlockMark, 1> mark{7};
          m.mark_recent_at_least(block, factor, mark);
          single.push_back(mark[0]);
          ++blocks;
          marked += mark_bit(mark[0]);
          const WindowPairBounds b = m.bounds(block);
          by_bounds += b.recent_min >= factor * b.baseline_max ? 1 : 0;
          // At the segment's last block, all of its blocks in one call, as
          // the detector makes it: the same marks.
          const std::size_t segment_end = (block * kBlock / segment + 1) * segment;
          if ((block + 1) * kBlock == std::min(segment_end, n / kBlock * kBlock)) {
            std::vector<lf::detect::BlockMark> run(single.size(), 7);
            m.mark_recent_at_least(run_first, factor, run);
            run_mismatches += run == single ? 0 : 1;
            single.clear();
          }
        });
    const double fraction = static_cast<double>(marked) / static_cast<double>(blocks);
    MESSAGE("mark_recent_at_least marks ", marked, " of ", blocks, " blocks (", fraction,
            "); the whole-block bounds prove ", by_bounds);
    CHECK(single.empty());
    CHECK(run_mismatches == 0);
    CHECK(blocks > 2000);
    CHECK(marked * 100 >= blocks * 95);
  }

  TEST_CASE("lagged window: half_end_rows_at_least is exact but for rounding at windows of 4s") {
    // With R and B multiples of 4 the half blocks span the windows of rows
    // 8j+3 and 8j+7 exactly, so the test must prove every block whose two
    // rows satisfy recent >= factor * baseline with room for the margin
    // (S * 2^-40 of the segment's sum of squares, below 1e-5 of these
    // figures on white noise: 1e-4 is required), and nothing else. A
    // volatility collapse, whose compressed rows make the answer vary, is
    // checked for soundness only: in the segment of the collapse the margin
    // scales with the loud values before it and dwarfs the quiet windows.
    constexpr double kRoom = 1e-4;
    const double factor = 0.25 * 19.0 / 99.0;
    const std::array<std::pair<std::size_t, std::size_t>, 2> windows{{{20, 100}, {8, 36}}};
    struct Series {
      std::vector<double> x;
      bool exact;
    };
    const std::array<Series, 3> all{{{iid_noise(20000, 3), true},
                                     {iid_noise(20000, 4, 1e6), true},
                                     {volatility_collapse(20000, 9000), false}}};
    std::size_t blocks = 0, proven = 0, proven_beyond_marks = 0, missed = 0, unsound = 0;
    for (const auto& [recent, baseline] : windows) {
      for (const Series& series : all) {
        const std::vector<double>& x = series.x;
        const bool exact = series.exact;
        for (const WindowInput input : {WindowInput::values, WindowInput::differences}) {
          LaggedWindowMoments m(recent, baseline, input, 0, RecentBounds::upper_and_lower);
          drive(
              m, x, {x.size()}, [](std::size_t) {},
              [&](std::size_t block) {
                const bool got = m.half_end_rows_at_least(block, factor);
                bool holds = true, holds_with_room = true;
                for (const std::size_t r : {std::size_t{3}, std::size_t{7}}) {
                  const WindowPairM2 row = m.at(block * kBlock + r);
                  holds = holds && row.recent >= factor * row.baseline;
                  holds_with_room = holds_with_room && row.recent > 0.0 &&
                                    row.recent >= factor * row.baseline * (1.0 + kRoom);
                }
                std::array<lf::detect::BlockMark, 1> mark{7};
                m.mark_recent_at_least(block, factor, mark);
                ++blocks;
                proven += got ? 1 : 0;
                proven_beyond_marks += got && mark[0] == 0 ? 1 : 0;
                missed += exact && holds_with_room && !got ? 1 : 0;
                unsound += got && !holds ? 1 : 0;
              });
        }
      }
    }
    MESSAGE("half_end_rows_at_least proves ", proven, " of ", blocks, " blocks, ",
            proven_beyond_marks, " of them unmarked by mark_recent_at_least");
    CHECK(blocks > 8000);
    CHECK(missed == 0);
    CHECK(unsound == 0);
    CHECK(proven_beyond_marks > 0);
  }

  TEST_CASE("lagged window: the same bits however the stream is split") {
    const auto all = reference_series();
    for (const auto& series : all) {
      for (const auto& config : kWindowConfigs) {
        for (const WindowInput input : {WindowInput::values, WindowInput::differences}) {
          const std::size_t n = series.x.size();
          const auto batch = record(series.x, config, input, {n}, series.name);
          const std::size_t first_row = LaggedWindowMoments(config.recent, config.baseline, input,
                                                            config.lookback, RecentBounds::upper)
                                            .first_row();
          for (const std::uint64_t seed : {1u, 2u}) {
            // Chunks of 1..9 samples for one seed, 1..5000 for the other.
            const auto cuts = random_cuts(n, seed == 1 ? 9 : 5000, seed + n);
            const auto split = record(series.x, config, input, cuts, series.name);
            std::size_t row_mismatches = 0, block_mismatches = 0;
            for (std::size_t row = first_row; row < n; ++row) {
              const auto& a = batch.rows[row];
              const auto& b = split.rows[row];
              if (bits(a.recent) != bits(b.recent) || bits(a.baseline) != bits(b.baseline)) {
                if (++row_mismatches <= 3) {
                  INFO(series.name, ", ", input_name(input), ", R=", config.recent,
                       " B=", config.baseline, " lookback=", config.lookback, ", seed ", seed,
                       ", row ", row);
                  CHECK(bits(b.recent) == bits(a.recent));
                  CHECK(bits(b.baseline) == bits(a.baseline));
                }
              }
            }
            for (std::size_t block = 0; block < batch.has_block.size(); ++block) {
              if (batch.has_block[block] != split.has_block[block]) {
                ++block_mismatches;
                continue;
              }
              if (!batch.has_block[block]) continue;
              const auto& a = batch.bounds[block];
              const auto& b = split.bounds[block];
              if (bits(a.recent_min) != bits(b.recent_min) ||
                  bits(a.recent_max) != bits(b.recent_max) ||
                  bits(a.baseline_min) != bits(b.baseline_min) ||
                  bits(a.baseline_max) != bits(b.baseline_max)) {
                ++block_mismatches;
              }
            }
            INFO(series.name, ", ", input_name(input), ", R=", config.recent,
                 " B=", config.baseline, " lookback=", config.lookback, ", seed ", seed);
            CHECK(row_mismatches == 0);
            CHECK(block_mismatches == 0);
            CHECK(split.bound_failures == 0);
            CHECK(split.block_failures == 0);
            CHECK(split.mark_failures == 0);
            // The marks, too (mark_recent_at_least reads the sums at the
            // blocks' middles, kept alongside the prefix sums).
            std::size_t mark_mismatches = 0;
            for (std::size_t k = 0; k < batch.marks.size(); ++k) {
              mark_mismatches += batch.marks[k] != split.marks[k] ? 1 : 0;
            }
            CHECK(mark_mismatches == 0);
          }
        }
      }
    }
  }

  TEST_CASE("lagged window: reset() starts over with the same bits") {
    // Both kinds of bounds; with upper_and_lower the marks of
    // mark_recent_at_least (from the sums at the blocks' middles), too.
    const auto x = volatility_collapse(9000, 3000);
    for (const RecentBounds recent_bounds : {RecentBounds::upper, RecentBounds::upper_and_lower}) {
      const bool lower = recent_bounds == RecentBounds::upper_and_lower;
      LaggedWindowMoments m(20, 100, WindowInput::values, 0, recent_bounds);
      std::vector<WindowPairM2> first(x.size()), second(x.size());
      std::vector<lf::detect::BlockMark> first_marks(x.size() / kBlock, 7),
          second_marks(x.size() / kBlock, 7);
      const auto mark_into = [&m, lower](std::vector<lf::detect::BlockMark>* marks) {
        return [&m, lower, marks](std::size_t block) {
          if (lower) {
            m.mark_recent_at_least(block, 0.25 * 19.0 / 99.0,
                                   std::span<lf::detect::BlockMark>(*marks).subspan(block, 1));
          }
        };
      };
      drive(
          m, x, random_cuts(x.size(), 700, 5), [&](std::size_t row) { first[row] = m.at(row); },
          mark_into(&first_marks));
      m.reset();
      drive(
          m, x, {x.size()}, [&](std::size_t row) { second[row] = m.at(row); },
          mark_into(&second_marks));
      std::size_t mismatches = 0;
      for (std::size_t row = m.first_row(); row < x.size(); ++row) {
        mismatches += bits(first[row].recent) != bits(second[row].recent) ||
                              bits(first[row].baseline) != bits(second[row].baseline)
                          ? 1
                          : 0;
      }
      INFO((lower ? "upper_and_lower" : "upper"));
      CHECK(mismatches == 0);
      CHECK(first_marks == second_marks);
    }
  }

  TEST_CASE("variance detectors: batch, sample-by-sample and chunked pushes give the same alerts") {
    const auto all = detector_series();
    const auto configs = detector_configs();
    std::size_t cases = 0, with_alerts = 0, total_alerts = 0;
    for (const auto& config : configs) {
      for (const auto& series : all) {
        const std::string what = describe(config) + " on " + series.name;
        const std::size_t n = series.x.size();
        const auto batch = run(config, series.x, {n});
        ++cases;
        with_alerts += batch.empty() ? 0 : 1;
        total_alerts += batch.size();
        check_same_alerts(batch, run(config, series.x, {}), what + ", one sample per push");
        check_same_alerts(batch, run(config, series.x, random_cuts(n, 5000, 31 + cases)),
                          what + ", chunks of 1..5000");
        check_same_alerts(batch, run(config, series.x, random_cuts(n, 12, 77 + cases)),
                          what + ", chunks of 1..12");
        // Reset, then the whole series again: the same alerts.
        auto d = make(config);
        REQUIRE(d->push(series.x).ok());
        d->reset();
        REQUIRE(d->push(series.x).ok());
        check_same_alerts(batch, d->take_alerts(), what + ", after reset()");
      }
    }
    MESSAGE(with_alerts, " of ", cases, " cases alert, ", total_alerts, " alerts in all");
    // The comparison is not vacuous: nearly every case raises alerts.
    CHECK(with_alerts * 10 >= cases * 9);
    CHECK(total_alerts >= 20 * cases);
  }

  TEST_CASE("variance detectors: a push long enough to be brought into cache ahead") {
    // Only spans over kBringIntoCacheAbove have their values brought into
    // cache ahead of the pass (on wasm), in pieces of kBringPiece or of a
    // segment, whichever is longer; the detector series above are shorter.
    // Here the whole series goes in one push, with segments shorter than a
    // piece (the defaults) and longer (trend_window 5000: S = 20032), and
    // must raise the alerts of short pushes, which bring nothing.
    const std::size_t n =
        LaggedWindowMoments::kBringIntoCacheAbove + 2 * LaggedWindowMoments::kBringPiece + 3001;
    const auto x = regimes(n, 99, 0.0);
    const std::vector<DetectorConfig> configs{
        {"phase_transition", {}},
        {"phase_transition", {{"trend_window", 5000}, {"cooldown", 0}}},
        {"variance_compression", {}},
    };
    for (const auto& config : configs) {
      const auto whole = run(config, x, {n});
      INFO(describe(config), ": ", whole.size(), " alerts");
      CHECK(whole.size() >= 20);  // not a vacuous comparison
      check_same_alerts(whole, run(config, x, random_cuts(n, 5000, 5)),
                        describe(config) + ", one push against chunks of 1..5000");
    }
  }

  TEST_CASE("variance detectors: the same bits on every target") {
    // Fingerprints of at() over whole series and of every alert (index,
    // kind, severity, score bits) of the configurations above, computed
    // natively once: the wasm build must reproduce them. They change with
    // any change of the detectors' arithmetic: then re-record them natively
    // (the failure logs the new values) and confirm them under wasm.
    Fingerprint rows;
    const std::array<WindowConfig, 2> configs{{{20, 100, 6}, {5, 300, 1500}}};
    for (const auto& x : {iid_noise(19000, 1, 1e6), volatility_collapse(19000, 5000)}) {
      for (const auto& config : configs) {
        for (const WindowInput input : {WindowInput::values, WindowInput::differences}) {
          LaggedWindowMoments m(config.recent, config.baseline, input, config.lookback,
                                RecentBounds::upper);
          drive(
              m, x, {x.size()},
              [&](std::size_t row) {
                const WindowPairM2 got = m.at(row);
                rows.add(got.recent);
                rows.add(got.baseline);
              },
              [](std::size_t) {});
        }
      }
    }
    Fingerprint alerts;
    std::size_t count = 0;
    for (const auto& config : detector_configs()) {
      for (const auto& series : detector_series()) {
        for (const Alert& a : run(config, series.x, {series.x.size()})) {
          alerts.add(static_cast<std::uint64_t>(a.index));
          alerts.add(static_cast<std::uint64_t>(a.kind.size()));
          alerts.add(static_cast<std::uint64_t>(a.severity));
          alerts.add(a.score);
          ++count;
        }
      }
    }
    INFO("fingerprints: rows ", rows.value(), ", alerts ", alerts.value(), " (", count, ")");
    CHECK(count == 177490);
    CHECK(rows.value() == 0xa554e8fd5b44bb45ULL);
    CHECK(alerts.value() == 0x15b2a745eee12e99ULL);
  }

  TEST_CASE("variance detectors: a push with a non-finite value changes nothing") {
    // Before each chunk, a copy of it with a NaN or an infinity at some
    // offset is pushed: it must fail with non_finite_value naming the right
    // index and leave the detector as it was, so that the alerts at the end
    // equal those of one clean push. Long chunks (checked while fed) and
    // short ones (checked first) alternate.
    const std::size_t long_span = LaggedWindowMoments::kCheckWhileFeedingFrom + 3001;
    // Six long and six short chunks; every offset kind (first, last, middle,
    // first of the span's last partial block, third from last, random) meets
    // both lengths.
    const auto x = regimes(6 * long_span + 6 * 1500, 4711, 0.0);
    const std::vector<DetectorConfig> configs{
        {"phase_transition", {}},
        {"phase_transition",
         {{"short_window", 3}, {"baseline_window", 17}, {"trend_window", 30}, {"cooldown", 0}}},
        {"variance_compression", {}},
        {"variance_compression",
         {{"short_window", 5}, {"baseline_window", 300}, {"min_duration", 1}, {"max_armed", 10}}},
    };
    const std::array<double, 3> kBad{std::numeric_limits<double>::quiet_NaN(),
                                     std::numeric_limits<double>::infinity(),
                                     -std::numeric_limits<double>::infinity()};
    for (const auto& config : configs) {
      const auto expected = run(config, x, {x.size()});
      CHECK(!expected.empty());
      auto d = make(config);
      Noise rng(5);
      std::size_t begin = 0, chunk = 0, rejected = 0, wrong = 0, long_tail_hits = 0;
      while (begin < x.size()) {
        const bool long_chunk = chunk % 2 == 0;
        const std::size_t size =
            std::min(x.size() - begin, long_chunk ? long_span + 3 * chunk : 1 + rng.below(3000));
        std::vector<double> poisoned(x.begin() + static_cast<std::ptrdiff_t>(begin),
                                     x.begin() + static_cast<std::ptrdiff_t>(begin + size));
        // The span's last, partial block (blocks are counted from index 0).
        const std::size_t tail = (begin + size) / kBlock * kBlock;
        const std::size_t tail_offset = tail > begin ? tail - begin : 0;
        const std::array<std::size_t, 6> offsets{
            0, size - 1, size / 2, tail_offset, size >= 3 ? size - 3 : 0, rng.below(size)};
        const std::size_t kind = (chunk / 2 + (long_chunk ? 0 : 3)) % offsets.size();
        const std::size_t offset = std::min(size - 1, offsets[kind]);
        if (long_chunk && begin + offset >= tail) ++long_tail_hits;
        poisoned[offset] = kBad[chunk % kBad.size()];
        const auto status = d->push(poisoned);
        const std::string index = "index " + std::to_string(begin + offset) + " ";
        if (status.ok()) {
          ++wrong;
          INFO(describe(config), ": a push of ", size, " samples from ", begin,
               " with a non-finite value at offset ", offset, " was accepted");
          CHECK(!status.ok());
        } else {
          ++rejected;
          const bool right = status.error().code == lf::ErrorCode::non_finite_value &&
                             (status.error().message + " ").find(index) != std::string::npos;
          if (!right) {
            ++wrong;
            INFO(describe(config), ": chunk from ", begin, ", offset ", offset, ": ",
                 status.error().message);
            CHECK(right);
          }
        }
        CHECK(d->samples_seen() == begin);
        REQUIRE(d->push(std::span<const double>(x).subspan(begin, size)).ok());
        begin += size;
        ++chunk;
      }
      CHECK(rejected == chunk);
      CHECK(wrong == 0);
      // Long pushes met bad values in their unsummed tail, too.
      CHECK(long_tail_hits >= 2);
      check_same_alerts(expected, d->take_alerts(),
                        describe(config) + ": clean pushes after rejected ones");
    }
  }

  TEST_CASE("variance detectors: finite values whose squares overflow are accepted") {
    // +-1e200 spikes make the block sums of their segments infinite; the
    // values are still finite, so every push succeeds, and the alerts do not
    // depend on the split. A NaN after such a spike, in the same long push,
    // is still found.
    const std::size_t long_span = LaggedWindowMoments::kCheckWhileFeedingFrom + 3001;
    auto x = regimes(long_span + 2000, 808, 0.0);
    x[1000] = 1e200;
    x[9000] = -1e200;
    x[9001] = 1e200;
    x[long_span - 100] = 1e200;
    for (const auto& config : detector_configs()) {
      const auto batch = run(config, x, {x.size()});
      check_same_alerts(batch, run(config, x, random_cuts(x.size(), 5000, 17)),
                        describe(config) + " with overflowing spikes, chunks of 1..5000");
      auto d = make(config);
      auto poisoned = x;
      poisoned[20000] = std::numeric_limits<double>::quiet_NaN();
      const auto status = d->push(poisoned);
      REQUIRE_FALSE(status.ok());
      CHECK(status.error().code == lf::ErrorCode::non_finite_value);
      CHECK((status.error().message + " ").find("index 20000 ") != std::string::npos);
      CHECK(d->samples_seen() == 0);
      REQUIRE(d->push(x).ok());
      check_same_alerts(batch, d->take_alerts(),
                        describe(config) + " with overflowing spikes, after a rejected push");
    }
  }

  TEST_CASE("phase transition: alerts within 10 samples of a 10x jump in scale") {
    Noise noise(4242);
    std::vector<double> x(8000);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = (i < 5000 ? 1.0 : 10.0) * noise();
    const DetectorConfig config{"phase_transition", {}};
    const auto alerts = run(config, x, {x.size()});
    std::size_t before = 0;
    const Alert* first_after = nullptr;
    for (const auto& a : alerts) {
      if (a.index < 5000) {
        ++before;
      } else if (first_after == nullptr) {
        first_after = &a;
      }
    }
    // Defaults: below 1e-4 false alarms per sample, so about 0.5 expected.
    CHECK(before <= 2);
    REQUIRE(first_after != nullptr);
    CHECK(first_after->index <= 5010);
    CHECK(first_after->kind == "phase_transition");
    CHECK(first_after->score > 4.0);
    CHECK(first_after->version == "2.0.0");
  }

  TEST_CASE("variance compression: compression in the squeeze, expansion at the burst") {
    // Scale 1, squeezed to 0.05 over [3000, 3400), then 20. max_armed 500
    // keeps the compression armed until the burst (the default 100 would
    // drop it at ~3120).
    Noise noise(99);
    std::vector<double> x(4000);
    for (std::size_t i = 0; i < x.size(); ++i) {
      x[i] = (i < 3000 ? 1.0 : i < 3400 ? 0.05 : 20.0) * noise();
    }
    const DetectorConfig config{"variance_compression", {{"max_armed", 500}}};
    const auto alerts = run(config, x, {x.size()});
    std::size_t before = 0;
    const Alert* compression = nullptr;
    const Alert* expansion = nullptr;
    for (const auto& a : alerts) {
      if (a.index < 3000) {
        ++before;
      } else if (compression == nullptr) {
        compression = &a;
      } else if (expansion == nullptr && a.kind == "expansion") {
        expansion = &a;
      }
    }
    CHECK(before <= 1);
    REQUIRE(compression != nullptr);
    CHECK(compression->kind == "compression");
    CHECK(compression->index <= 3100);
    CHECK(compression->score < 0.25);
    REQUIRE(expansion != nullptr);
    CHECK(expansion->index >= 3400);
    CHECK(expansion->index <= 3420);
    CHECK(expansion->score > 3.0);
    CHECK(compression->version == "2.0.0");
  }
}
