// POST graph: the pairwise transfer-entropy graph of several series, its
// topology, and optionally the fragility detector over sliding windows.
//
// Request:
//   {"series": [[number|null...], ...], "names"?: [string...],
//    "estimator"?, "embedding"?, "ksg"?, "discrete"? (as in te),
//    "surrogates"?: {"count", "seed", "method", "min_shift"},
//    "alpha"?: number, "threshold"?: number,
//    "fragility"?: {"window", "step", "measure": "in_degree"|"betweenness", "bound"}}
// Response:
//   {"nodes": [string...], "te": [[...]], "p_values": [[...]]|null,
//    "edges": [{"source", "target", "te", "p_value"?}],
//    "centrality": {"in_degree", "out_degree", "betweenness", "weighted_betweenness"},
//    "concentration": {"in_degree_gini", "betweenness_gini"},
//    "units": "nats", "parameters": {...},
//    "fragility"?: {"detector", "version", "parameters", "points": [...], "alerts": [...]}}
#include "causal_read.hpp"
#include "lf/graph/causal_graph.hpp"
#include "lf/graph/fragility.hpp"
#include "routes.hpp"

namespace lf::api::routes {
namespace {

using namespace json_read;

Result<std::vector<std::string>> node_names(const Json& request, std::size_t count) {
  std::vector<std::string> names;
  const Json* node = find(request, "names");
  if (node == nullptr) {
    for (std::size_t i = 0; i < count; ++i) names.push_back(std::to_string(i));
    return names;
  }
  if (!node->is_array() || node->size() != count) {
    return make_error(ErrorCode::schema_error,
                      "names must be an array of " + std::to_string(count) + " strings");
  }
  for (std::size_t i = 0; i < count; ++i) {
    auto name = string((*node)[i], "names[" + std::to_string(i) + "]");
    if (!name) return std::move(name).error();
    names.push_back(std::move(*name));
  }
  return names;
}

Result<graph::GraphParams> graph_params(const Json& request) {
  graph::GraphParams out;
  auto te = causal_read::te_params(request);
  if (!te) return std::move(te).error();
  out.te = *te;
  auto surrogates = causal_read::surrogates(request);
  if (!surrogates) return std::move(surrogates).error();
  out.surrogates = *surrogates;
  if (const Json* v = find(request, "alpha")) {
    auto alpha = number(*v, "alpha");
    if (!alpha) return std::move(alpha).error();
    out.alpha = *alpha;
  }
  if (const Json* v = find(request, "threshold")) {
    auto threshold = number(*v, "threshold");
    if (!threshold) return std::move(threshold).error();
    out.threshold = *threshold;
  }
  if (auto s = graph::check_graph_params(out); !s) return std::move(s).error();
  return out;
}

Result<graph::FragilityDetector::Params> fragility_params(const Json& node,
                                                          const graph::GraphParams& graph) {
  graph::FragilityDetector::Params out;
  out.graph = graph;
  if (auto s = expect_object(node, "fragility"); !s) return std::move(s).error();
  if (auto s = only_keys(node, "fragility", {"window", "step", "measure", "bound"}); !s) {
    return std::move(s).error();
  }
  if (const Json* v = find(node, "window")) {
    auto window = causal_read::integer(*v, "fragility.window", 20, 10000000);
    if (!window) return std::move(window).error();
    out.window = static_cast<std::size_t>(*window);
  }
  if (const Json* v = find(node, "step")) {
    auto step = causal_read::integer(*v, "fragility.step", 1, 10000000);
    if (!step) return std::move(step).error();
    out.step = static_cast<std::size_t>(*step);
  }
  if (const Json* v = find(node, "measure")) {
    auto name = string(*v, "fragility.measure");
    if (!name) return std::move(name).error();
    auto measure = graph::parse_concentration(*name);
    if (!measure) return std::move(measure).error();
    out.measure = *measure;
  }
  if (const Json* v = find(node, "bound")) {
    auto bound = number(*v, "fragility.bound");
    if (!bound) return std::move(bound).error();
    out.bound = *bound;
  }
  if (auto s = graph::FragilityDetector::check(out); !s) return std::move(s).error();
  return out;
}

Result<Json> run_fragility(const graph::FragilityDetector::Params& params,
                           const std::vector<std::vector<double>>& series) {
  graph::FragilityDetector detector(series.size(), params);
  const std::size_t rows = series[0].size();
  std::vector<double> flat(rows * series.size());
  for (std::size_t t = 0; t < rows; ++t) {
    for (std::size_t s = 0; s < series.size(); ++s) flat[t * series.size() + s] = series[s][t];
  }
  if (auto s = detector.push(flat); !s) return std::move(s).error();
  Json points = Json::array();
  for (const auto& p : detector.take_points()) {
    points.push_back({{"index", p.index},
                      {"edges", p.edges},
                      {"in_degree_gini", number_value(p.in_degree_gini)},
                      {"betweenness_gini", number_value(p.betweenness_gini)}});
  }
  Json alerts = Json::array();
  for (const auto& a : detector.take_alerts()) alerts.push_back(causal_read::encode(a));
  return Json{{"detector", std::string(graph::FragilityDetector::kName)},
              {"version", std::string(graph::FragilityDetector::kVersion)},
              {"parameters",
               {{"window", params.window},
                {"step", params.step},
                {"measure", std::string(graph::to_string(params.measure))},
                {"bound", number_value(params.bound)}}},
              {"points", std::move(points)},
              {"alerts", std::move(alerts)}};
}

Json matrix(const std::vector<double>& values, std::size_t n) {
  Json rows = Json::array();
  for (std::size_t i = 0; i < n; ++i) {
    Json row = Json::array();
    for (std::size_t j = 0; j < n; ++j) row.push_back(number_value(values[i * n + j]));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

Result<Json> graph(const Json& request) {
  if (auto s = only_keys(request, "request",
                         {"series", "names", "estimator", "embedding", "ksg", "discrete",
                          "surrogates", "alpha", "threshold", "fragility"});
      !s) {
    return std::move(s).error();
  }
  auto series_node = require(request, "series", "request");
  if (!series_node) return std::move(series_node).error();
  auto series = causal_read::series_list(**series_node, "series", 2);
  if (!series) return std::move(series).error();
  auto names = node_names(request, series->size());
  if (!names) return std::move(names).error();
  auto params = graph_params(request);
  if (!params) return std::move(params).error();
  auto result = graph::causal_graph(*series, *params);
  if (!result) return std::move(result).error();
  const graph::Topology shape = graph::topology(*result);

  const bool tested = params->surrogates.count > 0;
  Json edges = Json::array();
  for (const auto& e : result->edges) {
    Json edge{{"source", e.source}, {"target", e.target}, {"te", number_value(e.te)}};
    if (tested) edge["p_value"] = number_value(e.p_value);
    edges.push_back(std::move(edge));
  }
  Json parameters = causal_read::encode(params->te);
  parameters["threshold"] = number_value(params->threshold);
  if (tested) {
    parameters["surrogates"] = causal_read::encode(params->surrogates);
    parameters["alpha"] = number_value(params->alpha);
  }
  Json out{{"nodes", *names},
           {"te", matrix(result->te, result->nodes)},
           {"p_values", tested ? matrix(result->p_values, result->nodes) : Json(nullptr)},
           {"edges", std::move(edges)},
           {"centrality",
            {{"in_degree", causal_read::number_list(shape.in_degree)},
             {"out_degree", causal_read::number_list(shape.out_degree)},
             {"betweenness", causal_read::number_list(shape.betweenness)},
             {"weighted_betweenness", causal_read::number_list(shape.weighted_betweenness)}}},
           {"concentration",
            {{"in_degree_gini", number_value(shape.in_degree_gini)},
             {"betweenness_gini", number_value(shape.betweenness_gini)}}},
           {"units", "nats"},
           {"samples", series->front().size()},
           {"parameters", std::move(parameters)}};
  if (const Json* node = find(request, "fragility")) {
    auto fragility = fragility_params(*node, *params);
    if (!fragility) return std::move(fragility).error();
    auto run = run_fragility(*fragility, *series);
    if (!run) return std::move(run).error();
    out["fragility"] = std::move(*run);
  }
  return out;
}

}  // namespace lf::api::routes
