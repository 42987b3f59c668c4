// The Risk panel: this process's trading state and circuit breakers as the
// core's risk routes keep them (docs/RISK.md, "In the JSON API: per-process
// state": one trading state and one breaker registry per process, here the
// dashboard itself, starting in `normal` with no breakers), and a what-if
// pre-trade check.
//
// - Trading state (risk/state): the mode, manual transitions with actor and
//   reason, the recent transitions with their audit records, the kill switch
//   as the state reports it (engaged while latched in emergency, with what
//   latched it), and a check of the audit chain (audit/verify) over the
//   lines this panel collected from every answer that added some.
// - Circuit breakers (breaker/state, breaker/record, breaker/transition,
//   breaker/cascade): the global state, each breaker's state and rates, and
//   forms to record call outcomes, move a breaker by hand and declare
//   cascades. Times are this machine's clock in milliseconds.
// - What-if check (risk/check): an order with its portfolio, judged under a
//   chosen mode on a scratch state (nothing changes) or under the process's
//   state (a drawdown at the limit then trips it): decision, reason code,
//   the rule's message, risk score, figures and suggestions.
//
// Every route call is a button press or a periodic breaker refresh (once a
// second, so open breakers move to half-open on time); nothing runs per
// frame.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ui/panels/risk_model.hpp"
#include "ui/panels/route_call.hpp"
#include "ui/workspace.hpp"

namespace lf::ui {

class RiskPanel {
 public:
  RiskPanel();
  // Draws the panel's contents inside a window the app opened.
  void draw(const Workspace& workspace);
  // What the panel shows: mode, kill switch, recent transitions, the audit
  // chain check, breakers, and the last what-if decision, with any errors.
  nlohmann::json snapshot() const;

 private:
  void refresh_state();
  void refresh_breakers();
  void collect(const RouteReply& reply);
  void remember_events(const RouteReply& reply);
  void draw_trading_state();
  void draw_transition_form();
  void draw_audit();
  void draw_breakers();
  void draw_breaker_forms();
  void draw_check_form(const Workspace& workspace);
  void draw_check_result() const;

  // Trading state.
  RouteReply state_;
  RouteReply transition_;  // the last transition request (errors shown inline)
  int transition_to_ = 2;  // paused
  std::string actor_ = "analyst";
  std::string reason_;
  std::vector<std::string> audit_log_;  // every audit line the answers carried, in order
  RouteReply audit_check_;

  // Circuit breakers.
  RouteReply breakers_;
  RouteReply breaker_action_;
  double breakers_refreshed_at_ = -1.0e9;  // ImGui time, seconds
  std::vector<nlohmann::json> events_;     // recent breaker events, newest last
  std::string component_ = "exchange";
  bool outcome_success_ = false;
  double duration_ms_ = 120.0;
  risk::BreakerConfigForm config_;
  int breaker_to_ = 0;
  std::string breaker_actor_ = "analyst";
  std::string breaker_reason_;
  std::string cascade_source_ = "exchange";
  std::string cascade_dependants_ = "orders";

  // What-if check.
  risk::CheckForm check_form_;
  bool judge_under_process_state_ = false;
  int judge_mode_ = 0;
  std::string form_error_;
  RouteReply check_;
};

}  // namespace lf::ui
