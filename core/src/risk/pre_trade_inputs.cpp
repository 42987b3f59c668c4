#include "pre_trade_inputs.hpp"

#include <cmath>
#include <string>

#include "risk_text.hpp"

namespace lf::risk::detail {
namespace {

// Finite, and > 0 (or >= floor when given).
Status positive(std::string_view name, double value, double floor = 0.0, bool inclusive = false) {
  if (!std::isfinite(value)) {
    return make_error(ErrorCode::non_finite_value, std::string(name) + " is not finite");
  }
  const bool ok = inclusive ? value >= floor : value > floor;
  if (!ok) {
    return make_error(ErrorCode::invalid_argument, std::string(name) + " = " + figure(value) +
                                                       " must be " + (inclusive ? ">= " : "> ") +
                                                       figure(floor));
  }
  return {};
}

Status optional_price(std::string_view name, const std::optional<double>& value) {
  return value ? positive(name, *value) : Status{};
}

}  // namespace

Status validate_order(const Order& order) {
  if (order.instrument.empty()) {
    return make_error(ErrorCode::invalid_argument, "order.instrument must not be empty");
  }
  if (auto s = positive("order.quantity", order.quantity); !s) return s;
  if (auto s = optional_price("order.price", order.price); !s) return s;
  if (auto s = optional_price("order.stop_loss", order.stop_loss); !s) return s;
  if (auto s = optional_price("order.take_profit", order.take_profit); !s) return s;
  return positive("order.leverage", order.leverage, 1.0, /*inclusive=*/true);
}

Status validate_account(const Portfolio& portfolio) {
  if (portfolio.equity && !std::isfinite(*portfolio.equity)) {
    return make_error(ErrorCode::non_finite_value, "portfolio.equity is not finite");
  }
  if (portfolio.cash) {
    if (auto s = positive("portfolio.cash", *portfolio.cash, 0.0, /*inclusive=*/true); !s) {
      return s;
    }
  }
  return {};
}

Status validate_position(const std::string& instrument, const Position& position) {
  if (instrument.empty()) {
    return make_error(ErrorCode::invalid_argument, "a position's instrument must not be empty");
  }
  // The path is built only on failure: this runs for every position of
  // every check.
  if (!std::isfinite(position.quantity)) {
    return make_error(ErrorCode::non_finite_value,
                      "portfolio.positions." + instrument + ".quantity is not finite");
  }
  if (!(std::isfinite(position.entry_price) && position.entry_price > 0.0)) {
    return positive("portfolio.positions." + instrument + ".entry_price", position.entry_price);
  }
  return {};
}

}  // namespace lf::risk::detail
