#include "ui/panels/risk_model.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "ui/panels/json_fields.hpp"

namespace lf::ui::risk {
namespace {

bool separator(char c) {
  return c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && separator(text.front())) text.remove_prefix(1);
  while (!text.empty() && separator(text.back())) text.remove_suffix(1);
  return std::string(text);
}

}  // namespace

const std::array<LimitSpec, 13> kLimits{{
    {"max_position_fraction", false,
     "The resulting position's notional may be at most this fraction of equity (default 0.02)."},
    {"min_stop_distance", false,
     "The stop must be at least this fraction of the entry away (default 0.001)."},
    {"max_stop_distance", false,
     "The stop must be at most this fraction of the entry away (default 0.10)."},
    {"max_correlation", false,
     "Largest directional return correlation with an open position (default 0.70)."},
    {"correlation_window", true,
     "Returns in the correlation window; needs one more price (default 30)."},
    {"max_drawdown", false, "Drawdown from peak that trips the state to emergency (default 0.15)."},
    {"margin_buffer", false, "Cash must cover this multiple of the margin (default 1.10)."},
    {"maintenance_margin_rate", false,
     "Maintenance margin rate in the liquidation price (default 0.005)."},
    {"min_liquidation_distance", false,
     "The liquidation price must be at least this fraction of the entry away (default 0.05)."},
    {"max_leverage", false, "Largest leverage an opening order may use (default 20)."},
    {"max_order_notional", false,
     "Largest quantity x price of one order, quote currency (default 1,000,000)."},
    {"max_submits", true, "Approvals allowed within submit_interval (default 10)."},
    {"submit_interval", false, "The submit-rate window, seconds (default 1)."},
}};

Result<std::vector<double>> parse_numbers(std::string_view text, std::string_view field) {
  std::vector<double> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && separator(text[i])) ++i;
    if (i == text.size()) break;
    std::size_t end = i;
    while (end < text.size() && !separator(text[end])) ++end;
    const std::string token(text.substr(i, end - i));
    char* stop = nullptr;
    errno = 0;
    const double value = std::strtod(token.c_str(), &stop);
    if (stop != token.c_str() + token.size() || errno == ERANGE || !std::isfinite(value)) {
      return make_error(ErrorCode::invalid_argument,
                        std::string(field) + ": '" + token + "' is not a finite number");
    }
    out.push_back(value);
    i = end;
  }
  return out;
}

CheckForm example_check_form() {
  CheckForm form;
  form.instrument = "BTC";
  form.buy = true;
  form.quantity = 0.03;
  form.price = 65000;
  form.has_stop_loss = true;
  form.stop_loss = 63000;
  form.has_take_profit = true;
  form.take_profit = 70000;
  form.leverage = 10;
  form.equity = 100000;
  form.cash = 20000;
  form.positions = {{"ETH", -2, 3000}};
  form.prices = {{"BTC", "63000, 64000, 65000"}, {"ETH", "3100, 3050, 3000"}};
  form.equity_curve = "98000, 100000";
  form.limits[4] = {true, 2};  // correlation_window
  form.mode = "normal";
  form.now = 1700000000;
  form.recent_submits = "1699999999.5";
  return form;
}

Result<nlohmann::json> check_request(const CheckForm& form) {
  nlohmann::json order = {{"instrument", form.instrument},
                          {"side", form.buy ? "buy" : "sell"},
                          {"quantity", form.quantity},
                          {"leverage", form.leverage},
                          {"reduce_only", form.reduce_only}};
  if (!form.market) order["price"] = form.price;
  if (form.has_stop_loss) order["stop_loss"] = form.stop_loss;
  if (form.has_take_profit) order["take_profit"] = form.take_profit;

  nlohmann::json positions = nlohmann::json::array();
  for (const auto& p : form.positions) {
    positions.push_back(
        {{"instrument", p.instrument}, {"quantity", p.quantity}, {"entry_price", p.entry_price}});
  }
  nlohmann::json prices = nlohmann::json::object();
  for (const auto& row : form.prices) {
    const std::string name = trimmed(row.instrument);
    auto values = parse_numbers(row.prices, "prices of " + name);
    if (!values) return std::move(values).error();
    prices[name] = *values;
  }
  auto curve = parse_numbers(form.equity_curve, "equity curve");
  if (!curve) return std::move(curve).error();
  nlohmann::json portfolio = {
      {"equity", form.has_equity ? nlohmann::json(form.equity) : nlohmann::json(nullptr)},
      {"cash", form.has_cash ? nlohmann::json(form.cash) : nlohmann::json(nullptr)},
      {"positions", std::move(positions)},
      {"prices", std::move(prices)},
      {"equity_curve", *curve}};

  nlohmann::json limits = nlohmann::json::object();
  for (std::size_t i = 0; i < kLimits.size(); ++i) {
    if (!form.limits[i].enabled) continue;
    if (kLimits[i].integer) {
      limits[kLimits[i].name] = static_cast<long long>(std::llround(form.limits[i].value));
    } else {
      limits[kLimits[i].name] = form.limits[i].value;
    }
  }
  auto submits = parse_numbers(form.recent_submits, "recent submits");
  if (!submits) return std::move(submits).error();

  nlohmann::json request = {{"order", std::move(order)},
                            {"portfolio", std::move(portfolio)},
                            {"limits", std::move(limits)},
                            {"now", form.now},
                            {"recent_submits", *submits}};
  if (!form.mode.empty()) request["mode"] = form.mode;
  return request;
}

