// The trading state: the current TradingMode, the rules that change it, and
// a tamper-evident audit chain recording every change.
//
// Transition rules
//   Manual (request_transition: an operator, with an actor and a reason):
//     from \ to   normal  reduced  paused  emergency
//     normal        -       yes     yes      yes
//     reduced      yes       -      yes      yes
//     paused       yes      yes      -       yes
//     emergency    no       no      yes       -
//   Any mode may go to Emergency. Emergency latches: the only way out is a
//   manual reset to Paused, so resuming trading takes a second, deliberate
//   transition. A transition to the current mode is refused (nothing to do,
//   nothing to record).
//   Automatic (trip: a monitor, with a cause): moves to the cause's target
//   mode (trip_target) only when that is more severe than the current mode
//   (trading_mode.hpp); otherwise it changes and records nothing. Trips never
//   de-escalate and never fail: a safety trip must take effect even when its
//   caller's clock is broken.
//
// Audit
//   Every transition appends one entry to an lf::verify::AuditChain (the
//   hash-chained log of audit_chain.hpp); its data is, keys sorted:
//     manual {"actor","from","kind":"manual","reason","timestamp","to"}
//     trip   {"cause","detail","from","kind":"trip","timestamp","to"}
//   The core does no I/O: the caller takes the produced lines with
//   drain_audit_lines() and persists them; resume() rebuilds the state (and
//   continues the chain) from a persisted log, so an Emergency latched before
//   a restart is still latched after it.
//
// Timestamps are caller-supplied seconds (any epoch), finite and never
// before the previous transition's.
//
// Not thread-safe: a host with several threads serialises calls itself.
// Each process (a server, an edge isolate, the GPIO daemon) owns its own
// TradingState; nothing is shared between processes except the audit log.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/risk/trading_mode.hpp"
#include "lf/verify/audit_chain.hpp"

namespace lf::risk {

// Why a monitor tripped the state, and the mode each cause moves to.
enum class TripCause : std::uint8_t {
  drawdown,         // drawdown from peak equity reached the limit -> emergency
  kill_switch,      // the hardware kill switch opened -> emergency
  breaker_cascade,  // the circuit-breaker registry's global state opened -> paused
  heartbeat_lost,   // a supervising heartbeat stopped -> emergency
  backend_error,    // a safety backend (e.g. GPIO) failed -> emergency
  shutdown,         // the host is shutting down (SIGTERM) -> emergency
};

// "drawdown", "kill_switch", "breaker_cascade", "heartbeat_lost",
// "backend_error", "shutdown".
std::string_view to_string(TripCause cause) noexcept;
// The inverse of to_string; invalid_argument for any other text.
Result<TripCause> parse_trip_cause(std::string_view text);
// The mode a trip with this cause moves to (listed above).
TradingMode trip_target(TripCause cause) noexcept;

// One recorded transition.
struct Transition {
  std::uint64_t seq = 0;  // the audit record's seq
  TradingMode from = TradingMode::normal;
  TradingMode to = TradingMode::normal;
  std::optional<TripCause> cause;  // set for trips, empty for manual transitions
  std::string actor;               // manual: who; trips: empty
  std::string reason;              // manual: why; trips: the monitor's detail
  double timestamp = 0.0;
  std::string audit_line;  // the audit chain line recording it (ends in "\n")
};

class TradingState {
 public:
  // How many transitions recent_transitions() keeps.
  static constexpr std::size_t kRecentTransitions = 32;

  // A new state in `initial` mode with an empty audit chain (the initial
  // mode is not a transition and is not recorded).
  explicit TradingState(TradingMode initial = TradingMode::normal);

  // Rebuilds a state from a persisted audit log written by a TradingState:
  // the log must verify intact (invalid_argument naming the first bad line
  // otherwise) and every entry must be a transition record continuing from
  // the previous one's mode (schema_error otherwise; checkpoints are
  // skipped). The mode is the last entry's "to" (`initial` for an empty
  // log); the chain continues after the log's head.
  static Result<TradingState> resume(std::string_view audit_log,
                                     TradingMode initial = TradingMode::normal);

  TradingMode mode() const noexcept { return mode_; }

  // A manual transition by `actor` for `reason`, following the table above.
  // Errors (nothing changes, nothing is recorded):
  //   invalid_argument          actor or reason empty or not UTF-8
  //   non_finite_value          timestamp NaN or infinite
  //   non_increasing_timestamp  timestamp before the last transition's
  //   transition_refused        the table does not allow it
  Status request_transition(TradingMode to, std::string_view actor, std::string_view reason,
                            double timestamp);

  // An automatic trip. Escalates to trip_target(cause) when that is more
  // severe than the current mode and returns true; returns false (changing
  // and recording nothing) otherwise. A non-finite or backwards timestamp is
  // recorded as the last transition's timestamp; invalid UTF-8 in `detail`
  // is replaced by U+FFFD.
  bool trip(TripCause cause, std::string_view detail, double timestamp);

  // Whether the current mode lets an order with `intent` through.
  bool allows(OrderIntent intent) const noexcept { return mode_allows(mode_, intent); }

  // The last kRecentTransitions transitions, oldest first.
  const std::deque<Transition>& recent_transitions() const noexcept { return recent_; }

  // The audit lines produced since the last drain, oldest first; the caller
  // appends them, in order, to its log.
  std::vector<std::string> drain_audit_lines();

  // Appends a checkpoint signed with `key` (audit_chain.hpp) to the pending
  // lines, e.g. when the host publishes its anchor.
  void checkpoint(const verify::Ed25519KeyPair& key);

  // The chain's record count and head hash (anchors for verify_audit_log).
  std::uint64_t audit_records() const noexcept { return chain_.records(); }
  const std::string& audit_head() const noexcept { return chain_.head(); }

 private:
  TradingState(TradingMode mode, verify::AuditChain chain, double last_timestamp);

  void record(Transition transition, std::string data_json);

  TradingMode mode_;
  verify::AuditChain chain_;
  double last_timestamp_;
  std::deque<Transition> recent_;
  std::vector<std::string> pending_lines_;
};

}  // namespace lf::risk
