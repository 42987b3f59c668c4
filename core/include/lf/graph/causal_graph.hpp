// The causal graph of M series: the pairwise transfer-entropy matrix and the
// directed edges it supports.
//
// Pairwise: TE(i → j) conditions on j's own past only, not on the other
// series, so a common driver or a chain i → k → j can show up as an edge
// i → j. That is the usual first pass (cheap: M(M − 1) estimates, each
// target's search structures built once and reused for every source), and
// the resulting graph is one of statistical dependence in time, not a
// proof of mechanism.
//
// An edge i → j needs TE(i → j) > max(threshold, 0) and, when surrogates
// are asked for, a p-value <= alpha; its weight is the TE. Topology: shortest paths
// for weighted betweenness use arc length 1/TE, so stronger links are
// shorter.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/graph/centrality.hpp"
#include "lf/graph/surrogates.hpp"
#include "lf/graph/transfer_entropy.hpp"

namespace lf::graph {

struct GraphParams {
  TeParams te;
  SurrogateParams surrogates;  // count 0: edges by threshold only
  double alpha = 0.05;         // with surrogates: an edge needs p <= alpha
  double threshold = 0.05;     // an edge needs TE > threshold (nats)

  bool operator==(const GraphParams&) const = default;
};

// invalid_parameter for alpha outside (0, 1], a non-finite threshold, or a
// bad TE or surrogate parameter.
Status check_graph_params(const GraphParams& params);

struct Edge {
  std::size_t source;
  std::size_t target;
  double te;
  double p_value;  // 1 when no surrogates were asked for
};

struct CausalGraph {
  std::size_t nodes = 0;
  std::vector<double> te;  // row-major nodes × nodes: te[s·nodes + t] = TE(s → t); diagonal 0
  std::vector<double> p_values;  // same shape; empty without surrogates
  std::vector<Edge> edges;       // by source, then target

  double te_at(std::size_t source, std::size_t target) const { return te[source * nodes + target]; }
  // The edges as arcs of length 1/TE.
  std::vector<Arc> arcs() const;
};

// At least 2 series, all of the same length, each finite and not constant
// (errors name the series as series[i]). Pair (s, t)'s surrogates use seed
// derive_seed(seed, s·M + t), so they do not depend on the order of work.
Result<CausalGraph> causal_graph(std::span<const std::vector<double>> series,
                                 const GraphParams& params);

struct Topology {
  std::vector<double> in_degree;
  std::vector<double> out_degree;
  std::vector<double> betweenness;           // hop count, normalised
  std::vector<double> weighted_betweenness;  // arc length 1/TE, normalised
  double in_degree_gini = 0.0;
  double betweenness_gini = 0.0;  // of the weighted betweenness
};

Topology topology(const CausalGraph& graph);

}  // namespace lf::graph
