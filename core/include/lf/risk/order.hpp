// An order as the pre-trade engine sees it, before it goes to a venue.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lf/common/result.hpp"

namespace lf::risk {

enum class Side : std::uint8_t { buy, sell };

// "buy", "sell".
std::string_view to_string(Side side) noexcept;
// The inverse of to_string; invalid_argument for any other text.
Result<Side> parse_side(std::string_view text);

struct Order {
  std::string instrument;
  Side side = Side::buy;
  double quantity = 0.0;  // units of the instrument, > 0
  // The limit price; empty for a market order, which is valued at the
  // instrument's last price.
  std::optional<double> price;
  std::optional<double> stop_loss;    // a price; mandatory for orders that open exposure
  std::optional<double> take_profit;  // a price; optional
  double leverage = 1.0;              // >= 1 (isolated margin: notional / leverage)
  // The venue may only reduce the position with this order. Only flagged
  // orders count as reducing (trading_mode.hpp's OrderIntent): an unflagged
  // order could open a position if the position changed before it filled.
  bool reduce_only = false;
};

}  // namespace lf::risk
