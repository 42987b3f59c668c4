// Min/max level-of-detail structure over one series' y values.
//
// The plot draws millions of samples at frame rate by asking, for every pixel
// column, "what is the smallest and largest value among samples [first,
// last)?". Scanning the samples would make a frame cost O(points); this
// pyramid answers in O(log n) instead. Level 0 holds the extent of each block
// of kLeafSize consecutive values, every level above the extent of each pair
// of blocks below it, so the levels add a quarter of the values' memory
// (two doubles per 16 values, halving upwards).
//
// The pyramid owns the values (live streams append to it every frame), so a
// caller can hand `values()` to the plot as the series' y instead of keeping a
// second copy.
//
// Precondition (the caller's, not checked): no NaN. NaN compares false with
// everything, so a NaN would silently vanish from min/max; the core's series
// validation rejects or drops NaN/Inf before samples reach the dashboard.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace lf::ui::plot {

// Smallest and largest value of a set; the empty set is {+inf, -inf}, the
// identity of `include`.
struct Extent {
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();

  bool empty() const { return min > max; }
  void include(double value) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  void include(const Extent& other) {
    if (other.min < min) min = other.min;
    if (other.max > max) max = other.max;
  }
};

class MinMaxPyramid {
 public:
  // Values per level-0 block: the query scans at most 2 * (kLeafSize - 1)
  // values at its two ends, and the levels cost 2/kLeafSize of the values'
  // memory in total.
  static constexpr std::size_t kLeafSize = 16;

  MinMaxPyramid() = default;
  explicit MinMaxPyramid(std::span<const double> values) { append(values); }

  // Appends values at the end; amortised O(1) per value (a completed block
  // updates one node per level, and only every second node completes a node
  // above). Invalidates spans previously returned by values().
  void append(std::span<const double> values);
  void clear();

  std::size_t size() const { return values_.size(); }
  std::span<const double> values() const { return values_; }
  // Changes whenever the values do (append, clear): the plot keeps a line's
  // decimation from frame to frame while the view and this number stay put.
  // Size alone cannot tell: clear() and a refill of equal length keep it.
  std::uint64_t generation() const { return generation_; }

  // Min and max over values [first, last); `last` is clamped to size(), and an
  // empty range gives the empty Extent. O(log n + kLeafSize).
  Extent query(std::size_t first, std::size_t last) const;

 private:
  void complete_leaf();

  std::vector<double> values_;
  // levels_[0][b]: extent of values [b * kLeafSize, (b + 1) * kLeafSize);
  // levels_[j][b]: extent of levels_[j - 1][2b] and [2b + 1]. Only complete
  // blocks are stored; the tail of an unfinished block is scanned by query.
  std::vector<std::vector<Extent>> levels_;
  std::uint64_t generation_ = 0;
};

}  // namespace lf::ui::plot
