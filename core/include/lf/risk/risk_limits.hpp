// The pre-trade engine's limits, with their defaults. Fractions are of the
// quantity named (0.02 = 2%); boundaries are inclusive on the allowed side
// (a position of exactly 2% of equity passes). docs/RISK.md explains each.
#pragma once

#include <cstddef>

#include "lf/common/result.hpp"

namespace lf::risk {

struct RiskLimits {
  // The resulting position's notional (|quantity| x price) over equity.
  double max_position_fraction = 0.02;
  // The stop-loss's distance from the entry price, over the entry price.
  double min_stop_distance = 0.001;
  double max_stop_distance = 0.10;
  // Pearson's r of returns with each open position, signed by direction.
  double max_correlation = 0.70;
  std::size_t correlation_window = 30;  // returns (so window + 1 prices)
  // Drawdown from peak equity at which the kill switch trips.
  double max_drawdown = 0.15;
  // Free cash must cover this multiple of the order's initial margin.
  double margin_buffer = 1.10;
  // Maintenance margin rate of the liquidation price formula.
  double maintenance_margin_rate = 0.005;
  // The liquidation price's distance from the entry price, over the entry.
  double min_liquidation_distance = 0.05;
  double max_leverage = 20.0;
  // One order's notional, in the quote currency (a fat-finger guard).
  double max_order_notional = 1'000'000.0;
  // At most max_submits approvals within any submit_interval seconds.
  std::size_t max_submits = 10;
  double submit_interval = 1.0;
};

// invalid_parameter naming the first field out of its domain: fractions in
// (0, 1] (max_correlation in (0, 1], maintenance_margin_rate in [0, 1)),
// min_stop_distance <= max_stop_distance, correlation_window >= 2,
// margin_buffer >= 1, max_leverage >= 1, max_order_notional > 0,
// max_submits >= 1, submit_interval > 0; all finite.
Status validate(const RiskLimits& limits);

}  // namespace lf::risk
