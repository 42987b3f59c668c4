// What a pre-trade check answers: approved, rejected or modify_required,
// with a stable reason code, the figures the rules computed and, where one
// exists, the change that would let the order through.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "lf/risk/trading_mode.hpp"

namespace lf::risk {

enum class Verdict : std::uint8_t { approved, rejected, modify_required };

// "approved", "rejected", "modify_required".
std::string_view to_string(Verdict verdict) noexcept;

// Stable reason codes (their spelling is public API; docs/RISK.md), in the
// order the engine evaluates the rules: the first failing rule decides.
enum class RiskReason : std::uint8_t {
  missing_account_data,        // equity, cash or the equity curve is missing
  unknown_instrument,          // the order's or a position's instrument has no price history
  missing_price,               // the order's instrument has no last price
  reduce_only_would_increase,  // reduce_only, but the order would not reduce the position
  drawdown_limit,              // drawdown >= max_drawdown: the kill switch tripped to emergency
  trading_paused,              // the mode is paused: no orders
  trading_reduced,             // the mode is reduced: only reducing orders
  trading_emergency,           // the mode is emergency: only liquidation
  order_notional_exceeded,     // quantity x price > max_order_notional
  leverage_exceeded,           // leverage > max_leverage
  stop_loss_missing,           // an order opening exposure without a stop-loss
  stop_loss_wrong_side,        // the stop is not on the losing side of the entry
  stop_loss_too_close,         // stop distance < min_stop_distance (modify_required)
  stop_loss_too_far,           // stop distance > max_stop_distance (modify_required)
  take_profit_wrong_side,      // the take-profit is not on the winning side
  position_size_exceeded,      // resulting position notional > max_position_fraction x equity
  insufficient_margin,         // cash < margin_buffer x initial margin
  liquidation_too_close,       // liquidation price within min_liquidation_distance of entry
  stop_beyond_liquidation,     // the stop would trigger only after liquidation
  correlation_unavailable,     // too little or constant history to correlate with a position
  correlation_exceeded,        // directional correlation with a position > max_correlation
  rate_limited,                // max_submits already approved within submit_interval
};

std::string_view to_string(RiskReason reason) noexcept;

// The figures behind a decision; NaN where the check stopped before the
// rule that computes them.
struct RiskFigures {
  static constexpr double kNotComputed = std::numeric_limits<double>::quiet_NaN();
  double drawdown = kNotComputed;
  double entry_price = kNotComputed;        // the limit price, or the last price
  double notional = kNotComputed;           // quantity x entry_price
  double position_notional = kNotComputed;  // |resulting position| x entry_price
  double margin_required = kNotComputed;    // notional / leverage
  double liquidation_price = kNotComputed;
  double max_correlation = kNotComputed;  // the largest directional correlation
};

struct Decision {
  Verdict verdict = Verdict::approved;
  std::optional<RiskReason> reason;  // empty exactly when approved
  std::string message;               // the failing rule with its figures; empty when approved
  OrderIntent intent = OrderIntent::open;
  TradingMode mode = TradingMode::normal;  // the mode the order was judged under
  bool kill_switch_tripped = false;        // this check tripped the trading state
  // Approved: the largest fraction of any limit the order uses, in [0, 1].
  double risk_score = 0.0;
  // Approved: the order's own stop-loss and take-profit, to submit with it.
  std::optional<double> stop_loss;
  std::optional<double> take_profit;
  // Rejected: the largest quantity the failing rule would allow, when one
  // exists and is > 0.
  std::optional<double> suggested_quantity;
  // modify_required: the nearest stop-loss within the distance bounds.
  std::optional<double> suggested_stop_loss;
  RiskFigures figures;
};

}  // namespace lf::risk
