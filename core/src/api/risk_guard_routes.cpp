// POST risk/validate and risk/bias: the statistical signal validator and the
// behavioural bias guard of lf/risk. Shapes in docs/API.md.
//
// risk/validate  {"statistics": {"p_value", "expected_value", "sharpe", "confidence"}}
//              | {"returns": [number...], "confidence", "periods_per_year"?: 252}
//                 plus "thresholds"?: {"max_p_value", "min_expected_value",
//                 "min_sharpe", "min_confidence"}
//             -> {"accepted", "rejections": [{"code", "value", "threshold"}],
//                 "statistics": {...}, "sample"?: {...}, "thresholds": {...}}
// risk/bias      {"context": {...}, "state"?: {"cooldown_until_ms"}, "config"?: {...}}
//             -> {"allowed", "max_size", "confirmations_required", "force_stop",
//                 "findings": [{"bias", "action", "detail"}], "state"}
// The bias guard keeps no state in the process: the caller passes back the
// "state" of the previous answer (its cooldown), so any instance of a
// stateless shell (an edge isolate) answers the same.
#include <cmath>

#include "breaker_read.hpp"
#include "lf/risk/bias_guard.hpp"
#include "lf/risk/signal_validator.hpp"
#include "routes.hpp"
#include "verify_read.hpp"

