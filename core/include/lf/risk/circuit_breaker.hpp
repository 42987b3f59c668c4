// A circuit breaker (seed INFRA_001 / CIRCUIT_001), after resilience4j's
// CircuitBreakerStateMachine: states and transitions in
// circuit_breaker_events.hpp, knobs and defaults in
// circuit_breaker_config.hpp, windows in circuit_breaker_window.hpp.
//
// Use
//   auto permit = breaker.try_acquire(now);
//   if (!permit) -> refuse the call (fail fast)
//   ... make the call, measure its duration ...
//   breaker.record(permit, CallOutcome::failure, duration, now_after);
// Time is the caller's: every entry point takes `now` in nanoseconds, so the
// same calls give the same transitions on every target and in every test.
// Transitions that only time drives happen when a call (or advance()) sees
// that they are due: OPEN -> HALF_OPEN on the first try_acquire at or after
// the end of the wait; HALF_OPEN -> OPEN (max_wait_in_half_open) on any call
// at or after its deadline.
//
// Permits
//   Each state period (the time between two transitions) has a generation
//   number. A permit carries the generation it was granted in, and record()
//   counts an outcome only in that same period: a call granted while CLOSED
//   that reports after the breaker opened is `stale` and not counted
//   (resilience4j would count it in whatever window is current).
//   In HALF_OPEN exactly permitted_calls_in_half_open probe permits exist,
//   each a slot handed out with an atomic compare-and-swap. A slot word holds
//   the generation it belongs to, so a new HALF_OPEN period finds every slot
//   of an earlier one free without resetting them. A permit comes back to
//   the pool when
//     - its holder gives it up (release), e.g. the call was never made;
//     - nobody reported it within permit_timeout of its grant: the next
//       caller finding no free slot reclaims it, and a late record() of the
//       old permit is `stale`.
//   A probe that reports (record) spends its slot for the period.
//   So a lost probe can never wedge the breaker in HALF_OPEN.
//
// Threads
//   try_acquire in CLOSED / DISABLED / METRICS_ONLY is one atomic load; in
//   OPEN two loads (and a relaxed counter increment when refusing); in
//   HALF_OPEN a compare-and-swap on a probe slot. record(), release(),
//   transitions and metrics() take a small mutex: an outcome updates a window
//   bucket, the running totals and possibly the state together, and the
//   totals must match the buckets for the O(1) snapshot (a lock-free window
//   would need a multi-word compare-and-swap). Events are delivered after the
//   mutex is released (circuit_breaker_events.hpp). Built for wasm without
//   pthreads, std::mutex and the atomics compile to plain operations.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "lf/common/result.hpp"
#include "lf/risk/circuit_breaker_config.hpp"
#include "lf/risk/circuit_breaker_events.hpp"
#include "lf/risk/circuit_breaker_window.hpp"

namespace lf::risk {

enum class CallOutcome : std::uint8_t { success, failure };

// Permission for one call. A refused permit has granted == false.
struct Permit {
  bool granted = false;
  std::uint64_t generation = 0;  // the state period it was granted in
  std::uint32_t slot = 0;        // HALF_OPEN probes: the slot it holds
  std::uint64_t ticket = 0;      // HALF_OPEN probes: unique per grant (0 otherwise)

  explicit operator bool() const noexcept { return granted; }
};

enum class RecordResult : std::uint8_t {
  recorded,  // counted in the current window
  stale,     // not counted: granted in an earlier state period, or a probe permit
             // that was released, reclaimed after permit_timeout or already reported
  ignored,   // not counted: the breaker is DISABLED
};

// "recorded", "stale", "ignored".
std::string_view to_string(RecordResult result) noexcept;

// What a breaker knows at one moment.
struct BreakerMetrics {
  BreakerState state = BreakerState::closed;
  std::uint64_t generation = 0;
  // CLOSED, METRICS_ONLY: the sliding window. HALF_OPEN: the probes reported
  // so far. OPEN, FORCED_OPEN: the window as it was when the breaker opened.
  // DISABLED: empty.
  WindowCounts window;
  // Percentages of window.calls; absent below the minimum number of calls
  // (HALF_OPEN: below permitted_calls_in_half_open).
  std::optional<double> failure_rate;
  std::optional<double> slow_call_rate;
  std::uint64_t not_permitted = 0;       // calls refused since the last transition
  std::uint32_t attempts = 0;            // consecutive openings since the breaker last closed
  std::optional<Nanos> open_until;       // OPEN: the end of the wait
  std::optional<Nanos> half_open_until;  // HALF_OPEN with max_wait_in_half_open
  std::uint32_t probes_in_flight = 0;    // HALF_OPEN: granted, not yet reported
  std::uint32_t probes_available = 0;    // HALF_OPEN: free slots
};

class CircuitBreaker {
 public:
  // A CLOSED breaker. invalid_parameter for a config validate() rejects. The
  // listener (optional) must outlive the breaker.
  static Result<std::unique_ptr<CircuitBreaker>> create(std::string name,
                                                        const CircuitBreakerConfig& config,
                                                        BreakerListener* listener = nullptr);

