// A sliding window of the last `length` values with running mean and sample
// variance, O(1) amortised per value.
//
// Sliding updates accumulate rounding error over millions of steps, and the
// error is relative to the variance the window *used to* have. So the moments
// are recomputed exactly (two-pass) from the window's own contents
//   - when the window first fills,
//   - every max(16*length, 4096) replacements (amortised O(1)),
//   - when the sum of squared deviations collapses below 1/1000 of its value
//     at the last resync (a volatility collapse, which would otherwise leave
//     stale absolute error large relative to the new, small variance).
// Resyncs depend only on the data, so batch and streaming stay identical.
#pragma once

#include <cstddef>
#include <optional>

#include "lf/signal/ring_buffer.hpp"
#include "lf/signal/running_moments.hpp"

namespace lf::signal {

class RollingWindow {
 public:
  explicit RollingWindow(std::size_t length);

  // Adds x; once the window is full, returns the value that slid out.
  std::optional<double> push(double x) {
    if (values_.full()) return slide(x);
    values_.push(x);
    moments_.add(x);
    if (values_.full()) resync();
    return std::nullopt;
  }

  // Precondition full(): adds x and returns the value that slid out, with no
  // optional on the way (see RingBuffer::replace_oldest). Same result as push.
  double slide(double x) {
    const double evicted = values_.replace_oldest(x);
    moments_.replace(evicted, x);
    if (++since_resync_ == resync_period_ || moments_.sum_squared_deviations() < collapse_floor_) {
      resync();
    }
    return evicted;
  }

  std::size_t length() const noexcept { return values_.capacity(); }
  std::size_t count() const noexcept { return values_.size(); }
  bool full() const noexcept { return values_.full(); }
  double mean() const noexcept { return moments_.mean(); }
  double variance() const noexcept { return moments_.variance(); }
  const RingBuffer<double>& values() const noexcept { return values_; }

  void reset() noexcept;

 private:
  void resync() noexcept;

  RingBuffer<double> values_;
  RunningMoments moments_;
  std::size_t resync_period_;
  std::size_t since_resync_ = 0;
  double collapse_floor_ = 0.0;  // 1/1000 of the squared deviations at the last resync
};

}  // namespace lf::signal