namespace lf::api::routes {
namespace {

using namespace json_read;
using breaker_read::millis;
using breaker_read::millis_value;
using risk::Nanos;

std::string member(std::string_view path, std::string_view key) {
  return std::string(path) + "." + std::string(key);
}

Result<double> required_number(const Json& object, std::string_view key, std::string_view path) {
  auto node = require(object, key, path);
  if (!node) return std::move(node).error();
  return number(**node, member(path, key));
}

// Reads `key` into `out` when present.
Status optional_number(const Json& object, std::string_view key, std::string_view path,
                       double& out) {
  const Json* node = find(object, key);
  if (node == nullptr) return {};
  auto value = number(*node, member(path, key));
  if (!value) return std::move(value).error();
  out = *value;
  return {};
}

Status optional_count(const Json& object, std::string_view key, std::string_view path,
                      std::uint32_t& out) {
  const Json* node = find(object, key);
  if (node == nullptr) return {};
  auto value = verify_read::integer(*node, member(path, key), 0, UINT32_MAX);
  if (!value) return std::move(value).error();
  out = static_cast<std::uint32_t>(*value);
  return {};
}

Status optional_millis(const Json& object, std::string_view key, std::string_view path,
                       Nanos& out) {
  const Json* node = find(object, key);
  if (node == nullptr) return {};
  auto value = millis(*node, member(path, key), breaker_read::kMaxDurationMs);
  if (!value) return std::move(value).error();
  out = *value;
  return {};
}

// ---- risk/validate -----------------------------------------------------------

Result<risk::ValidatorThresholds> decode_thresholds(const Json& request) {
  risk::ValidatorThresholds t;
  const Json* node = find(request, "thresholds");
  if (node == nullptr) return t;
  if (auto s = expect_object(*node, "thresholds"); !s) return std::move(s).error();
  if (auto s = only_keys(*node, "thresholds",
                         {"max_p_value", "min_expected_value", "min_sharpe", "min_confidence"});
      !s) {
    return std::move(s).error();
  }
  Status steps[] = {
      optional_number(*node, "max_p_value", "thresholds", t.max_p_value),
      optional_number(*node, "min_expected_value", "thresholds", t.min_expected_value),
      optional_number(*node, "min_sharpe", "thresholds", t.min_sharpe),
      optional_number(*node, "min_confidence", "thresholds", t.min_confidence)};
  for (auto& step : steps) {
    if (!step) return std::move(step).error();
  }
  if (auto s = risk::validate(t); !s) return std::move(s).error();
  return t;
}

Json thresholds_json(const risk::ValidatorThresholds& t) {
  return Json{{"max_p_value", number_value(t.max_p_value)},
              {"min_expected_value", number_value(t.min_expected_value)},
              {"min_sharpe", number_value(t.min_sharpe)},
              {"min_confidence", number_value(t.min_confidence)}};
}

Result<risk::SignalStatistics> decode_statistics(const Json& node) {
  if (auto s = expect_object(node, "statistics"); !s) return std::move(s).error();
  if (auto s = only_keys(node, "statistics", {"p_value", "expected_value", "sharpe", "confidence"});
      !s) {
    return std::move(s).error();
  }
  risk::SignalStatistics out;
  double* fields[] = {&out.p_value, &out.expected_value, &out.sharpe, &out.confidence};
  const std::string_view keys[] = {"p_value", "expected_value", "sharpe", "confidence"};
  for (std::size_t i = 0; i < 4; ++i) {
    auto value = required_number(node, keys[i], "statistics");
    if (!value) return std::move(value).error();
    *fields[i] = *value;
  }
  return out;
}

// Each rejection with the figure and the threshold it failed.
Json rejection_json(risk::SignalRejection reason, const risk::SignalStatistics& s,
                    const risk::ValidatorThresholds& t) {
  double value = 0.0;
  double threshold = 0.0;
  switch (reason) {
    case risk::SignalRejection::p_value_too_high:
      value = s.p_value;
      threshold = t.max_p_value;
      break;
    case risk::SignalRejection::expected_value_not_positive:
      value = s.expected_value;
      threshold = t.min_expected_value;
      break;
    case risk::SignalRejection::sharpe_too_low:
      value = s.sharpe;
      threshold = t.min_sharpe;
      break;
    case risk::SignalRejection::confidence_too_low:
      value = s.confidence;
      threshold = t.min_confidence;
      break;
  }
  return Json{{"code", std::string(risk::to_string(reason))},
              {"value", number_value(value)},
              {"threshold", number_value(threshold)}};
}

// ---- risk/bias ---------------------------------------------------------------

Result<risk::TradeSide> side_of(const Json& object, std::string_view path) {
  auto node = require(object, "side", path);
  if (!node) return std::move(node).error();
  auto text = string(**node, member(path, "side"));
  if (!text) return std::move(text).error();
  if (*text == "buy") return risk::TradeSide::buy;
  if (*text == "sell") return risk::TradeSide::sell;
  return make_error(ErrorCode::schema_error, member(path, "side") + " must be \"buy\" or \"sell\"");
}

Result<std::string> required_string(const Json& object, std::string_view key,
                                    std::string_view path) {
  auto node = require(object, key, path);
  if (!node) return std::move(node).error();
  return string(**node, member(path, key));
}

Status decode_prices(const Json& node, risk::TradeContext& c) {
  if (!node.is_array())
    return make_error(ErrorCode::schema_error, "context.prices must be an array");
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string path = "context.prices[" + std::to_string(i) + "]";
    if (auto s = expect_object(node[i], path); !s) return s;
    if (auto s = only_keys(node[i], path, {"at_ms", "price"}); !s) return s;
    auto at = require(node[i], "at_ms", path);
    if (!at) return std::move(at).error();
    auto at_ns = millis(**at, member(path, "at_ms"), breaker_read::kMaxTimestampMs);
    if (!at_ns) return std::move(at_ns).error();
    auto price = required_number(node[i], "price", path);
    if (!price) return std::move(price).error();
    c.prices.push_back({*at_ns, *price});
  }
  return {};
}

Status decode_positions(const Json& node, risk::TradeContext& c) {
  if (!node.is_array()) {
    return make_error(ErrorCode::schema_error, "context.positions must be an array");
  }
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string path = "context.positions[" + std::to_string(i) + "]";
    if (auto s = expect_object(node[i], path); !s) return s;
    if (auto s = only_keys(node[i], path, {"instrument", "side", "price", "stop"}); !s) return s;
    risk::HeldPosition p;
    auto instrument = required_string(node[i], "instrument", path);
    if (!instrument) return std::move(instrument).error();
    p.instrument = std::move(*instrument);
    auto side = side_of(node[i], path);
    if (!side) return std::move(side).error();
    p.side = *side;
    auto price = required_number(node[i], "price", path);
    if (!price) return std::move(price).error();
    p.price = *price;
    auto stop = required_number(node[i], "stop", path);
    if (!stop) return std::move(stop).error();
    p.stop = *stop;
    c.positions.push_back(std::move(p));
  }
  return {};
}

