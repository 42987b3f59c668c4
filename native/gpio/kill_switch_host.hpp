// The kill-switch host's logic: it watches the switch line, drives the
// status LEDs from the trading mode, trips the trading state to Emergency on
// a trip, a lost heartbeat or a failure, and persists every transition to
// the audit log file. The daemon (gpio_daemon.hpp) feeds it time, edges and
// operator commands; tests feed it the same with a SimulatedBackend and
// explicit instants, so every rule is checked without timing.
//
// Rules
// - The switch is read on every service() and debounced (Debouncer): an
//   open contact that lasts the debounce time trips kill_switch. A switch
//   that reads open at start trips at once: there is no earlier state to
//   debounce against, and an open wire must never start as "closed".
// - Emergency latches (lf/risk/trading_state.hpp): only reset() leaves it,
//   to Paused, and only with an actor and a reason, while the debounced
//   switch and a fresh reading are both closed and no heartbeat is overdue.
//   The latch survives restarts because the state is resumed from the
//   audit log. Every stop the host sees trips first, so a log that ends
//   outside Emergency means the previous run died unseen (a crash, SIGKILL,
//   power loss): start() trips `shutdown` for it. Only a new, empty log
//   starts in Normal.
// - With a heartbeat timeout, the controlling process must call heartbeat()
//   (the control socket's "heartbeat" command) at least that often, counted
//   from start(); when it is late, heartbeat_lost trips.
// - Any backend error (a read, a write, a request) trips backend_error and
//   shows the safe pattern as far as the lines still obey; the host is then
//   failed and the daemon exits. fail_safe() does the same for shutdown.
// - A transition shows on the LEDs at once, then is appended, in order, to
//   the audit log file (fsync'd) before the call that made it returns; if
//   the file cannot take it the call returns storage_error (the daemon then
//   stops, fail-safe). The LEDs go first so a slow disk never delays them.
// - Audit timestamps are wall-clock seconds, held monotonic (a clock stepped
//   back repeats the last timestamp) so an operator's reset is never refused
//   for a clock adjustment.
#pragma once

#include <array>
#include <chrono>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "gpio/debouncer.hpp"
#include "gpio/gpio_backend.hpp"
#include "gpio/gpio_config.hpp"
#include "gpio/led_pattern.hpp"
#include "lf/risk/trading_state.hpp"
#include "storage/audit_log_file.hpp"

namespace lf::gpio {

// A moment for the host: `steady` (any monotonic origin) for the debounce
// and the heartbeat deadline, `wall_seconds` (Unix time) for the audit.
struct Instant {
  std::chrono::nanoseconds steady{0};
  double wall_seconds = 0.0;

  static Instant now();
};

enum class SwitchState : std::uint8_t { closed, open };
std::string_view to_string(SwitchState state) noexcept;

struct HostStatus {
  std::string backend;  // GpioBackend::describe()
  unsigned switch_line = 0;
  risk::TradingMode mode = risk::TradingMode::emergency;
  SwitchState switch_state = SwitchState::open;  // debounced
  SwitchState switch_reading = SwitchState::open;
  std::optional<LedPattern> leds;  // as last written (nullopt: never)
  bool failed = false;             // fail-safe: the host supervises nothing now
  std::chrono::milliseconds heartbeat_timeout{0};
  // Time left before the heartbeat deadline (negative: overdue); only with
  // a heartbeat timeout.
  std::optional<std::chrono::milliseconds> heartbeat_left;
  std::optional<risk::Transition> last_transition;
  std::uint64_t audit_records = 0;
  std::string audit_head;
};

class KillSwitchHost {
 public:
  // `state` must have been resumed from `audit`'s file (so their chains
  // continue from the same head); the host drives `backend` and appends to
  // `audit`, both of which must outlive it. `log` gets one line per
  // transition and failure (the daemon passes stderr, i.e. the journal).
  KillSwitchHost(const GpioConfig& config, GpioBackend& backend, storage::AuditLogFile& audit,
                 risk::TradingState state, std::ostream& log);

  // Requests the lines (the LEDs come up in the safe pattern), reads the
  // switch, trips if it is open, then shows the mode. A backend error fails
  // the host safe and is returned.
  Status start(Instant now);

  // Reads and debounces the switch and checks the heartbeat deadline; call
  // after every edge and no later than next_deadline(). Returns the backend
  // or storage error that failed the host safe, if any.
  Status service(Instant now);

  // When service() must run next even without an edge (a debounce settling,
  // the heartbeat deadline); nullopt when nothing is pending.
  std::optional<std::chrono::nanoseconds> next_deadline() const;

  // The controlling process is alive: the heartbeat deadline restarts.
  void heartbeat(Instant now);

  // Clears the Emergency latch to Paused (see Rules). Errors, changing
  // nothing: invalid_argument (actor or reason empty), transition_refused
  // (not in Emergency, the switch open, a heartbeat overdue, the host
  // failed), storage_error (the audit file refused the record).
  Status reset(std::string_view actor, std::string_view reason, Instant now);

  // A manual transition between normal, reduced and paused, or to
  // emergency (lf/risk/trading_state.hpp's table); leaving Emergency is
  // reset()'s job (transition_refused here).
  Status request_transition(risk::TradingMode to, std::string_view actor, std::string_view reason,
                            Instant now);

  // Trips `cause` with `detail`, shows the safe pattern and stops
  // supervising (the daemon's exit path: SIGTERM, a failure). Returns a
  // storage error if the trip could not be recorded.
  Status fail_safe(risk::TripCause cause, std::string_view detail, Instant now);

  // fail_safe() with backend_error because of `error`, which it logs,
  // remembers (failure()) and returns.
  Status fail(const Error& error, Instant now);

  HostStatus status(Instant now) const;
  // The error that failed the host safe, if one did (fail_safe() without an
  // error, e.g. shutdown, leaves it empty).
  const std::optional<Error>& failure() const noexcept { return failure_; }
  risk::TradingMode mode() const noexcept { return state_.mode(); }

 private:
  SwitchState read_state(bool logical) const noexcept;
  Result<SwitchState> read_switch();
  // One reading through the debouncer; trips when it settles open.
  Status sample(Instant now);
  double stamp(Instant now);
  Status trip(risk::TripCause cause, std::string_view detail, Instant now);
  // Each LED line with the logical value `pattern` gives it.
  std::array<std::pair<unsigned, bool>, 3> levels(const LedPattern& pattern) const;
  Status show(const LedPattern& pattern);
  void show_best_effort(const LedPattern& pattern);
  Status show_mode();
  Status persist();
  bool heartbeat_overdue(Instant now) const;

  GpioConfig config_;
  GpioBackend& backend_;
  storage::AuditLogFile& audit_;
  risk::TradingState state_;
  std::ostream& log_;
  Debouncer debouncer_;
  bool started_ = false;
  bool failed_ = false;
  std::optional<Error> failure_;
  std::optional<LedPattern> shown_;
  std::chrono::nanoseconds heartbeat_deadline_{0};
  bool heartbeat_tripped_ = false;
  double last_stamp_ = 0.0;
};

}  // namespace lf::gpio
