// Kendall's rank correlation of a sequence with time: the trend statistic of
// early-warning analysis (is the indicator rising?).
//
// tau-b, as scipy.stats.kendalltau(values, time) gives it (and pandas'
// corr(method='kendall'), which ewstools uses): over all pairs i < j, with
// time strictly increasing,
//   tau = (C - D) / sqrt((n0 - T) * n0),   n0 = n(n-1)/2,
// C and D the pairs where the value rises / falls, T the pairs of equal
// values (ties count as neither and shrink the denominator).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace lf::detect {

// tau-b of `values` (finite) against their order. NaN for fewer than two
// values or when every value is the same. O(n log n).
double kendall_tau(std::span<const double> values);

// The same statistic over the last `span` values of a stream, updated in
// O(span) per value with integer pair counts (so it is exact: no drift, and
// the same bits on every target). The held values are kept contiguous (a
// buffer of twice the span, compacted when full), so each update is one
// linear pass the compiler can vectorise.
class TrailingKendallTau {
 public:
  explicit TrailingKendallTau(std::size_t span);

  // Appends a finite value, dropping the oldest once `span` are held.
  void push(double value);
  void clear() noexcept;

  std::size_t span() const noexcept { return span_; }
  std::size_t count() const noexcept { return end_ - begin_; }
  bool full() const noexcept { return count() == span_; }
  // tau-b over the values held; NaN for fewer than two or all equal.
  double tau() const noexcept;

 private:
  std::size_t span_;
  std::vector<double> buffer_;  // the held values are buffer_[begin_, end_)
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  std::int64_t rises_minus_falls_ = 0;  // C - D over the held values
  std::int64_t tied_pairs_ = 0;         // T
};

// tau-b from pair counts over n values (shared by both forms).
double kendall_tau_from_counts(std::size_t n, std::int64_t rises_minus_falls,
                               std::int64_t tied_pairs) noexcept;

}  // namespace lf::detect