Result<risk::TradeContext> decode_context(const Json& request) {
  auto node = require(request, "context", "request");
  if (!node) return std::move(node).error();
  const Json& ctx = **node;
  constexpr std::string_view path = "context";
  if (auto s = expect_object(ctx, path); !s) return std::move(s).error();
  if (auto s = only_keys(ctx, path,
                         {"now_ms", "instrument", "side", "reduces_position", "size",
                          "baseline_size", "prices", "sentiment", "last_loss_at_ms", "win_streak",
                          "overridden_warnings", "signal_sources", "positions"});
      !s) {
    return std::move(s).error();
  }
  risk::TradeContext c;
  auto now = require(ctx, "now_ms", path);
  if (!now) return std::move(now).error();
  auto now_ns = millis(**now, "context.now_ms", breaker_read::kMaxTimestampMs);
  if (!now_ns) return std::move(now_ns).error();
  c.now = *now_ns;
  auto instrument = required_string(ctx, "instrument", path);
  if (!instrument) return std::move(instrument).error();
  c.instrument = std::move(*instrument);
  auto side = side_of(ctx, path);
  if (!side) return std::move(side).error();
  c.side = *side;
  if (const Json* reduces = find(ctx, "reduces_position")) {
    auto flag = breaker_read::boolean(*reduces, "context.reduces_position");
    if (!flag) return std::move(flag).error();
    c.reduces_position = *flag;
  }
  auto size = required_number(ctx, "size", path);
  if (!size) return std::move(size).error();
  c.size = *size;
  auto baseline = required_number(ctx, "baseline_size", path);
  if (!baseline) return std::move(baseline).error();
  c.baseline_size = *baseline;
  if (auto s = optional_number(ctx, "sentiment", path, c.sentiment); !s) {
    return std::move(s).error();
  }
  if (const Json* loss = find(ctx, "last_loss_at_ms")) {
    auto at = millis(*loss, "context.last_loss_at_ms", breaker_read::kMaxTimestampMs);
    if (!at) return std::move(at).error();
    c.last_loss_at = *at;
  }
  if (auto s = optional_count(ctx, "win_streak", path, c.win_streak); !s) {
    return std::move(s).error();
  }
  if (auto s = optional_count(ctx, "overridden_warnings", path, c.overridden_warnings); !s) {
    return std::move(s).error();
  }
  if (const Json* sources = find(ctx, "signal_sources")) {
    auto list = breaker_read::strings(*sources, "context.signal_sources");
    if (!list) return std::move(list).error();
    c.signal_sources = std::move(*list);
  }
  if (const Json* prices = find(ctx, "prices")) {
    if (auto s = decode_prices(*prices, c); !s) return std::move(s).error();
  }
  if (const Json* positions = find(ctx, "positions")) {
    if (auto s = decode_positions(*positions, c); !s) return std::move(s).error();
  }
  return c;
}

Result<risk::GuardState> decode_state(const Json& request) {
  risk::GuardState state;
  const Json* node = find(request, "state");
  if (node == nullptr) return state;
  if (auto s = expect_object(*node, "state"); !s) return std::move(s).error();
  if (auto s = only_keys(*node, "state", {"cooldown_until_ms"}); !s) return std::move(s).error();
  const Json* until = find(*node, "cooldown_until_ms");
  if (until == nullptr || until->is_null()) return state;
  auto at = millis(*until, "state.cooldown_until_ms", breaker_read::kMaxTimestampMs);
  if (!at) return std::move(at).error();
  state.cooldown_until = *at;
  return state;
}

Result<risk::BiasConfig> decode_bias_config(const Json& request) {
  risk::BiasConfig c;
  const Json* node = find(request, "config");
  if (node == nullptr) return c;
  constexpr std::string_view path = "config";
  if (auto s = expect_object(*node, path); !s) return std::move(s).error();
  if (auto s = only_keys(*node, path,
                         {"fomo_rise", "fomo_window_ms", "fomo_sentiment", "revenge_window_ms",
                          "revenge_cooldown_ms", "max_win_streak", "max_size_growth",
                          "max_overrides", "capped_size", "min_signal_sources"});
      !s) {
    return std::move(s).error();
  }
  Status steps[] = {
      optional_number(*node, "fomo_rise", path, c.fomo_rise),
      optional_millis(*node, "fomo_window_ms", path, c.fomo_window),
      optional_number(*node, "fomo_sentiment", path, c.fomo_sentiment),
      optional_millis(*node, "revenge_window_ms", path, c.revenge_window),
      optional_millis(*node, "revenge_cooldown_ms", path, c.revenge_cooldown),
      optional_count(*node, "max_win_streak", path, c.max_win_streak),
      optional_number(*node, "max_size_growth", path, c.max_size_growth),
      optional_count(*node, "max_overrides", path, c.max_overrides),
      optional_number(*node, "capped_size", path, c.capped_size),
      optional_count(*node, "min_signal_sources", path, c.min_signal_sources),
  };
  for (auto& step : steps) {
    if (!step) {
      Error error = std::move(step).error();
      if (error.code == ErrorCode::invalid_argument) error.code = ErrorCode::invalid_parameter;
      return error;
    }
  }
  if (auto s = risk::validate(c); !s) return std::move(s).error();
  return c;
}

}  // namespace

