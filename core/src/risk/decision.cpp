#include "lf/risk/decision.hpp"

namespace lf::risk {

std::string_view to_string(Verdict verdict) noexcept {
  switch (verdict) {
    case Verdict::approved: return "approved";
    case Verdict::rejected: return "rejected";
    case Verdict::modify_required: return "modify_required";
  }
  return "unknown";
}

std::string_view to_string(RiskReason reason) noexcept {
  switch (reason) {
    case RiskReason::missing_account_data: return "missing_account_data";
    case RiskReason::unknown_instrument: return "unknown_instrument";
    case RiskReason::missing_price: return "missing_price";
    case RiskReason::reduce_only_would_increase: return "reduce_only_would_increase";
    case RiskReason::drawdown_limit: return "drawdown_limit";
    case RiskReason::trading_paused: return "trading_paused";
    case RiskReason::trading_reduced: return "trading_reduced";
    case RiskReason::trading_emergency: return "trading_emergency";
    case RiskReason::order_notional_exceeded: return "order_notional_exceeded";
    case RiskReason::leverage_exceeded: return "leverage_exceeded";
    case RiskReason::stop_loss_missing: return "stop_loss_missing";
    case RiskReason::stop_loss_wrong_side: return "stop_loss_wrong_side";
    case RiskReason::stop_loss_too_close: return "stop_loss_too_close";
    case RiskReason::stop_loss_too_far: return "stop_loss_too_far";
    case RiskReason::take_profit_wrong_side: return "take_profit_wrong_side";
    case RiskReason::position_size_exceeded: return "position_size_exceeded";
    case RiskReason::insufficient_margin: return "insufficient_margin";
    case RiskReason::liquidation_too_close: return "liquidation_too_close";
    case RiskReason::stop_beyond_liquidation: return "stop_beyond_liquidation";
    case RiskReason::correlation_unavailable: return "correlation_unavailable";
    case RiskReason::correlation_exceeded: return "correlation_exceeded";
    case RiskReason::rate_limited: return "rate_limited";
  }
  return "unknown";
}

}  // namespace lf::risk
