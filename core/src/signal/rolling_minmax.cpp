#include "lf/signal/rolling_minmax.hpp"

namespace lf::signal {

void RollingMinMax::push(double x) {
  const std::size_t index = count_++;
  // A value dominated by a newer one can never be the extreme again.
  while (!minima_.empty() && minima_.back().value >= x) minima_.pop_back();
  while (!maxima_.empty() && maxima_.back().value <= x) maxima_.pop_back();
  minima_.push_back({index, x});
  maxima_.push_back({index, x});
  const std::size_t oldest_in_window = count_ > length_ ? count_ - length_ : 0;
  if (minima_.front().index < oldest_in_window) minima_.pop_front();
  if (maxima_.front().index < oldest_in_window) maxima_.pop_front();
}

void RollingMinMax::reset() noexcept {
  count_ = 0;
  minima_.clear();
  maxima_.clear();
}

}  // namespace lf::signal
