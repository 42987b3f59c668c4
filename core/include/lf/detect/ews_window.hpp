// The early-warning indicators of critical slowing down over a sliding
// window, updated in O(1) per sample: the streaming engine behind both the
// batch `early_warning_indicators` and the `early_warning` detector.
//
// Each sample is a pair: the value the indicators are computed on (the
// residual after detrending, or the raw value) and the raw value (the
// coefficient of variation divides by the raw mean, as ewstools does). Over
// the last `length` samples, with pandas' rolling semantics (ewstools calls
// pandas):
//   variance   sample variance of the residuals (ddof 1)
//   std_dev    its square root (ewstools' "std")
//   cv         std_dev / mean of the raw values (NaN when that mean is 0)
//   ac1        lag-1 autocorrelation: Pearson's r of r[0..w-2] against
//              r[1..w-1] (NaN when either half is constant)
//   skew       bias-corrected skewness G1 = sqrt(w(w-1))/(w-2) * m3 / m2^1.5
//   kurtosis   bias-corrected excess kurtosis
//              G2 = ((w^2-1) m4/m2^2 - 3(w-1)^2) / ((w-2)(w-3))
// with m_k the biased central moments; skew and kurtosis are NaN for a
// constant window (pandas returns 0 and -3 there by convention; the ratio is
// 0/0, so undefined is the honest answer).
//
// How: power sums of (r - c) up to the fourth, the lag-1 cross sum, and the
// raw sum, about a shift c; add the new sample, subtract the evicted one.
// Sliding sums accumulate rounding error and lose precision when the window
// mean drifts far from c, so they are recomputed exactly (two passes, c = the
// window mean) when the window fills, every max(16*length, 4096)
// replacements, when the mean has drifted more than one standard deviation
// from c, and when the sum of squared deviations collapses below 1/1000 of
// its value at the last resync. Resyncs depend only on the data: batch and
// streaming agree bit for bit. Cost: O(1) amortised per sample, O(length)
// memory.
#pragma once

#include <cstddef>

#include "lf/signal/ring_buffer.hpp"

namespace lf::detect {

struct EwsValues {
  double variance;
  double std_dev;
  double cv;
  double ac1;
  double skew;
  double kurtosis;
};

class EwsWindow {
 public:
  // length >= 4 (the kurtosis needs four samples).
  explicit EwsWindow(std::size_t length);

  void push(double residual, double raw) {
    const double d = residual - shift_;
    const double e = raw - raw_shift_;
    if (residuals_.full()) {
      const double next_d = residuals_[1] - shift_;
      const double newest_d = residuals_.newest() - shift_;
      const double old_d = residuals_.replace_oldest(residual) - shift_;
      const double old_e = raws_.replace_oldest(raw) - raw_shift_;
      remove_power_sums(old_d);
      lag_products_ += d * newest_d - old_d * next_d;
      raw_sum_ += e - old_e;
      add_power_sums(d);
      if (++since_resync_ == resync_period_ || needs_resync()) resync();
    } else {
      if (!residuals_.empty()) lag_products_ += d * (residuals_.newest() - shift_);
      residuals_.push(residual);
      raws_.push(raw);
      add_power_sums(d);
      raw_sum_ += e;
      if (residuals_.full()) resync();
    }
  }

  std::size_t length() const noexcept { return residuals_.capacity(); }
  bool full() const noexcept { return residuals_.full(); }
  // The indicators over the window; all NaN until it is full.
  EwsValues values() const noexcept;
  // Two of them alone, for callers that need no more (the detector).
  double variance() const noexcept;
  double ac1() const noexcept;
  void reset() noexcept;

 private:
  void add_power_sums(double d) noexcept {
    const double d2 = d * d;
    s1_ += d;
    s2_ += d2;
    s3_ += d2 * d;
    s4_ += d2 * d2;
  }
  void remove_power_sums(double d) noexcept {
    const double d2 = d * d;
    s1_ -= d;
    s2_ -= d2;
    s3_ -= d2 * d;
    s4_ -= d2 * d2;
  }
  bool needs_resync() const noexcept;
  void resync() noexcept;

  signal::RingBuffer<double> residuals_;
  signal::RingBuffer<double> raws_;
  double shift_ = 0.0;      // c: the residual sums are of (r - c)
  double raw_shift_ = 0.0;  // the raw sum is of (x - raw_shift_)
  double s1_ = 0.0, s2_ = 0.0, s3_ = 0.0, s4_ = 0.0;
  double lag_products_ = 0.0;  // sum of (r[i] - c)(r[i+1] - c) within the window
  double raw_sum_ = 0.0;
  std::size_t resync_period_;
  std::size_t since_resync_ = 0;
  double collapse_floor_ = 0.0;  // 1/1000 of the squared deviations at the last resync
};

}  // namespace lf::detect
