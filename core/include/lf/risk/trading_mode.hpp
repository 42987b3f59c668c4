// Trading modes: how much trading the system allows right now.
//
//   normal     every order the pre-trade checks approve
//   reduced    only orders that reduce an existing position (wind down)
//   paused     no orders at all (an operator pause; positions are held)
//   emergency  only liquidation: closing a whole position at market
//
// Severity, used by automatic trips (which only escalate):
//   normal < reduced < paused < emergency
// Paused ranks above Reduced because it allows strictly less (nothing);
// Emergency ranks above both because it latches (see trading_state.hpp) and
// allows only the one kind of order that removes risk.
#pragma once

#include <cstdint>
#include <string_view>

#include "lf/common/result.hpp"

namespace lf::risk {

enum class TradingMode : std::uint8_t { normal, paused, reduced, emergency };

// "normal", "paused", "reduced", "emergency".
std::string_view to_string(TradingMode mode) noexcept;
// The inverse of to_string; invalid_argument for any other text.
Result<TradingMode> parse_trading_mode(std::string_view text);

// 0 (normal) .. 3 (emergency), as ordered above.
int severity(TradingMode mode) noexcept;

// What an order does to the exposure of its instrument (the pre-trade engine
// classifies each order against the portfolio's position):
//   open       opens or increases a position
//   reduce     reduce-only, opposite the position, smaller than it
//   liquidate  reduce-only market order closing the whole position
enum class OrderIntent : std::uint8_t { open, reduce, liquidate };

// "open", "reduce", "liquidate".
std::string_view to_string(OrderIntent intent) noexcept;

// Whether `mode` lets an order with `intent` through:
//             open  reduce  liquidate
//   normal     yes   yes     yes
//   reduced    no    yes     yes
//   paused     no    no      no
//   emergency  no    no      yes
bool mode_allows(TradingMode mode, OrderIntent intent) noexcept;

}  // namespace lf::risk
