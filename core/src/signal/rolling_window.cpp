#include "lf/signal/rolling_window.hpp"

#include <algorithm>

namespace lf::signal {

RollingWindow::RollingWindow(std::size_t length)
    : values_(length), resync_period_(std::max<std::size_t>(16 * length, 4096)) {}

void RollingWindow::reset() noexcept {
  values_.clear();
  moments_.reset();
  since_resync_ = 0;
  collapse_floor_ = 0.0;
}

void RollingWindow::resync() noexcept {
  const std::size_t n = values_.size();
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) sum += values_[i];
  const double mean = sum / static_cast<double>(n);
  double m2 = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = values_[i] - mean;
    m2 += d * d;
  }
  moments_.assign(n, mean, m2);
  since_resync_ = 0;
  collapse_floor_ = 1e-3 * m2;
}

}  // namespace lf::signal
