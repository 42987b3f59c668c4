#include "lf/detect/kendall_tau.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lf::detect {
namespace {

// Sorts `values` (stably, by merge sort) and returns the number of pairs
// i < j with values[i] > values[j]: the falling pairs. Equal values are not
// counted, because the merge takes from the left run on ties.
std::int64_t sort_counting_falls(std::vector<double>& values, std::vector<double>& scratch) {
  std::int64_t falls = 0;
  const std::size_t n = values.size();
  for (std::size_t width = 1; width < n; width *= 2) {
    for (std::size_t lo = 0; lo < n; lo += 2 * width) {
      const std::size_t mid = std::min(lo + width, n);
      const std::size_t hi = std::min(lo + 2 * width, n);
      std::size_t a = lo;
      std::size_t b = mid;
      std::size_t out = lo;
      while (a < mid && b < hi) {
        if (values[b] < values[a]) {
          falls += static_cast<std::int64_t>(mid - a);  // b jumps over every rest of the left run
          scratch[out++] = values[b++];
        } else {
          scratch[out++] = values[a++];
        }
      }
      while (a < mid) scratch[out++] = values[a++];
      while (b < hi) scratch[out++] = values[b++];
    }
    values.swap(scratch);
  }
  return falls;
}

}  // namespace

double kendall_tau_from_counts(std::size_t n, std::int64_t rises_minus_falls,
                               std::int64_t tied_pairs) noexcept {
  const auto pairs = static_cast<std::int64_t>(n) * (static_cast<std::int64_t>(n) - 1) / 2;
  if (n < 2 || tied_pairs == pairs) return std::numeric_limits<double>::quiet_NaN();
  // Divided by each root in turn, as scipy does.
  return static_cast<double>(rises_minus_falls) /
         std::sqrt(static_cast<double>(pairs - tied_pairs)) / std::sqrt(static_cast<double>(pairs));
}

double kendall_tau(std::span<const double> values) {
  const std::size_t n = values.size();
  if (n < 2) return std::numeric_limits<double>::quiet_NaN();
  std::vector<double> sorted(values.begin(), values.end());
  std::vector<double> scratch(n);
  const std::int64_t falls = sort_counting_falls(sorted, scratch);
  std::int64_t tied = 0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && sorted[j] == sorted[i]) ++j;
    const auto run = static_cast<std::int64_t>(j - i);
    tied += run * (run - 1) / 2;
    i = j;
  }
  const auto pairs = static_cast<std::int64_t>(n) * (static_cast<std::int64_t>(n) - 1) / 2;
  // Untied pairs either rise or fall: C - D = (pairs - T - D) - D.
  return kendall_tau_from_counts(n, pairs - tied - 2 * falls, tied);
}

TrailingKendallTau::TrailingKendallTau(std::size_t span) : span_(span), buffer_(2 * span) {}

void TrailingKendallTau::push(double value) {
  std::int64_t score = 0;
  std::int64_t ties = 0;
  if (full()) {
    // The oldest value leaves: its pairs with the others go, and the new
    // value's pairs with those others come, in one pass.
    const double oldest = buffer_[begin_];
    for (std::size_t i = begin_ + 1; i < end_; ++i) {
      const double v = buffer_[i];
      score += (value > v) - (value < v) - ((v > oldest) - (v < oldest));
      ties += (value == v) - (v == oldest);
    }
    ++begin_;
  } else {
    for (std::size_t i = begin_; i < end_; ++i) {
      const double v = buffer_[i];
      score += (value > v) - (value < v);
      ties += value == v;
    }
  }
  rises_minus_falls_ += score;
  tied_pairs_ += ties;
  if (end_ == buffer_.size()) {
    std::copy(buffer_.begin() + static_cast<std::ptrdiff_t>(begin_), buffer_.end(),
              buffer_.begin());
    end_ -= begin_;
    begin_ = 0;
  }
  buffer_[end_++] = value;
}

void TrailingKendallTau::clear() noexcept {
  begin_ = 0;
  end_ = 0;
  rises_minus_falls_ = 0;
  tied_pairs_ = 0;
}

double TrailingKendallTau::tau() const noexcept {
  return kendall_tau_from_counts(count(), rises_minus_falls_, tied_pairs_);
}

}  // namespace lf::detect
