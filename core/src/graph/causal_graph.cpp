#include "lf/graph/causal_graph.hpp"

#include <cmath>
#include <string>

#include "lf/graph/random.hpp"

namespace lf::graph {

Status check_graph_params(const GraphParams& params) {
  if (auto s = check_te_params(params.te); !s) return s;
  if (auto s = check_surrogates(params.surrogates); !s) return s;
  if (!(params.alpha > 0.0 && params.alpha <= 1.0)) {
    return make_error(ErrorCode::invalid_parameter, "alpha must be in (0, 1]");
  }
  if (!std::isfinite(params.threshold)) {
    return make_error(ErrorCode::invalid_parameter, "threshold must be a finite number");
  }
  return {};
}

std::vector<Arc> CausalGraph::arcs() const {
  std::vector<Arc> out;
  out.reserve(edges.size());
  for (const Edge& e : edges) out.push_back({e.source, e.target, 1.0 / e.te});
  return out;
}

Result<CausalGraph> causal_graph(std::span<const std::vector<double>> series,
                                 const GraphParams& params) {
  if (auto s = check_graph_params(params); !s) return std::move(s).error();
  const std::size_t m = series.size();
  if (m < 2)
    return make_error(ErrorCode::insufficient_data, "a causal graph needs at least 2 series");
  for (std::size_t i = 0; i < m; ++i) {
    const std::string what = "series[" + std::to_string(i) + "]";
    if (series[i].size() != series[0].size()) {
      return make_error(ErrorCode::length_mismatch,
                        what + " has " + std::to_string(series[i].size()) +
                            " samples but series[0] has " + std::to_string(series[0].size()));
    }
    if (auto s = check_series(series[i], what); !s) return std::move(s).error();
  }

  // Every series once as a source (its own noise stream), then each target
  // once against all of them.
  std::vector<PreparedSource> sources;
  sources.reserve(m);
  CausalGraph graph;
  graph.nodes = m;
  graph.te.assign(m * m, 0.0);
  const bool test = params.surrogates.count > 0;
  if (test) graph.p_values.assign(m * m, 1.0);
  for (std::size_t t = 0; t < m; ++t) {
    auto estimator = TransferEntropy::for_target(series[t], params.te, t);
    if (!estimator) return std::move(estimator).error();
    if (sources.empty()) {
      for (std::size_t s = 0; s < m; ++s) {
        auto prepared =
            estimator->prepare_source(series[s], "series[" + std::to_string(s) + "]", s);
        if (!prepared) return std::move(prepared).error();
        sources.push_back(std::move(*prepared));
      }
    }
    for (std::size_t s = 0; s < m; ++s) {
      if (s == t) continue;
      auto te = estimator->estimate(sources[s]);
      if (!te) return std::move(te).error();
      graph.te[s * m + t] = *te;
      if (test) {
        SurrogateParams pair = params.surrogates;
        pair.seed = derive_seed(params.surrogates.seed, s * m + t);
        auto result = significance(*estimator, sources[s], *te, pair);
        if (!result) return std::move(result).error();
        graph.p_values[s * m + t] = result->p_value;
      }
    }
  }
  for (std::size_t s = 0; s < m; ++s) {
    for (std::size_t t = 0; t < m; ++t) {
      if (s == t) continue;
      const double te = graph.te[s * m + t];
      const double p = test ? graph.p_values[s * m + t] : 1.0;
      if (te > 0.0 && te > params.threshold && (!test || p <= params.alpha)) {
        graph.edges.push_back({s, t, te, p});
      }
    }
  }
  return graph;
}

Topology topology(const CausalGraph& graph) {
  const std::vector<Arc> arcs = graph.arcs();
  Topology out;
  out.in_degree = in_degrees(graph.nodes, arcs);
  out.out_degree = out_degrees(graph.nodes, arcs);
  out.betweenness = betweenness(graph.nodes, arcs, /*weighted=*/false, /*normalised=*/true);
  out.weighted_betweenness = betweenness(graph.nodes, arcs, /*weighted=*/true, /*normalised=*/true);
  out.in_degree_gini = gini(out.in_degree);
  out.betweenness_gini = gini(out.weighted_betweenness);
  return out;
}

}  // namespace lf::graph
