// Running mean and variance with Welford's updates: numerically stable
// add, remove and replace, O(1) each.
#pragma once

#include <cstddef>

namespace lf::signal {

class RunningMoments {
 public:
  void add(double x) noexcept {
    ++count_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(count_);
    m2_ += delta * (x - mean_);
  }

  // Removes a value previously added (the inverse of add).
  void remove(double x) noexcept {
    if (count_ <= 1) {
      reset();
      return;
    }
    const double n = static_cast<double>(count_ - 1);
    const double old_mean = mean_;
    mean_ = (static_cast<double>(count_) * old_mean - x) / n;
    m2_ -= (x - old_mean) * (x - mean_);
    if (m2_ < 0.0) m2_ = 0.0;  // rounding can leave a tiny negative
    --count_;
  }

  // Replaces `outgoing` (already in the set) by `incoming` at constant count:
  // the sliding-window step, cheaper and more accurate than remove + add.
  void replace(double outgoing, double incoming) noexcept {
    const double delta = incoming - outgoing;
    const double old_mean = mean_;
    mean_ += delta / static_cast<double>(count_);
    m2_ += delta * ((incoming - mean_) + (outgoing - old_mean));
    if (m2_ < 0.0) m2_ = 0.0;
  }

  void reset() noexcept {
    count_ = 0;
    mean_ = 0.0;
    m2_ = 0.0;
  }

  std::size_t count() const noexcept { return count_; }
  double mean() const noexcept { return mean_; }
  double sum_squared_deviations() const noexcept { return m2_; }
  // Sample variance (ddof 1); 0 for fewer than two values.
  double variance() const noexcept {
    return count_ > 1 ? m2_ / static_cast<double>(count_ - 1) : 0.0;
  }
  // Population variance (ddof 0); 0 for an empty set.
  double population_variance() const noexcept {
    return count_ > 0 ? m2_ / static_cast<double>(count_) : 0.0;
  }

  // Overwrites the state with exact two-pass figures (see RollingWindow).
  void assign(std::size_t count, double mean, double m2) noexcept {
    count_ = count;
    mean_ = mean;
    m2_ = m2;
  }

 private:
  std::size_t count_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;
};

}  // namespace lf::signal