Result<AuditEntry> read_audit_line(std::string_view line) {
  const nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
  const nlohmann::json& data = json_member(record, "data");
  const std::optional<double> seq = json_number(record, "seq");
  if (record.is_discarded() || json_string(record, "type") != "entry" || !data.is_object() ||
      !seq || *seq < 0) {
    return make_error(ErrorCode::schema_error, "not a trading-state audit entry");
  }
  AuditEntry out;
  out.seq = static_cast<std::size_t>(*seq);
  out.kind = json_string(data, "kind");
  out.from = json_string(data, "from");
  out.to = json_string(data, "to");
  out.who = json_string(data, out.kind == "trip" ? "cause" : "actor");
  out.why = json_string(data, out.kind == "trip" ? "detail" : "reason");
  out.timestamp = json_number(data, "timestamp").value_or(0.0);
  out.hash = json_string(record, "hash");
  return out;
}

KillSwitchView kill_switch_view(const nlohmann::json& state) {
  KillSwitchView out;
  out.engaged = json_string(state, "mode") == "emergency";
  if (!out.engaged) return out;
  const nlohmann::json& transitions = json_member(state, "transitions");
  if (!transitions.is_array()) return out;
  for (auto it = transitions.rbegin(); it != transitions.rend(); ++it) {
    if (json_string(*it, "to") != "emergency") continue;
    if (json_string(*it, "kind") == "trip") {
      out.cause = json_string(*it, "cause");
      out.detail = json_string(*it, "detail");
    } else {
      out.cause = "manual (" + json_string(*it, "actor") + ")";
      out.detail = json_string(*it, "reason");
    }
    out.since = json_number(*it, "timestamp");
    break;
  }
  return out;
}

nlohmann::json breaker_config(const BreakerConfigForm& config) {
  return {{"window_size", config.window_size},
          {"minimum_calls", config.minimum_calls},
          {"failure_rate_threshold", config.failure_rate_threshold},
          {"wait_in_open_ms", config.wait_in_open_ms},
          {"permitted_calls_in_half_open", config.permitted_calls_in_half_open}};
}

nlohmann::json breaker_record_request(std::string_view component, bool success, double duration_ms,
                                      double now_ms, const BreakerConfigForm& config) {
  return {{"component", std::string(component)},
          {"outcome", success ? "success" : "failure"},
          {"duration_ms", duration_ms},
          {"now_ms", now_ms},
          {"config", breaker_config(config)}};
}

nlohmann::json breaker_transition_request(std::string_view component, std::string_view to,
                                          std::string_view actor, std::string_view reason,
                                          double now_ms) {
  return {{"component", std::string(component)},
          {"to", std::string(to)},
          {"actor", std::string(actor)},
          {"reason", std::string(reason)},
          {"now_ms", now_ms}};
}

nlohmann::json breaker_cascade_request(std::string_view source, std::string_view dependants) {
  nlohmann::json names = nlohmann::json::array();
  std::size_t i = 0;
  while (i <= dependants.size()) {
    std::size_t end = dependants.find(',', i);
    if (end == std::string_view::npos) end = dependants.size();
    std::string name = trimmed(dependants.substr(i, end - i));
    if (!name.empty()) names.push_back(std::move(name));
    i = end + 1;
  }
  return {{"source", std::string(source)}, {"dependants", std::move(names)}};
}

}  // namespace lf::ui::risk
