#include "lf/graph/fragility.hpp"

#include <cmath>
#include <string>
#include <utility>

namespace lf::graph {

std::string_view to_string(Concentration measure) noexcept {
  return measure == Concentration::in_degree ? "in_degree" : "betweenness";
}

Result<Concentration> parse_concentration(std::string_view name) {
  if (name == "in_degree") return Concentration::in_degree;
  if (name == "betweenness") return Concentration::betweenness;
  return make_error(ErrorCode::invalid_parameter,
                    "measure must be in_degree or betweenness, not '" + std::string(name) + "'");
}

Status FragilityDetector::check(const Params& params) {
  if (auto s = check_graph_params(params.graph); !s) return s;
  if (params.window < 20 || params.window > 10000000) {
    return make_error(ErrorCode::invalid_parameter, "window must be an integer in [20, 1e7]");
  }
  if (params.step < 1 || params.step > 10000000) {
    return make_error(ErrorCode::invalid_parameter, "step must be an integer in [1, 1e7]");
  }
  if (!(params.bound >= 0.0 && params.bound <= 1.0)) {
    return make_error(ErrorCode::invalid_parameter, "bound must be in [0, 1]");
  }
  return {};
}

FragilityDetector::FragilityDetector(std::size_t series, const Params& params)
    : MultiSeriesDetector(series),
      params_(params),
      window_(series, signal::RingBuffer<double>(params.window)) {}

std::vector<FragilityPoint> FragilityDetector::take_points() {
  return std::exchange(points_, {});
}

void FragilityDetector::clear_state() {
  for (auto& w : window_) w.clear();
  points_.clear();
  fragile_ = false;
}

void FragilityDetector::process(std::span<const double> row, std::size_t index) {
  for (std::size_t s = 0; s < row.size(); ++s) window_[s].push(row[s]);
  if (window_[0].full() && (index + 1 - params_.window) % params_.step == 0) evaluate(index);
}

void FragilityDetector::evaluate(std::size_t index) {
  std::vector<std::vector<double>> series(window_.size(), std::vector<double>(params_.window));
  for (std::size_t s = 0; s < window_.size(); ++s) {
    for (std::size_t i = 0; i < params_.window; ++i) series[s][i] = window_[s][i];
  }
  const auto graph = causal_graph(series, params_.graph);
  if (!graph) return;
  const Topology shape = topology(*graph);
  points_.push_back({index, graph->edges.size(), shape.in_degree_gini, shape.betweenness_gini});
  const double concentration =
      params_.measure == Concentration::in_degree ? shape.in_degree_gini : shape.betweenness_gini;
  const bool above = concentration > params_.bound;
  if (above && !fragile_) emit("fragile_structure", detect::Severity::warning, concentration);
  fragile_ = above;
}

}  // namespace lf::graph
