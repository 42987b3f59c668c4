// The Risk panel's logic, without drawing: the what-if pre-trade form and the
// risk/check request it makes, the trading state's audit entries, the kill
// switch as the trading state reports it, and the circuit-breaker requests.
// Checked by tests/ui/panels_risk_test.cpp against docs/API.md's examples.
#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::ui::risk {

// Trading modes, least to most severe (docs/RISK.md).
inline constexpr std::array<const char*, 4> kModes{"normal", "reduced", "paused", "emergency"};
// Circuit-breaker states an operator may request (docs/API.md, breaker/transition).
inline constexpr std::array<const char*, 6> kBreakerStates{
    "closed", "open", "half_open", "disabled", "forced_open", "metrics_only"};

// Numbers typed as text, separated by commas, semicolons or white space
// ("63000, 64000 65000"). invalid_argument naming `field` and the bad token.
Result<std::vector<double>> parse_numbers(std::string_view text, std::string_view field);

// A limit of the pre-trade engine (docs/RISK.md, "Limits and defaults").
struct LimitSpec {
  const char* name;
  bool integer;
  const char* explanation;  // with the documented default
};
extern const std::array<LimitSpec, 13> kLimits;

struct LimitOverride {
  bool enabled = false;
  double value = 0.0;
};

struct PositionRow {
  std::string instrument;
  double quantity = 0.0;  // signed: > 0 long, < 0 short
  double entry_price = 0.0;
};

struct PriceRow {
  std::string instrument;
  std::string prices;  // oldest first, as typed
};

struct CheckForm {
  // The order.
  std::string instrument;
  bool buy = true;
  double quantity = 0.0;
  bool market = false;  // no limit price: valued at the last price
  double price = 0.0;
  bool has_stop_loss = false;
  double stop_loss = 0.0;
  bool has_take_profit = false;
  double take_profit = 0.0;
  double leverage = 1.0;
  bool reduce_only = false;
  // The portfolio.
  bool has_equity = true;
  double equity = 0.0;
  bool has_cash = true;
  double cash = 0.0;
  std::vector<PositionRow> positions;
  std::vector<PriceRow> prices;
  std::string equity_curve;
  // Limits overridden, parallel to kLimits.
  std::array<LimitOverride, 13> limits{};
  // The mode to judge the order under, on a scratch state (nothing in the
  // process changes); empty: the process's trading state, which a drawdown
  // at the limit trips to emergency.
  std::string mode = "normal";
  double now = 0.0;            // seconds, the caller's clock
  std::string recent_submits;  // earlier submit times, seconds
};

// The form filled with docs/API.md's risk/check example (a BTC buy hedged by
// a short ETH position, correlation window 2), which the core approves.
CheckForm example_check_form();

// The risk/check request; invalid_argument for a malformed number list.
Result<nlohmann::json> check_request(const CheckForm& form);

// One trading-state audit record (docs/RISK.md, "Audit chain").
struct AuditEntry {
  std::size_t seq = 0;
  std::string kind;  // manual or trip
  std::string from;
  std::string to;
  std::string who;  // manual: the actor; trip: the cause
  std::string why;  // manual: the reason; trip: the detail
  double timestamp = 0.0;
  std::string hash;
};
// schema_error when the line is not an audit entry record.
Result<AuditEntry> read_audit_line(std::string_view line);

// The kill switch as the trading state reports it: engaged while the state
// is latched in emergency (a kill-switch press, a lost heartbeat, a drawdown
// or an operator put it there), with the transition that latched it.
struct KillSwitchView {
  bool engaged = false;
  std::string cause;  // the trip's cause, or "manual (<actor>)"
  std::string detail;
  std::optional<double> since;  // the latching transition's timestamp
};
KillSwitchView kill_switch_view(const nlohmann::json& state);

// breaker/* requests (docs/API.md, "Circuit breakers").
struct BreakerConfigForm {
  int window_size = 4;
  int minimum_calls = 4;
  double failure_rate_threshold = 50.0;  // percent
  double wait_in_open_ms = 10000.0;
  int permitted_calls_in_half_open = 2;
};
nlohmann::json breaker_config(const BreakerConfigForm& config);
nlohmann::json breaker_record_request(std::string_view component, bool success, double duration_ms,
                                      double now_ms, const BreakerConfigForm& config);
nlohmann::json breaker_transition_request(std::string_view component, std::string_view to,
                                          std::string_view actor, std::string_view reason,
                                          double now_ms);
// The dependants typed as a comma-separated list of names.
nlohmann::json breaker_cascade_request(std::string_view source, std::string_view dependants);

}  // namespace lf::ui::risk
