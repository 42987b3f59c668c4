// Validation of the pre-trade engine's inputs: typed errors for values out
// of their domain, before any rule runs (so a bad input changes nothing).
#pragma once

#include <string>

#include "lf/common/result.hpp"
#include "lf/risk/order.hpp"
#include "lf/risk/portfolio.hpp"

namespace lf::risk::detail {

Status validate_order(const Order& order);
// Equity and cash (each position is checked by validate_position).
Status validate_account(const Portfolio& portfolio);
Status validate_position(const std::string& instrument, const Position& position);

}  // namespace lf::risk::detail
