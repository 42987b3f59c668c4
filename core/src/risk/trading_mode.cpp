#include "lf/risk/trading_mode.hpp"

#include <string>

namespace lf::risk {

std::string_view to_string(TradingMode mode) noexcept {
  switch (mode) {
    case TradingMode::normal: return "normal";
    case TradingMode::paused: return "paused";
    case TradingMode::reduced: return "reduced";
    case TradingMode::emergency: return "emergency";
  }
  return "unknown";
}

Result<TradingMode> parse_trading_mode(std::string_view text) {
  for (auto mode :
       {TradingMode::normal, TradingMode::paused, TradingMode::reduced, TradingMode::emergency}) {
    if (to_string(mode) == text) return mode;
  }
  return make_error(ErrorCode::invalid_argument,
                    "mode '" + std::string(text) +
                        "' is not a trading mode (normal, paused, reduced, emergency)");
}

int severity(TradingMode mode) noexcept {
  switch (mode) {
    case TradingMode::normal: return 0;
    case TradingMode::reduced: return 1;
    case TradingMode::paused: return 2;
    case TradingMode::emergency: return 3;
  }
  return 3;
}

std::string_view to_string(OrderIntent intent) noexcept {
  switch (intent) {
    case OrderIntent::open: return "open";
    case OrderIntent::reduce: return "reduce";
    case OrderIntent::liquidate: return "liquidate";
  }
  return "unknown";
}

bool mode_allows(TradingMode mode, OrderIntent intent) noexcept {
  switch (mode) {
    case TradingMode::normal: return true;
    case TradingMode::reduced: return intent != OrderIntent::open;
    case TradingMode::paused: return false;
    case TradingMode::emergency: return intent == OrderIntent::liquidate;
  }
  return false;
}

}  // namespace lf::risk
