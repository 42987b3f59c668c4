#include "lf/risk/circuit_breaker_trading.hpp"

#include <string>

namespace lf::risk {

std::string breaker_trip_detail(const GlobalStateChange& change) {
  return std::to_string(change.open_components) + " of " + std::to_string(change.components) +
         " circuit breakers open (last: " + std::string(change.trigger) + ")";
}

void TradingStateTripper::on_global_state_change(const GlobalStateChange& change) {
  if (change.to != GlobalState::open) return;
  // The trading state keeps seconds; breakers keep nanoseconds.
  const double seconds = static_cast<double>(change.at) / static_cast<double>(kNanosPerSecond);
  const std::string detail = breaker_trip_detail(change);
  if (state_mutex_ == nullptr) {
    state_.trip(TripCause::breaker_cascade, detail, seconds);
    return;
  }
  std::lock_guard lock(*state_mutex_);
  state_.trip(TripCause::breaker_cascade, detail, seconds);
}

}  // namespace lf::risk
