// Liquidation price of an isolated-margin position in a linear perpetual
// (quoted and margined in the quote currency), opened at entry price EP
// with leverage L under maintenance margin rate MMR:
//   long   EP * (1 - 1/L + MMR)
//   short  EP * (1 + 1/L - MMR)
// The position is liquidated when its loss leaves only the maintenance
// margin: for a long, EP - P = EP/L - MMR * EP. (Venues add fees and use the
// mark price; this is the textbook bound the engine keeps its distance from.)
#pragma once

#include "lf/risk/order.hpp"

namespace lf::risk {

// entry_price > 0, leverage >= 1, mmr >= 0. At leverage >= 1/mmr the
// liquidation price reaches the entry price (no room at all).
double liquidation_price(Side side, double entry_price, double leverage, double mmr) noexcept;

}  // namespace lf::risk