  CircuitBreaker(const CircuitBreaker&) = delete;
  CircuitBreaker& operator=(const CircuitBreaker&) = delete;
  ~CircuitBreaker();

  const std::string& name() const noexcept { return name_; }
  const CircuitBreakerConfig& config() const noexcept { return config_; }
  BreakerState state() const noexcept;

  // Permission for a call starting at `now`. Refusals raise
  // call_not_permitted (except in FORCED_OPEN, which refuses by design).
  Permit try_acquire(Nanos now);

  // The outcome of a permitted call that took `duration` and ended at `now`.
  // invalid_argument when the permit was not granted or the duration is
  // negative (nothing is recorded).
  Result<RecordResult> record(const Permit& permit, CallOutcome outcome, Nanos duration, Nanos now);

  // Gives a HALF_OPEN probe permit back unused; true if it was outstanding.
  // Other permits need no release (false).
  bool release(const Permit& permit);

  // An operator's transition to `to`, with who and why (both non-empty).
  // The target state always starts afresh (a transition to the current state
  // too: CLOSED -> CLOSED is a reset of the window, OPEN -> OPEN restarts the
  // wait) and a state_transition event with cause manual is published.
  // Errors: invalid_argument (empty actor or reason), transition_refused
  // (manual_transition_allowed is false).
  Status transition(BreakerState to, Nanos now, std::string_view actor, std::string_view reason);

  // A cascade from the registry: CLOSED or HALF_OPEN -> OPEN with cause
  // cascade, naming `source`. Other states are left alone (an operator's
  // choice, or already open); returns whether the breaker tripped.
  bool trip(Nanos now, std::string_view source);

  // Applies the transitions time alone makes due by `now`: HALF_OPEN past
  // max_wait_in_half_open -> OPEN; with automatic_transition_to_half_open,
  // OPEN past its wait -> HALF_OPEN. A host with a timer calls this
  // periodically; without one, calls apply them as they come.
  void advance(Nanos now);

  // A consistent snapshot (taken under the lock) at `now`.
  BreakerMetrics metrics(Nanos now);

 private:
  struct PendingEvents;
  enum class Claim : std::uint8_t;

  CircuitBreaker(std::string name, const CircuitBreakerConfig& config, BreakerListener* listener);

  Claim claim_probe(std::uint64_t word, Nanos now, Permit& permit);
  bool is_probe(const Permit& permit) const;
  void refuse(BreakerState state, Nanos now);
  bool due(std::uint64_t word, Nanos now, bool from_acquire) const;
  void apply_due_locked(Nanos now, bool from_acquire, PendingEvents& events);
  RecordResult record_locked(const Permit& permit, CallKind kind, Nanos now, PendingEvents& events);
  void judge_closed(const WindowCounts& counts, Nanos now, PendingEvents& events);
  void judge_metrics_only(const WindowCounts& counts, Nanos now, PendingEvents& events);
  void judge_probes(const WindowCounts& counts, Nanos now, PendingEvents& events);
  void enter(BreakerState to, Nanos now, TransitionCause cause, std::string_view actor,
             std::string_view reason, PendingEvents& events);
  void deliver(const PendingEvents& events) const;

  const std::string name_;
  const CircuitBreakerConfig config_;
  const std::uint64_t minimum_calls_;  // count-based: min(minimum_calls, window_size)
  BreakerListener* const listener_;

  // State and generation packed in one word (state in the low 8 bits), so a
  // reader sees a state together with the period it belongs to.
  std::atomic<std::uint64_t> state_word_;
  std::atomic<Nanos> open_until_{0};       // OPEN: end of the wait
  std::atomic<Nanos> half_open_until_{0};  // HALF_OPEN: max-wait deadline
  std::atomic<std::uint64_t> not_permitted_{0};
  std::atomic<std::uint64_t> next_ticket_;
  // HALF_OPEN probe slots: (generation, free | being claimed | reported |
  // ticket of the outstanding permit), with the permit's reclaim deadline
  // alongside (written only by the thread holding the slot's claim).
  std::unique_ptr<std::atomic<std::uint64_t>[]> slots_;
  std::unique_ptr<std::atomic<Nanos>[]> slot_deadlines_;

  std::mutex mutex_;  // guards everything below and every transition
  SlidingWindow window_;
  SlidingWindow probes_;
  WindowCounts frozen_;               // OPEN, FORCED_OPEN: the window when it opened
  std::uint64_t frozen_minimum_ = 0;  // and the minimum number of calls it was judged by
  std::uint32_t attempts_ = 0;
  bool failure_rate_above_ = false;  // METRICS_ONLY: inside an excursion above the threshold
  bool slow_call_rate_above_ = false;
};

}  // namespace lf::risk
