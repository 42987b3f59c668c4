// The account a pre-trade check judges an order against.
//
// equity and cash are optional because a feed can fail to deliver them:
// a check without them is rejected (missing_account_data), never approved
// on a guess.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "lf/risk/equity_curve.hpp"
#include "lf/risk/price_histories.hpp"

namespace lf::risk {

struct Position {
  double quantity = 0.0;     // signed: > 0 long, < 0 short, 0 flat (ignored)
  double entry_price = 0.0;  // > 0
};

struct Portfolio {
  std::optional<double> equity;  // account value (finite; <= 0 is a 100%+ drawdown)
  std::optional<double> cash;    // collateral free for new margin (finite, >= 0)
  std::map<std::string, Position, std::less<>> positions;  // by instrument
  PriceHistories prices;     // every instrument an order or a position names
  EquityCurve equity_curve;  // past equity, for the drawdown's peak (not empty)
};

}  // namespace lf::risk