Result<Json> risk_validate(const Json& request) {
  if (auto s = only_keys(request, "request",
                         {"statistics", "returns", "confidence", "periods_per_year", "thresholds"});
      !s) {
    return std::move(s).error();
  }
  auto thresholds = decode_thresholds(request);
  if (!thresholds) return std::move(thresholds).error();
  const Json* statistics_node = find(request, "statistics");
  const Json* returns_node = find(request, "returns");
  if ((statistics_node == nullptr) == (returns_node == nullptr)) {
    return make_error(ErrorCode::schema_error,
                      "request must have exactly one of 'statistics' and 'returns'");
  }
  risk::SignalStatistics statistics;
  Json sample = nullptr;
  if (statistics_node != nullptr) {
    if (find(request, "confidence") != nullptr || find(request, "periods_per_year") != nullptr) {
      return make_error(ErrorCode::schema_error,
                        "confidence and periods_per_year go with 'returns' only");
    }
    auto decoded = decode_statistics(*statistics_node);
    if (!decoded) return std::move(decoded).error();
    statistics = *decoded;
  } else {
    auto returns = json_read::numbers(*returns_node, "returns", false);
    if (!returns) return std::move(returns).error();
    double periods = 252.0;
    if (auto s = optional_number(request, "periods_per_year", "request", periods); !s) {
      return std::move(s).error();
    }
    auto computed = risk::return_statistics(*returns, periods);
    if (!computed) return std::move(computed).error();
    auto confidence = required_number(request, "confidence", "request");
    if (!confidence) return std::move(confidence).error();
    statistics = {computed->p_value, computed->mean, computed->sharpe, *confidence};
    sample = Json{{"samples", computed->samples},
                  {"mean", number_value(computed->mean)},
                  {"standard_deviation", number_value(computed->standard_deviation)},
                  {"t_statistic", number_value(computed->t_statistic)},
                  {"periods_per_year", number_value(periods)}};
  }
  auto verdict = risk::validate_signal(statistics, *thresholds);
  if (!verdict) return std::move(verdict).error();
  Json rejections = Json::array();
  for (auto reason : verdict->rejections) {
    rejections.push_back(rejection_json(reason, statistics, *thresholds));
  }
  Json out{{"accepted", verdict->accepted},
           {"rejections", std::move(rejections)},
           {"statistics",
            {{"p_value", number_value(statistics.p_value)},
             {"expected_value", number_value(statistics.expected_value)},
             {"sharpe", number_value(statistics.sharpe)},
             {"confidence", number_value(statistics.confidence)}}},
           {"thresholds", thresholds_json(*thresholds)}};
  if (!sample.is_null()) out["sample"] = std::move(sample);
  return out;
}

Result<Json> risk_bias(const Json& request) {
  if (auto s = only_keys(request, "request", {"context", "state", "config"}); !s) {
    return std::move(s).error();
  }
  auto context = decode_context(request);
  if (!context) return std::move(context).error();
  auto state = decode_state(request);
  if (!state) return std::move(state).error();
  auto config = decode_bias_config(request);
  if (!config) return std::move(config).error();
  auto decision = risk::evaluate_biases(*context, *state, *config);
  if (!decision) return std::move(decision).error();
  Json findings = Json::array();
  for (const auto& f : decision->findings) {
    findings.push_back({{"bias", std::string(risk::to_string(f.bias))},
                        {"action", std::string(risk::to_string(f.action))},
                        {"detail", f.detail}});
  }
  const auto& until = decision->state.cooldown_until;
  return Json{{"allowed", decision->allowed},
              {"max_size", decision->max_size ? number_value(*decision->max_size) : Json(nullptr)},
              {"confirmations_required", decision->confirmations_required},
              {"force_stop", decision->force_stop},
              {"findings", std::move(findings)},
              {"state", {{"cooldown_until_ms", until ? millis_value(*until) : Json(nullptr)}}}};
}

}  // namespace lf::api::routes
