// JSON shapes of the risk routes (risk_routes.cpp; docs/API.md):
//   order      {"instrument", "side": "buy"|"sell", "quantity", "price"?,
//               "stop_loss"?, "take_profit"?, "leverage"?: 1, "reduce_only"?: false}
//   portfolio  {"equity"?, "cash"? (absent or null: missing, which rejects),
//               "positions"?: [{"instrument", "quantity", "entry_price"}],
//               "prices": {instrument: [price...]}, "equity_curve"?: [equity...]}
//   limits     any RiskLimits member by name (risk_limits.hpp); absent: default
#pragma once

#include "json_read.hpp"
#include "lf/risk/decision.hpp"
#include "lf/risk/order.hpp"
#include "lf/risk/portfolio.hpp"
#include "lf/risk/risk_limits.hpp"
#include "lf/risk/trading_state.hpp"

namespace lf::api::risk_read {

using json_read::Json;

Result<risk::Order> order(const Json& value);
Result<risk::Portfolio> portfolio(const Json& value);
Result<risk::RiskLimits> limits(const Json& value);

Json decision_json(const risk::Decision& decision);
Json transition_json(const risk::Transition& transition);

}  // namespace lf::api::risk_read
