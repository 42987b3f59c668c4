// A k-d tree for the max-norm neighbour queries of the KSG estimators: the
// distance to the k-th nearest neighbour, and the number of points strictly
// closer than a radius, both excluding a dynamic-correlation (Theiler) window
// of points close in time to the query. O(N log N) to build; the searches
// visit the nodes a query's ball reaches, O(log N) of them for well-spread
// data (no O(N²) pair scan), plus O(window) per point for the exclusion.
//
// Distances are max_d |p_d − q_d| computed exactly as written, in every
// search and subspace, so a neighbour at the k-th distance in the joint space
// is never counted as strictly closer in a subspace by a rounding accident.
// The answers depend only on the point set, not on the shape of the tree.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "lf/graph/samples.hpp"

namespace lf::graph {

class KdTree {
 public:
  explicit KdTree(const Samples& points);

  std::size_t size() const noexcept { return index_.size(); }
  std::size_t dims() const noexcept { return dims_; }

  // For every point i: the max-norm distance to its k-th nearest neighbour
  // among the points j with |i − j| > window (window 0 excludes only i
  // itself). The caller guarantees at least k such points (size() >= k +
  // 2·window + 1).
  std::vector<double> kth_neighbour_distances(std::size_t k, std::size_t window) const;

  // For every point i: the number of points j with |i − j| > window whose
  // max-norm distance to point i is strictly less than radii[i].
  std::vector<std::uint32_t> count_closer(const std::vector<double>& radii,
                                          std::size_t window) const;

 private:
  struct Node {
    std::uint32_t begin, end;   // range of tree-ordered points
    std::uint32_t left, right;  // children; 0 for a leaf (the root is never a child)
  };

  struct Scratch;  // buffers used while building

  std::uint32_t build(std::vector<std::uint32_t>& order, std::uint32_t begin, std::uint32_t end,
                      std::vector<double>& box, Scratch& scratch);
  std::uint32_t split_at_pivot(std::vector<std::uint32_t>& order, std::uint32_t begin,
                               std::uint32_t end, std::size_t split, Scratch& scratch) const;
  // The searches are templates on the dimension (D = 0: dims_ at run time),
  // so the per-coordinate loops of the common low-dimensional cases unroll.
  template <std::size_t D>
  std::vector<double> kth_distances(std::size_t k, std::size_t window) const;
  template <std::size_t D>
  std::vector<std::uint32_t> counts(const std::vector<double>& radii, std::size_t window) const;
  template <std::size_t D>
  std::size_t count_all_closer(std::uint32_t node, const double* query, double radius) const;
  // Max-norm distances from `query` to the tree-ordered points [begin, end).
  template <std::size_t D>
  void leaf_distances(std::uint32_t begin, std::uint32_t end, const double* query,
                      double* out) const;

  std::size_t dims_;
  std::vector<double> original_;      // row-major, caller's order
  std::vector<double> columns_;       // column-major (dims × size()), tree order
  std::vector<std::uint32_t> index_;  // tree position -> caller's row
  std::vector<Node> nodes_;
  std::vector<double> bounds_;  // per node: dims lower bounds, then dims upper bounds
};

}  // namespace lf::graph
