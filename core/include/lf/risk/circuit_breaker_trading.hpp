// Reports the breaker registry's global state to a TradingState: when the
// global state opens, TradingState::trip(TripCause::breaker_cascade, ...)
// (which moves Normal or Reduced to Paused, audited; see trading_state.hpp).
// The registry knows nothing of trading; this listener is the one link.
//
// The global state closing again does not resume trading: resuming is an
// operator's manual transition, as for every trip.
//
// TradingState is not thread-safe. The registry reports changes one at a
// time (under its mutex), but on whichever thread opened the breaker: a host
// whose other threads also use the TradingState must hold its own lock
// around those uses and pass the same mutex here.
#pragma once

#include <mutex>
#include <string>

#include "lf/risk/circuit_breaker_registry.hpp"
#include "lf/risk/trading_state.hpp"

namespace lf::risk {

class TradingStateTripper final : public RegistryListener {
 public:
  // `state` (and `state_mutex`, when given) must outlive the registry.
  explicit TradingStateTripper(TradingState& state, std::mutex* state_mutex = nullptr)
      : state_(state), state_mutex_(state_mutex) {}

  void on_global_state_change(const GlobalStateChange& change) override;

 private:
  TradingState& state_;
  std::mutex* state_mutex_;
};

// The trip's detail text: "N of M circuit breakers open (last: NAME)".
std::string breaker_trip_detail(const GlobalStateChange& change);

}  // namespace lf::risk
