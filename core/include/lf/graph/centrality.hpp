// Topology of a directed graph: degrees, betweenness centrality (Brandes
// 2001: one single-source shortest-path pass per node plus a dependency
// accumulation, O(V·E) unweighted, O(V·E + V² log V) weighted) and the Gini
// coefficient as a measure of how concentrated a quantity is on few nodes.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace lf::graph {

struct Arc {
  std::size_t from;
  std::size_t to;
  double length;  // > 0; used by weighted betweenness only
};

std::vector<double> in_degrees(std::size_t nodes, std::span<const Arc> arcs);
std::vector<double> out_degrees(std::size_t nodes, std::span<const Arc> arcs);

// Betweenness of every node: Σ over ordered pairs (s, t), s ≠ v ≠ t, of the
// fraction of shortest s→t paths through v. Shortest by hop count, or with
// `weighted` by total arc length (Dijkstra). `normalised` divides by
// (n − 1)(n − 2), the number of ordered pairs not involving v.
std::vector<double> betweenness(std::size_t nodes, std::span<const Arc> arcs, bool weighted,
                                bool normalised);

// Gini coefficient of non-negative values: 0 when all are equal (or all 0),
// approaching 1 when one holds everything; (n − 1)/n at most for n values.
double gini(std::span<const double> values);

}  // namespace lf::graph
