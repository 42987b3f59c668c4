#include "lf/risk/circuit_breaker_events.hpp"

#include <array>
#include <string>

namespace lf::risk {
namespace {

constexpr std::array<BreakerState, 6> kStates{
    BreakerState::closed,   BreakerState::open,        BreakerState::half_open,
    BreakerState::disabled, BreakerState::forced_open, BreakerState::metrics_only};

}  // namespace

std::string_view to_string(BreakerState state) noexcept {
  switch (state) {
    case BreakerState::closed: return "closed";
    case BreakerState::open: return "open";
    case BreakerState::half_open: return "half_open";
    case BreakerState::disabled: return "disabled";
    case BreakerState::forced_open: return "forced_open";
    case BreakerState::metrics_only: return "metrics_only";
  }
  return "closed";
}

Result<BreakerState> parse_breaker_state(std::string_view text) {
  for (BreakerState state : kStates) {
    if (to_string(state) == text) return state;
  }
  return make_error(ErrorCode::invalid_argument,
                    "breaker state must be closed, open, half_open, disabled, forced_open or "
                    "metrics_only, got \"" +
                        std::string(text) + "\"");
}

bool manual_transition_allowed(BreakerState from, BreakerState to) noexcept {
  if (to == BreakerState::half_open) {
    return from != BreakerState::closed && from != BreakerState::metrics_only;
  }
  return !(from == BreakerState::metrics_only && to == BreakerState::open);
}

std::string_view to_string(TransitionCause cause) noexcept {
  switch (cause) {
    case TransitionCause::failure_rate: return "failure_rate";
    case TransitionCause::slow_call_rate: return "slow_call_rate";
    case TransitionCause::wait_elapsed: return "wait_elapsed";
    case TransitionCause::probes_passed: return "probes_passed";
    case TransitionCause::half_open_timeout: return "half_open_timeout";
    case TransitionCause::manual: return "manual";
    case TransitionCause::cascade: return "cascade";
  }
  return "manual";
}

std::string_view to_string(BreakerEventType type) noexcept {
  switch (type) {
    case BreakerEventType::state_transition: return "state_transition";
    case BreakerEventType::call_not_permitted: return "call_not_permitted";
    case BreakerEventType::failure_rate_exceeded: return "failure_rate_exceeded";
    case BreakerEventType::slow_call_rate_exceeded: return "slow_call_rate_exceeded";
  }
  return "state_transition";
}

}  // namespace lf::risk
