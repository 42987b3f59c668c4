// Neighbour counts in the one-dimensional variables of a KSG estimate by
// ranks instead of a tree. For a scalar variable, the points within a
// radius of point i form one run of consecutive ranks in its sorted order
// (rounding is monotone, so the run ends where |v − c| < r flips); the
// points within the radius in a product of two scalar variables are those
// whose ranks lie in both runs, which one sweep with a Fenwick tree counts
// for all points at once (an offline dominance count, O(N log N)).
//
// With histories 1 every marginal space of a transfer entropy is such a
// product, and this replaces two k-d trees and three range searches per
// point by six binary searches and a few Fenwick-tree steps.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace lf::graph {

// Ranks [begin, end) of the points within a radius of one point.
struct RankRun {
  std::uint32_t begin, end;
  std::uint32_t size() const noexcept { return end - begin; }
};

class SortedAxis {
 public:
  // Sorts `values` (finite) by an LSD radix sort: no comparisons, so no
  // mispredicted branches, and the same order on every target.
  explicit SortedAxis(std::span<const double> values);

  std::size_t size() const noexcept { return sorted_.size(); }

  // For every point i, the run of points j with |values[j] − values[i]| <
  // radii[i] (point i itself included when radii[i] > 0).
  std::vector<RankRun> runs(const std::vector<double>& radii) const;

 private:
  friend std::vector<std::uint32_t> count_in_both(const SortedAxis&, const std::vector<RankRun>&,
                                                  const SortedAxis&, const std::vector<RankRun>&);

  std::vector<double> values_;           // point order
  std::vector<double> sorted_;           // rank order
  std::vector<std::uint32_t> point_at_;  // rank -> point
  std::vector<std::uint32_t> rank_of_;   // point -> rank
};

// For every point i, the number of points in both a_runs[i] (ranks of a)
// and b_runs[i] (ranks of b); a and b hold the same points.
std::vector<std::uint32_t> count_in_both(const SortedAxis& a, const std::vector<RankRun>& a_runs,
                                         const SortedAxis& b, const std::vector<RankRun>& b_runs);

}  // namespace lf::graph
