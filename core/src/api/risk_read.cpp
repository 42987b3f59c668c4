#include "risk_read.hpp"

#include <cmath>
#include <string>

namespace lf::api::risk_read {
namespace {

using namespace json_read;

// The core's message, prefixed with the JSON path it concerns.
Error at(const std::string& path, Error error) {
  error.message = path + ": " + error.message;
  return error;
}

Result<double> required_number(const Json& object, std::string_view key, const std::string& path) {
  auto node = require(object, key, path);
  if (!node) return std::move(node).error();
  return number(**node, path + "." + std::string(key));
}

// Absent (or null, with `null_is_absent`): empty.
Result<std::optional<double>> optional_number(const Json& object, std::string_view key,
                                              const std::string& path,
                                              bool null_is_absent = false) {
  const Json* node = find(object, key);
  if (node == nullptr || (null_is_absent && node->is_null())) return std::optional<double>();
  auto value = number(*node, path + "." + std::string(key));
  if (!value) return std::move(value).error();
  return std::optional<double>(*value);
}

Result<std::string> required_string(const Json& object, std::string_view key,
                                    const std::string& path) {
  auto node = require(object, key, path);
  if (!node) return std::move(node).error();
  return string(**node, path + "." + std::string(key));
}

// A non-negative JSON integer.
Result<std::size_t> count(const Json& value, const std::string& path) {
  // nlohmann parses a non-negative integer literal as unsigned, a negative
  // one as signed and anything with a fraction or exponent as a float.
  if (!value.is_number_unsigned()) {
    return make_error(ErrorCode::schema_error, path + " must be a non-negative integer");
  }
  return static_cast<std::size_t>(value.get<std::uint64_t>());
}

Json number_or_null(double value) {
  return std::isfinite(value) ? number_value(value) : Json(nullptr);
}

Json optional_or_null(const std::optional<double>& value) {
  return value ? number_value(*value) : Json(nullptr);
}

Status read_positions(const Json& value, risk::Portfolio& out) {
  if (!value.is_array()) {
    return make_error(ErrorCode::schema_error, "portfolio.positions must be an array");
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string path = "portfolio.positions[" + std::to_string(i) + "]";
    if (auto s = expect_object(value[i], path); !s) return s;
    if (auto s = only_keys(value[i], path, {"instrument", "quantity", "entry_price"}); !s) return s;
    auto instrument = required_string(value[i], "instrument", path);
    if (!instrument) return std::move(instrument).error();
    auto quantity = required_number(value[i], "quantity", path);
    if (!quantity) return std::move(quantity).error();
    auto entry = required_number(value[i], "entry_price", path);
    if (!entry) return std::move(entry).error();
    if (!out.positions.emplace(*instrument, risk::Position{*quantity, *entry}).second) {
      return make_error(ErrorCode::invalid_argument,
                        path + ".instrument '" + *instrument + "' has an earlier position");
    }
  }
  return {};
}

Status read_prices(const Json& value, risk::Portfolio& out) {
  if (auto s = expect_object(value, "portfolio.prices"); !s) return s;
  for (auto it = value.begin(); it != value.end(); ++it) {
    const std::string path = "portfolio.prices." + it.key();
    auto prices = numbers(it.value(), path, /*null_as_nan=*/false);
    if (!prices) return std::move(prices).error();
    if (auto s = out.prices.set(it.key(), std::move(*prices)); !s) return at(path, s.error());
  }
  return {};
}

}  // namespace

Result<risk::Order> order(const Json& value) {
  if (auto s = expect_object(value, "order"); !s) return std::move(s).error();
  if (auto s = only_keys(value, "order",
                         {"instrument", "side", "quantity", "price", "stop_loss", "take_profit",
                          "leverage", "reduce_only"});
      !s) {
    return std::move(s).error();
  }
  risk::Order out;
  auto instrument = required_string(value, "instrument", "order");
  if (!instrument) return std::move(instrument).error();
  out.instrument = std::move(*instrument);
  auto side_text = required_string(value, "side", "order");
  if (!side_text) return std::move(side_text).error();
  auto side = risk::parse_side(*side_text);
  if (!side) return at("order.side", std::move(side).error());
  out.side = *side;
  auto quantity = required_number(value, "quantity", "order");
  if (!quantity) return std::move(quantity).error();
  out.quantity = *quantity;
  for (auto [key, field] : {std::pair{"price", &out.price}, std::pair{"stop_loss", &out.stop_loss},
                            std::pair{"take_profit", &out.take_profit}}) {
    auto read = optional_number(value, key, "order");
    if (!read) return std::move(read).error();
    *field = *read;
  }
  auto leverage = optional_number(value, "leverage", "order");
  if (!leverage) return std::move(leverage).error();
  out.leverage = leverage->value_or(1.0);
  if (const Json* flag = find(value, "reduce_only")) {
    if (!flag->is_boolean()) {
      return make_error(ErrorCode::schema_error, "order.reduce_only must be a boolean");
    }
    out.reduce_only = flag->get<bool>();
  }
  return out;
}

Result<risk::Portfolio> portfolio(const Json& value) {
  if (auto s = expect_object(value, "portfolio"); !s) return std::move(s).error();
  if (auto s =
          only_keys(value, "portfolio", {"equity", "cash", "positions", "prices", "equity_curve"});
      !s) {
    return std::move(s).error();
  }
  risk::Portfolio out;
  auto equity = optional_number(value, "equity", "portfolio", /*null_is_absent=*/true);
  if (!equity) return std::move(equity).error();
  out.equity = *equity;
  auto cash = optional_number(value, "cash", "portfolio", /*null_is_absent=*/true);
  if (!cash) return std::move(cash).error();
  out.cash = *cash;
  if (const Json* positions = find(value, "positions")) {
    if (auto s = read_positions(*positions, out); !s) return std::move(s).error();
  }
  auto prices = require(value, "prices", "portfolio");
  if (!prices) return std::move(prices).error();
  if (auto s = read_prices(**prices, out); !s) return std::move(s).error();
  if (const Json* curve = find(value, "equity_curve")) {
    auto values = numbers(*curve, "portfolio.equity_curve", /*null_as_nan=*/false);
    if (!values) return std::move(values).error();
    auto built = risk::EquityCurve::from(*values);
    if (!built) return std::move(built).error();
    out.equity_curve = std::move(*built);
  }
  return out;
}

Result<risk::RiskLimits> limits(const Json& value) {
  if (auto s = expect_object(value, "limits"); !s) return std::move(s).error();
  risk::RiskLimits out;
  const std::pair<const char*, double*> reals[] = {
      {"max_position_fraction", &out.max_position_fraction},
      {"min_stop_distance", &out.min_stop_distance},
      {"max_stop_distance", &out.max_stop_distance},
      {"max_correlation", &out.max_correlation},
      {"max_drawdown", &out.max_drawdown},
      {"margin_buffer", &out.margin_buffer},
      {"maintenance_margin_rate", &out.maintenance_margin_rate},
      {"min_liquidation_distance", &out.min_liquidation_distance},
      {"max_leverage", &out.max_leverage},
      {"max_order_notional", &out.max_order_notional},
      {"submit_interval", &out.submit_interval}};
  const std::pair<const char*, std::size_t*> counts[] = {
      {"correlation_window", &out.correlation_window}, {"max_submits", &out.max_submits}};
  for (auto it = value.begin(); it != value.end(); ++it) {
    const std::string path = "limits." + it.key();
    bool known = false;
    for (const auto& [name, field] : reals) {
      if (it.key() != name) continue;
      auto read = number(it.value(), path);
      if (!read) return std::move(read).error();
      *field = *read;
      known = true;
    }
    for (const auto& [name, field] : counts) {
      if (it.key() != name) continue;
      auto read = count(it.value(), path);
      if (!read) return std::move(read).error();
      *field = *read;
      known = true;
    }
    if (!known) {
      return make_error(ErrorCode::schema_error, "limits has an unknown member '" + it.key() + "'");
    }
  }
  if (auto s = risk::validate(out); !s) return at("limits", std::move(s).error());
  return out;
}

Json decision_json(const risk::Decision& d) {
  Json out;
  out["decision"] = std::string(to_string(d.verdict));
  out["reason"] = d.reason ? Json(std::string(to_string(*d.reason))) : Json(nullptr);
  out["message"] = d.message;
  out["intent"] = std::string(to_string(d.intent));
  out["mode"] = std::string(to_string(d.mode));
  out["kill_switch_tripped"] = d.kill_switch_tripped;
  out["risk_score"] = number_value(d.risk_score);
  out["stop_loss"] = optional_or_null(d.stop_loss);
  out["take_profit"] = optional_or_null(d.take_profit);
  out["suggested_quantity"] = optional_or_null(d.suggested_quantity);
  out["suggested_stop_loss"] = optional_or_null(d.suggested_stop_loss);
  const risk::RiskFigures& f = d.figures;
  out["figures"] = {{"drawdown", number_or_null(f.drawdown)},
                    {"entry_price", number_or_null(f.entry_price)},
                    {"notional", number_or_null(f.notional)},
                    {"position_notional", number_or_null(f.position_notional)},
                    {"margin_required", number_or_null(f.margin_required)},
                    {"liquidation_price", number_or_null(f.liquidation_price)},
                    {"max_correlation", number_or_null(f.max_correlation)}};
  return out;
}

Json transition_json(const risk::Transition& t) {
  Json out;
  out["seq"] = t.seq;
  out["from"] = std::string(to_string(t.from));
  out["to"] = std::string(to_string(t.to));
  out["timestamp"] = number_value(t.timestamp);
  if (t.cause) {
    out["kind"] = "trip";
    out["cause"] = std::string(to_string(*t.cause));
    out["detail"] = t.reason;
  } else {
    out["kind"] = "manual";
    out["actor"] = t.actor;
    out["reason"] = t.reason;
  }
  out["audit_line"] = t.audit_line;
  return out;
}

}  // namespace lf::api::risk_read
