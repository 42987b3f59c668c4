// POST risk/check, risk/state: the pre-trade risk engine and the trading
// state (lf/risk; docs/RISK.md, docs/API.md).
//
// risk/check  {"order", "portfolio", "limits"?, "mode"?, "now"?: 0,
//              "recent_submits"?: [seconds...]}
//          -> the decision: {"decision", "reason", "message", "intent", "mode",
//             "kill_switch_tripped", "risk_score", "stop_loss", "take_profit",
//             "suggested_quantity", "suggested_stop_loss", "figures",
//             "audit_lines"}
// risk/state  {} to read, or {"to", "actor", "reason", "timestamp"} to request
//             a manual transition
//          -> {"mode", "audit_records", "audit_head", "transitions", "audit_lines"}
//
// This process keeps one TradingState (a server, each edge isolate and each
// wasm instance has its own). risk/check with "mode" judges the order under
// that mode on a scratch state and changes nothing here; without "mode" it
// uses this process's state, which a drawdown at the limit trips. The rate
// limit is the request's: "recent_submits" are the caller's earlier submit
// times. audit_lines are the lines the request added to the audit chain,
// for the caller to persist (the core keeps only the recent transitions).
#include "lf/risk/pre_trade_engine.hpp"
#include "risk_read.hpp"
#include "routes.hpp"

namespace lf::api::routes {
namespace {

using namespace json_read;

Json drained_lines(risk::TradingState& state) {
  Json lines = Json::array();
  for (auto& line : state.drain_audit_lines()) lines.push_back(std::move(line));
  return lines;
}

Result<double> optional_time(const Json& request, std::string_view key, double fallback) {
  const Json* node = find(request, key);
  if (node == nullptr) return fallback;
  return number(*node, key);
}

Status apply_transition(const Json& request, risk::TradingState& state) {
  for (const char* key : {"actor", "reason", "timestamp"}) {
    if (auto node = require(request, key, "request"); !node) return std::move(node).error();
  }
  auto to_text = string(request["to"], "to");
  if (!to_text) return std::move(to_text).error();
  auto to = risk::parse_trading_mode(*to_text);
  if (!to) return std::move(to).error();
  auto actor = string(request["actor"], "actor");
  if (!actor) return std::move(actor).error();
  auto reason = string(request["reason"], "reason");
  if (!reason) return std::move(reason).error();
  auto timestamp = number(request["timestamp"], "timestamp");
  if (!timestamp) return std::move(timestamp).error();
  return state.request_transition(*to, *actor, *reason, *timestamp);
}

}  // namespace

risk::TradingState& process_trading_state() {
  // One per process: function-local, as pcs/submit's dedup store.
  static risk::TradingState state;
  return state;
}

Result<Json> risk_check(const Json& request) {
  if (auto s = only_keys(request, "request",
                         {"order", "portfolio", "limits", "mode", "now", "recent_submits"});
      !s) {
    return std::move(s).error();
  }
  auto order_node = require(request, "order", "request");
  if (!order_node) return std::move(order_node).error();
  auto order = risk_read::order(**order_node);
  if (!order) return std::move(order).error();
  auto portfolio_node = require(request, "portfolio", "request");
  if (!portfolio_node) return std::move(portfolio_node).error();
  auto portfolio = risk_read::portfolio(**portfolio_node);
  if (!portfolio) return std::move(portfolio).error();
  risk::RiskLimits limits;
  if (const Json* node = find(request, "limits")) {
    auto read = risk_read::limits(*node);
    if (!read) return std::move(read).error();
    limits = *read;
  }
  auto engine = risk::PreTradeEngine::create(limits);
  if (!engine) return std::move(engine).error();
  if (const Json* node = find(request, "recent_submits")) {
    auto times = numbers(*node, "recent_submits", /*null_as_nan=*/false);
    if (!times) return std::move(times).error();
    for (double t : *times) {
      if (auto s = engine->record_submit(t); !s) return std::move(s).error();
    }
  }
  auto now = optional_time(request, "now", 0.0);
  if (!now) return std::move(now).error();

  std::optional<risk::TradingState> scratch;
  if (const Json* node = find(request, "mode")) {
    auto text = string(*node, "mode");
    if (!text) return std::move(text).error();
    auto mode = risk::parse_trading_mode(*text);
    if (!mode) return std::move(mode).error();
    scratch.emplace(*mode);
  }
  risk::TradingState& state = scratch ? *scratch : process_trading_state();
  auto decision = engine->check(*order, *portfolio, state, *now);
  if (!decision) return std::move(decision).error();
  Json out = risk_read::decision_json(*decision);
  out["audit_lines"] = drained_lines(state);
  return out;
}

Result<Json> risk_state(const Json& request) {
  if (auto s = only_keys(request, "request", {"to", "actor", "reason", "timestamp"}); !s) {
    return std::move(s).error();
  }
  risk::TradingState& state = process_trading_state();
  if (find(request, "to") != nullptr) {
    if (auto s = apply_transition(request, state); !s) return std::move(s).error();
  } else if (!request.empty()) {
    return make_error(ErrorCode::schema_error,
                      "request.to is required with actor, reason and timestamp");
  }
  Json out;
  out["mode"] = std::string(to_string(state.mode()));
  out["audit_records"] = state.audit_records();
  out["audit_head"] = state.audit_head();
  Json transitions = Json::array();
  for (const auto& transition : state.recent_transitions()) {
    transitions.push_back(risk_read::transition_json(transition));
  }
  out["transitions"] = std::move(transitions);
  out["audit_lines"] = drained_lines(state);
  return out;
}

}  // namespace lf::api::routes
