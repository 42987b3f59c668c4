// POST te: transfer entropy from one series to another, optionally with a
// surrogate significance test and the rolling-window gradient detector.
//
// Request:
//   {"source": [number|null...], "target": [number|null...],
//    "estimator"?: "ksg"|"gaussian"|"discrete",
//    "embedding"?: {"target_history", "target_delay", "source_history", "source_delay", "lag"},
//    "ksg"?: {"k", "theiler_window", "normalisation": "series"|"embedded"|"none",
//             "noise", "noise_seed"},
//    "discrete"?: {"binning": "none"|"uniform"|"quantile", "bins"},
//    "surrogates"?: {"count", "seed", "method": "shuffle"|"circular_shift", "min_shift"},
//    "gradient"?: {"window", "step", "slope_points", "rise_bound", "flip_margin"}}
// Response:
//   {"te", "units": "nats", "estimator", "samples", "observations", "parameters": {...},
//    "significance"?: {"p_value", "surrogate_mean", "surrogate_std", "surrogates": {...}},
//    "gradient"?: {"detector", "version", "parameters", "points": [...], "alerts": [...]}}
#include <cmath>

#include "causal_read.hpp"
#include "lf/graph/te_gradient.hpp"
#include "routes.hpp"

namespace lf::api::routes {
namespace {

using namespace json_read;

Result<graph::TeGradientDetector::Params> gradient_params(const Json& node,
                                                          const graph::TeParams& te) {
  graph::TeGradientDetector::Params out;
  out.te = te;
  if (auto s = expect_object(node, "gradient"); !s) return std::move(s).error();
  if (auto s = only_keys(node, "gradient",
                         {"window", "step", "slope_points", "rise_bound", "flip_margin"});
      !s) {
    return std::move(s).error();
  }
  const auto read_size = [&](std::string_view key, std::uint64_t min,
                             std::size_t& field) -> Status {
    const Json* v = find(node, key);
    if (v == nullptr) return {};
    auto value = causal_read::integer(*v, "gradient." + std::string(key), min, 10000000);
    if (!value) return std::move(value).error();
    field = static_cast<std::size_t>(*value);
    return {};
  };
  const auto read_number = [&](std::string_view key, double& field) -> Status {
    const Json* v = find(node, key);
    if (v == nullptr) return {};
    auto value = number(*v, "gradient." + std::string(key));
    if (!value) return std::move(value).error();
    field = *value;
    return {};
  };
  if (auto s = read_size("window", 20, out.window); !s) return std::move(s).error();
  if (auto s = read_size("step", 1, out.step); !s) return std::move(s).error();
  if (auto s = read_size("slope_points", 2, out.slope_points); !s) return std::move(s).error();
  if (auto s = read_number("rise_bound", out.rise_bound); !s) return std::move(s).error();
  if (auto s = read_number("flip_margin", out.flip_margin); !s) return std::move(s).error();
  if (auto s = graph::TeGradientDetector::check(out); !s) return std::move(s).error();
  return out;
}

Result<Json> run_gradient(const graph::TeGradientDetector::Params& params,
                          const std::vector<double>& source, const std::vector<double>& target) {
  graph::TeGradientDetector detector(params);
  std::vector<double> rows(2 * source.size());
  for (std::size_t t = 0; t < source.size(); ++t) {
    rows[2 * t] = source[t];
    rows[2 * t + 1] = target[t];
  }
  if (auto s = detector.push(rows); !s) return std::move(s).error();
  Json points = Json::array();
  for (const auto& p : detector.take_points()) {
    // A gradient is null until slope_points estimates exist.
    const auto gradient = [](double g) {
      return std::isfinite(g) ? number_value(g) : Json(nullptr);
    };
    points.push_back({{"index", p.index},
                      {"forward", number_value(p.forward)},
                      {"backward", number_value(p.backward)},
                      {"forward_gradient", gradient(p.forward_gradient)},
                      {"backward_gradient", gradient(p.backward_gradient)}});
  }
  Json alerts = Json::array();
  for (const auto& a : detector.take_alerts()) alerts.push_back(causal_read::encode(a));
  return Json{{"detector", std::string(graph::TeGradientDetector::kName)},
              {"version", std::string(graph::TeGradientDetector::kVersion)},
              {"parameters",
               {{"window", params.window},
                {"step", params.step},
                {"slope_points", params.slope_points},
                {"rise_bound", number_value(params.rise_bound)},
                {"flip_margin", number_value(params.flip_margin)}}},
              {"points", std::move(points)},
              {"alerts", std::move(alerts)}};
}

}  // namespace

Result<Json> te(const Json& request) {
  if (auto s = only_keys(request, "request",
                         {"source", "target", "estimator", "embedding", "ksg", "discrete",
                          "surrogates", "gradient"});
      !s) {
    return std::move(s).error();
  }
  auto source_node = require(request, "source", "request");
  if (!source_node) return std::move(source_node).error();
  auto source = causal_read::series(**source_node, "source");
  if (!source) return std::move(source).error();
  auto target_node = require(request, "target", "request");
  if (!target_node) return std::move(target_node).error();
  auto target = causal_read::series(**target_node, "target");
  if (!target) return std::move(target).error();
  auto params = causal_read::te_params(request);
  if (!params) return std::move(params).error();
  auto surrogates = causal_read::surrogates(request);
  if (!surrogates) return std::move(surrogates).error();

  auto estimator = graph::TransferEntropy::for_target(*target, *params);
  if (!estimator) return std::move(estimator).error();
  auto prepared = estimator->prepare_source(*source);
  if (!prepared) return std::move(prepared).error();
  auto te = estimator->estimate(*prepared);
  if (!te) return std::move(te).error();

  Json out{{"te", number_value(*te)},
           {"units", "nats"},
           {"estimator", std::string(graph::to_string(params->estimator))},
           {"samples", target->size()},
           {"observations", estimator->observations()},
           {"parameters", causal_read::encode(*params)}};
  if (surrogates->count > 0) {
    auto test = graph::significance(*estimator, *prepared, *te, *surrogates);
    if (!test) return std::move(test).error();
    out["significance"] = {{"p_value", number_value(test->p_value)},
                           {"surrogate_mean", number_value(test->surrogate_mean)},
                           {"surrogate_std", number_value(test->surrogate_std)},
                           {"surrogates", causal_read::encode(*surrogates)}};
  }
  if (const Json* node = find(request, "gradient")) {
    auto gradient = gradient_params(*node, *params);
    if (!gradient) return std::move(gradient).error();
    auto result = run_gradient(*gradient, *source, *target);
    if (!result) return std::move(result).error();
    out["gradient"] = std::move(*result);
  }
  return out;
}

}  // namespace lf::api::routes
