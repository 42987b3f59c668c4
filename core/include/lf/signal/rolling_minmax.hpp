// Rolling minimum and maximum over the last `length` values with monotonic
// deques (Lemire's streaming algorithm): amortised O(1) per value.
#pragma once

#include <cstddef>
#include <deque>

namespace lf::signal {

class RollingMinMax {
 public:
  explicit RollingMinMax(std::size_t length) : length_(length < 1 ? 1 : length) {}

  void push(double x);
  bool empty() const noexcept { return count_ == 0; }
  bool full() const noexcept { return count_ >= length_; }
  double min() const noexcept { return minima_.front().value; }
  double max() const noexcept { return maxima_.front().value; }
  void reset() noexcept;

 private:
  struct Entry {
    std::size_t index;
    double value;
  };
  std::size_t length_;
  std::size_t count_ = 0;     // values pushed so far
  std::deque<Entry> minima_;  // increasing values, front = window minimum
  std::deque<Entry> maxima_;  // decreasing values, front = window maximum
};

}  // namespace lf::signal
