// POST grok: the micro-grokking monitor over one LLM generation
// (lf/detect/micro_grokking.hpp), token by token.
//
// Request (exactly one of logits / log_probs; one array per token, all the
// same length; null is -inf, a masked or impossible token):
//   {"logits": [[number|null...]...]} | {"log_probs": [[number|null...]...]},
//    "parameters"?: {string: number}}   (micro_grokking's parameters)
// Response:
//   {"algorithm": "micro_grokking", "version", "input": "logits"|"log_probs",
//    "tokens", "vocab_size", "parameters": {...},
//    "entropy": [...], "smoothed_entropy": [...], "curvature": [number|null...],
//    "state": ["exploring"|"stuck"|"grokked"...],
//    "alerts": [{"detector", "version", "index", "timestamp", "kind", "severity", "score"}],
//    "should_early_stop": bool, "early_stop_index": integer|null}
#include <cmath>
#include <limits>

#include "lf/detect/micro_grokking.hpp"
#include "routes.hpp"

namespace lf::api::routes {
namespace {

using namespace json_read;

Json number_or_null(double value) {
  return std::isnan(value) ? Json(nullptr) : number_value(value);
}

Result<detect::ParameterList> decode_parameters(const Json& request) {
  detect::ParameterList list;
  const Json* node = find(request, "parameters");
  if (node == nullptr) return list;
  if (auto s = expect_object(*node, "parameters"); !s) return std::move(s).error();
  for (auto it = node->begin(); it != node->end(); ++it) {
    auto value = number(it.value(), "parameters." + it.key());
    if (!value) return std::move(value).error();
    list.push_back({it.key(), *value});
  }
  return list;
}

// One token's row; null reads as -inf.
Result<std::vector<double>> decode_row(const Json& row, const std::string& path) {
  if (!row.is_array()) {
    return make_error(ErrorCode::schema_error, path + " must be an array of numbers");
  }
  std::vector<double> out;
  out.reserve(row.size());
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (row[i].is_number()) {
      out.push_back(row[i].get<double>());
    } else if (row[i].is_null()) {
      out.push_back(-std::numeric_limits<double>::infinity());
    } else {
      return make_error(ErrorCode::schema_error,
                        path + "[" + std::to_string(i) + "] must be a number or null");
    }
  }
  return out;
}

}  // namespace

Result<Json> grok(const Json& request) {
  if (auto s = only_keys(request, "request", {"logits", "log_probs", "parameters"}); !s) {
    return std::move(s).error();
  }
  const Json* logits = find(request, "logits");
  const Json* log_probs = find(request, "log_probs");
  if ((logits == nullptr) == (log_probs == nullptr)) {
    return make_error(ErrorCode::schema_error,
                      "the request needs exactly one of request.logits and request.log_probs");
  }
  const std::string input = logits != nullptr ? "logits" : "log_probs";
  const Json& rows = logits != nullptr ? *logits : *log_probs;
  if (!rows.is_array()) {
    return make_error(ErrorCode::schema_error, input + " must be an array of arrays");
  }
  if (rows.empty()) return make_error(ErrorCode::empty_input, input + " has no token");
  auto overrides = decode_parameters(request);
  if (!overrides) return std::move(overrides).error();
  auto params = detect::grok_params(*overrides);
  if (!params) return std::move(params).error();

  detect::MicroGrokkingMonitor monitor(*params);
  Json entropy = Json::array();
  Json smoothed = Json::array();
  Json curvature = Json::array();
  Json states = Json::array();
  Json alerts = Json::array();
  Json early_stop_index = nullptr;
  for (std::size_t t = 0; t < rows.size(); ++t) {
    const std::string path = input + "[" + std::to_string(t) + "]";
    auto row = decode_row(rows[t], path);
    if (!row) return std::move(row).error();
    auto metrics = monitor.on_token(*row);
    if (!metrics) {
      auto error = std::move(metrics).error();
      error.message = path + ": " + error.message;
      return error;
    }
    entropy.push_back(number_value(metrics->entropy));
    smoothed.push_back(number_value(metrics->smoothed_entropy));
    curvature.push_back(number_or_null(metrics->curvature));
    states.push_back(std::string(detect::to_string(metrics->state)));
    if (const auto& event = monitor.event()) {
      alerts.push_back({{"detector", std::string(detect::MicroGrokkingDetector::kName)},
                        {"version", std::string(detect::MicroGrokkingDetector::kVersion)},
                        {"index", t},
                        {"timestamp", t},
                        {"kind", std::string(event->kind)},
                        {"severity", std::string(detect::to_string(event->severity))},
                        {"score", number_value(event->score)}});
    }
    if (early_stop_index.is_null() && monitor.should_early_stop()) early_stop_index = t;
  }

  Json parameters = Json::object();
  for (const auto& p : detect::grok_parameter_list(*params)) {
    parameters[p.name] = number_value(p.value);
  }
  return Json{{"algorithm", std::string(detect::MicroGrokkingDetector::kName)},
              {"version", std::string(detect::MicroGrokkingDetector::kVersion)},
              {"input", input},
              {"tokens", rows.size()},
              {"vocab_size", monitor.vocab_size()},
              {"parameters", std::move(parameters)},
              {"entropy", std::move(entropy)},
              {"smoothed_entropy", std::move(smoothed)},
              {"curvature", std::move(curvature)},
              {"state", std::move(states)},
              {"alerts", std::move(alerts)},
              {"should_early_stop", monitor.should_early_stop()},
              {"early_stop_index", std::move(early_stop_index)}};
}

}  // namespace lf::api::routes
