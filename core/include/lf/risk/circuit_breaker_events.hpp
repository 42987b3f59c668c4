// Circuit-breaker states and the events a breaker publishes to its listener
// (resilience4j's CircuitBreaker.State, StateTransition and event types).
//
// States
//   closed        calls pass; outcomes fill the sliding window; when a rate
//                 reaches its threshold (after minimum_calls) -> open
//   open          calls are refused; after the wait -> half_open
//   half_open     permitted_calls_in_half_open probe calls pass; when they
//                 have all reported: a rate at its threshold -> open, else
//                 -> closed; max_wait_in_half_open without that -> open
//   disabled      calls pass; nothing is recorded; no automatic transition
//   forced_open   calls are refused; no automatic transition
//   metrics_only  calls pass; outcomes are recorded and the rate events
//                 published, but the breaker never trips
// Only an operator (CircuitBreaker::transition) moves a breaker into or out
// of disabled, forced_open and metrics_only.
#pragma once

#include <cstdint>
#include <string_view>

#include "lf/common/result.hpp"
#include "lf/risk/circuit_breaker_config.hpp"

namespace lf::risk {

enum class BreakerState : std::uint8_t {
  closed,
  open,
  half_open,
  disabled,
  forced_open,
  metrics_only,
};

// "closed", "open", "half_open", "disabled", "forced_open", "metrics_only".
std::string_view to_string(BreakerState state) noexcept;
// The inverse of to_string; invalid_argument for any other text.
Result<BreakerState> parse_breaker_state(std::string_view text);

// Whether an operator may move a breaker from `from` to `to`: every pair
// except closed -> half_open, metrics_only -> open and metrics_only ->
// half_open (resilience4j's table: a half-open probe needs an open breaker
// to probe, and metrics_only never trips).
bool manual_transition_allowed(BreakerState from, BreakerState to) noexcept;

// Why a breaker changed state.
enum class TransitionCause : std::uint8_t {
  failure_rate,       // closed/half_open -> open: the failure rate reached its threshold
  slow_call_rate,     // closed/half_open -> open: the slow-call rate reached its threshold
  wait_elapsed,       // open -> half_open
  probes_passed,      // half_open -> closed: the probes' rates stayed below the thresholds
  half_open_timeout,  // half_open -> open: max_wait_in_half_open passed first
  manual,             // an operator (actor and reason)
  cascade,            // the registry tripped it: a component it depends on opened
};

// "failure_rate", "slow_call_rate", "wait_elapsed", "probes_passed",
// "half_open_timeout", "manual", "cascade".
std::string_view to_string(TransitionCause cause) noexcept;

enum class BreakerEventType : std::uint8_t {
  state_transition,
  call_not_permitted,       // try_acquire refused a call (open, half_open without permits)
  failure_rate_exceeded,    // the failure rate reached its threshold
  slow_call_rate_exceeded,  // the slow-call rate reached its threshold
};

// "state_transition", "call_not_permitted", "failure_rate_exceeded",
// "slow_call_rate_exceeded".
std::string_view to_string(BreakerEventType type) noexcept;

// An event; its string views are valid only during the listener call.
struct BreakerEvent {
  BreakerEventType type = BreakerEventType::state_transition;
  std::string_view breaker;  // the breaker's name
  Nanos at = 0;              // the caller's timestamp of the call that caused it
  // state_transition: the change. Other events: both are the current state.
  BreakerState from = BreakerState::closed;
  BreakerState to = BreakerState::closed;
  TransitionCause cause = TransitionCause::manual;  // state_transition only
  double rate = 0.0;                                // *_rate_exceeded: the rate, in percent
  // Manual transitions: the operator and their reason. Cascades: actor
  // "cascade" and the name of the component whose opening tripped this one.
  std::string_view actor;
  std::string_view reason;
};

// Receives a breaker's events. Events are delivered on the thread whose call
// caused them, after the breaker has released its lock, so a listener may
// call into any breaker (the registry's cascades do). Events of one breaker
// raised on different threads at the same moment may arrive in either order.
class BreakerListener {
 public:
  virtual ~BreakerListener() = default;
  virtual void on_breaker_event(const BreakerEvent& event) = 0;
};

}  // namespace lf::risk
