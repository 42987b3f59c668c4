#include "lf/detect/ews_window.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lf::detect {

EwsWindow::EwsWindow(std::size_t length)
    : residuals_(length), raws_(length), resync_period_(std::max<std::size_t>(16 * length, 4096)) {}

void EwsWindow::reset() noexcept {
  residuals_.clear();
  raws_.clear();
  shift_ = raw_shift_ = 0.0;
  s1_ = s2_ = s3_ = s4_ = 0.0;
  lag_products_ = raw_sum_ = 0.0;
  since_resync_ = 0;
  collapse_floor_ = 0.0;
}

bool EwsWindow::needs_resync() const noexcept {
  const double n = static_cast<double>(residuals_.size());
  const double squared_deviations = s2_ - s1_ * (s1_ / n);
  // The mean has drifted more than one standard deviation from the shift:
  // (s1/n)^2 > s2/n - (s1/n)^2.
  const bool drifted = 2.0 * s1_ * s1_ > s2_ * n;
  return drifted || squared_deviations < collapse_floor_;
}

void EwsWindow::resync() noexcept {
  const std::size_t n = residuals_.size();
  const double count = static_cast<double>(n);
  double total = 0.0;
  double raw_total = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    total += residuals_[i];
    raw_total += raws_[i];
  }
  shift_ = total / count;
  raw_shift_ = raw_total / count;
  s1_ = s2_ = s3_ = s4_ = 0.0;
  lag_products_ = raw_sum_ = 0.0;
  double previous = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = residuals_[i] - shift_;
    add_power_sums(d);
    if (i > 0) lag_products_ += previous * d;
    previous = d;
    raw_sum_ += raws_[i] - raw_shift_;
  }
  since_resync_ = 0;
  collapse_floor_ = 1e-3 * (s2_ - s1_ * (s1_ / count));
}

double EwsWindow::variance() const noexcept {
  if (!residuals_.full()) return std::numeric_limits<double>::quiet_NaN();
  const double n = static_cast<double>(residuals_.size());
  return std::max(s2_ - s1_ * (s1_ / n), 0.0) / (n - 1.0);
}

double EwsWindow::ac1() const noexcept {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  if (!residuals_.full()) return nan;
  // The first w-1 residuals (a) against the last w-1 (b).
  const double pairs = static_cast<double>(residuals_.size()) - 1.0;
  const double first = residuals_[0] - shift_;
  const double last = residuals_.newest() - shift_;
  const double sum_a = s1_ - last;
  const double sum_b = s1_ - first;
  const double spread_a = (s2_ - last * last) - sum_a * (sum_a / pairs);
  const double spread_b = (s2_ - first * first) - sum_b * (sum_b / pairs);
  if (!(spread_a > 0.0) || !(spread_b > 0.0)) return nan;
  const double covariance = lag_products_ - sum_a * (sum_b / pairs);
  return std::clamp(covariance / std::sqrt(spread_a * spread_b), -1.0, 1.0);
}

EwsValues EwsWindow::values() const noexcept {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  if (!residuals_.full()) return {nan, nan, nan, nan, nan, nan};
  const double n = static_cast<double>(residuals_.size());
  const double variance = this->variance();
  const double std_dev = std::sqrt(variance);
  const double raw_mean = raw_shift_ + raw_sum_ / n;
  const double cv = raw_mean != 0.0 ? std_dev / raw_mean : nan;

  // Biased central moments from the shifted power sums.
  const double mean = s1_ / n;
  const double m2 = variance * ((n - 1.0) / n);
  const double mean2 = mean * mean;
  const double m3 = s3_ / n - 3.0 * mean * (s2_ / n) + 2.0 * mean2 * mean;
  const double m4 =
      s4_ / n - 4.0 * mean * (s3_ / n) + 6.0 * mean2 * (s2_ / n) - 3.0 * mean2 * mean2;
  double skew = nan;
  double kurtosis = nan;
  if (m2 > 0.0) {
    skew = std::sqrt(n * (n - 1.0)) / (n - 2.0) * (m3 / (m2 * std::sqrt(m2)));
    kurtosis =
        ((n * n - 1.0) * (m4 / (m2 * m2)) - 3.0 * (n - 1.0) * (n - 1.0)) / ((n - 2.0) * (n - 3.0));
  }
  return {variance, std_dev, cv, ac1(), skew, kurtosis};
}

}  // namespace lf::detect
