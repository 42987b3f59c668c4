// The pre-trade risk engine: judges one order against the portfolio, the
// limits and the trading mode before the order may go to a venue.
//
// It fails closed: missing account data, an unknown instrument, a missing
// price or a correlation it cannot compute reject the order with a reason;
// nothing is approved by default. The rules run in a fixed order and the
// first that fails decides (docs/RISK.md lists them with their codes):
//   1. account data present                         missing_account_data
//   2. drawdown from peak < max_drawdown, else the
//      kill switch trips the state (TripCause::drawdown)
//   3. instruments known, price present              unknown_instrument, missing_price
//   4. reduce_only orders really reduce              reduce_only_would_increase
//   5. the mode allows the order's intent            drawdown_limit, trading_paused,
//                                                    trading_reduced, trading_emergency
//   6. notional <= max_order_notional                order_notional_exceeded
//   7. orders that open exposure only:
//      leverage, stop-loss (present, side, distance), take-profit side,
//      position size, margin, liquidation distance, stop before liquidation,
//      correlation with every open position
//   8. submit rate                                    rate_limited
// Reducing orders (reduce, liquidate) skip step 7: a rule must never keep
// the system from getting out of a position.
//
// Position size and notional are computed here, from quantity x price (the
// limit price, or the instrument's last price for a market order): a size
// the caller computed is never trusted.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/risk/decision.hpp"
#include "lf/risk/order.hpp"
#include "lf/risk/portfolio.hpp"
#include "lf/risk/rate_limiter.hpp"
#include "lf/risk/risk_limits.hpp"
#include "lf/risk/trading_state.hpp"

namespace lf::risk {

class PreTradeEngine {
 public:
  // invalid_parameter when the limits are out of their domain (validate).
  static Result<PreTradeEngine> create(const RiskLimits& limits = {});

  const RiskLimits& limits() const noexcept { return limits_; }

  // The decision on `order` at time `now` (caller's seconds, never before
  // the last approval). A drawdown at the limit trips `state`; an approval
  // counts against the submit rate limit. Errors, on which nothing changes
  // (neither `state` nor the rate limit):
  //   invalid_argument   empty instrument, quantity <= 0, a price, stop or
  //                      take-profit <= 0, leverage < 1, cash < 0, a
  //                      position with an empty instrument or entry <= 0
  //   non_finite_value   NaN or infinite in any of those, equity or now
  //   non_increasing_timestamp  now before the last approval
  Result<Decision> check(const Order& order, const Portfolio& portfolio, TradingState& state,
                         double now);

  // Counts a submit approved elsewhere (e.g. by an earlier process whose
  // history the caller replays); the same timestamp errors as check.
  Status record_submit(double now);

  // An open position, its instrument resolved in the portfolio's
  // PriceHistories (kUnknownInstrument when it has no history).
  struct Exposure {
    const std::string* instrument;
    std::size_t index;
    double quantity;
  };
  static constexpr std::size_t kUnknownInstrument = static_cast<std::size_t>(-1);

 private:
  explicit PreTradeEngine(const RiskLimits& limits);

  // Validates every position and resolves the open ones into exposures_.
  Status resolve_positions(const Portfolio& portfolio);

  RiskLimits limits_;
  SubmitRateLimiter submits_;
  // Scratch refilled by every check, kept so that checks do not allocate
  // and so that its indices hint the next check's lookups.
  std::vector<Exposure> exposures_;
};

}  // namespace lf::risk
