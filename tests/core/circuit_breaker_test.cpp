// Circuit breaker state machine, after resilience4j's
// CircuitBreakerStateMachineTest: every transition (and the ones that must
// not happen), the sliding-window arithmetic, permits, events and config
// errors. Time is explicit, so each expected state follows by hand from the
// config: e.g. window 5, threshold 50%: three failures in five calls are 60%
// and open the breaker; two are 40% and do not.
#include "lf/risk/circuit_breaker.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <vector>

using namespace lf::risk;
using lf::ErrorCode;

namespace {

constexpr Nanos kMs = kNanosPerMillisecond;
constexpr Nanos kS = kNanosPerSecond;

struct Seen {
  BreakerEventType type;
  BreakerState from;
  BreakerState to;
  TransitionCause cause;
  double rate;
  Nanos at;
  std::string actor;
  std::string reason;
};

class Recorder final : public BreakerListener {
 public:
  void on_breaker_event(const BreakerEvent& e) override {
    CHECK(e.breaker == "backend");
    seen.push_back(
        {e.type, e.from, e.to, e.cause, e.rate, e.at, std::string(e.actor), std::string(e.reason)});
  }
  std::vector<Seen> of(BreakerEventType type) const {
    std::vector<Seen> out;
    for (const auto& s : seen) {
      if (s.type == type) out.push_back(s);
    }
    return out;
  }
  std::vector<Seen> seen;
};

// Count-based window of `size`, minimum `minimum` calls, 50% failure rate,
// slow calls above 1 s at 50%, 60 s wait, 3 probes.
CircuitBreakerConfig count_config(std::uint32_t size, std::uint32_t minimum) {
  CircuitBreakerConfig c;
  c.window_size = size;
  c.minimum_calls = minimum;
  c.slow_call_rate_threshold = 50.0;
  c.slow_call_duration_threshold = kS;
  c.permitted_calls_in_half_open = 3;
  return c;
}

std::unique_ptr<CircuitBreaker> make(const CircuitBreakerConfig& config,
                                     BreakerListener* listener = nullptr) {
  auto b = CircuitBreaker::create("backend", config, listener);
  REQUIRE_MESSAGE(b.ok(), b.error().message);
  return std::move(*b);
}

// A permitted call ending at `now` after `duration`.
void call(CircuitBreaker& b, CallOutcome outcome, Nanos now, Nanos duration = 0) {
  const Permit p = b.try_acquire(now - duration);
  REQUIRE(p.granted);
  auto r = b.record(p, outcome, duration, now);
  REQUIRE(r.ok());
  CHECK(*r == RecordResult::recorded);
}

void fail(CircuitBreaker& b, Nanos now) {
  call(b, CallOutcome::failure, now);
}
void succeed(CircuitBreaker& b, Nanos now) {
  call(b, CallOutcome::success, now);
}

// Opens a count_config breaker (window 5) at `now` with five failures.
void open_it(CircuitBreaker& b, Nanos now) {
  for (int i = 0; i < 5; ++i) fail(b, now);
  REQUIRE(b.state() == BreakerState::open);
}

}  // namespace

TEST_SUITE("risk") {
  TEST_CASE("breaker: closed -> open when the failure rate reaches the threshold") {
    Recorder events;
    auto b = make(count_config(5, 5), &events);
    fail(*b, 1 * kS);
    succeed(*b, 2 * kS);
    fail(*b, 3 * kS);
    succeed(*b, 4 * kS);
    CHECK(b->state() == BreakerState::closed);  // 4 calls < minimum 5
    CHECK_FALSE(b->metrics(4 * kS).failure_rate.has_value());
    fail(*b, 5 * kS);  // 3 of 5 = 60% >= 50%
    CHECK(b->state() == BreakerState::open);

    const auto exceeded = events.of(BreakerEventType::failure_rate_exceeded);
    REQUIRE(exceeded.size() == 1);
    CHECK(exceeded[0].rate == 60.0);
    const auto transitions = events.of(BreakerEventType::state_transition);
    REQUIRE(transitions.size() == 1);
    CHECK(transitions[0].from == BreakerState::closed);
    CHECK(transitions[0].to == BreakerState::open);
    CHECK(transitions[0].cause == TransitionCause::failure_rate);
    CHECK(transitions[0].at == 5 * kS);
    CHECK(events.of(BreakerEventType::slow_call_rate_exceeded).empty());

    const auto m = b->metrics(5 * kS);
    CHECK(m.window.calls == 5);
    CHECK(m.window.failed == 3);
    CHECK(*m.failure_rate == 60.0);
    CHECK(m.attempts == 1);
    CHECK(*m.open_until == 65 * kS);  // 60 s default wait
  }

  TEST_CASE("breaker: a rate exactly at the threshold trips; just below does not") {
    auto at = make(count_config(4, 4));
    fail(*at, 0);
    fail(*at, 0);
    succeed(*at, 0);
    succeed(*at, 0);  // 2 of 4 = 50%
    CHECK(at->state() == BreakerState::open);

    auto below = make(count_config(5, 5));
    fail(*below, 0);
    fail(*below, 0);
    for (int i = 0; i < 3; ++i) succeed(*below, 0);  // 2 of 5 = 40%
    CHECK(below->state() == BreakerState::closed);
    CHECK(*below->metrics(0).failure_rate == 40.0);
  }

  TEST_CASE("breaker: not before the minimum number of calls") {
    auto b = make(count_config(10, 5));
    for (int i = 0; i < 4; ++i) fail(*b, i * kMs);  // 100% failures, but only 4 calls
    CHECK(b->state() == BreakerState::closed);
    succeed(*b, 5 * kMs);  // 4 of 5 = 80%
    CHECK(b->state() == BreakerState::open);

    // Count-based windows cap the minimum at the window size (resilience4j).
    auto small = make(count_config(3, 100));
    for (int i = 0; i < 3; ++i) fail(*small, 0);
    CHECK(small->state() == BreakerState::open);
  }

  TEST_CASE("breaker: closed -> open when the slow-call rate reaches the threshold") {
    Recorder events;
    auto b = make(count_config(4, 4), &events);
    // Slow means strictly longer than 1 s: exactly 1 s is not slow.
    call(*b, CallOutcome::success, 10 * kS, kS);
    call(*b, CallOutcome::success, 11 * kS, kS + 1);
    call(*b, CallOutcome::success, 12 * kS, 0);
    CHECK(b->metrics(12 * kS).window.slow == 1);
    call(*b, CallOutcome::success, 13 * kS, 5 * kS);  // 2 of 4 slow = 50%
    CHECK(b->state() == BreakerState::open);
    const auto slow = events.of(BreakerEventType::slow_call_rate_exceeded);
    REQUIRE(slow.size() == 1);
    CHECK(slow[0].rate == 50.0);
    CHECK(events.of(BreakerEventType::failure_rate_exceeded).empty());
    CHECK(events.of(BreakerEventType::state_transition)[0].cause ==
          TransitionCause::slow_call_rate);
  }

  TEST_CASE("breaker: both rates exceeded raise both events, cause failure_rate") {
    Recorder events;
    auto b = make(count_config(2, 2), &events);
    call(*b, CallOutcome::failure, 10 * kS, 2 * kS);
    call(*b, CallOutcome::failure, 20 * kS, 2 * kS);
    CHECK(b->state() == BreakerState::open);
    CHECK(events.of(BreakerEventType::failure_rate_exceeded).size() == 1);
    CHECK(events.of(BreakerEventType::slow_call_rate_exceeded).size() == 1);
    CHECK(events.of(BreakerEventType::state_transition)[0].cause == TransitionCause::failure_rate);
    const auto m = b->metrics(20 * kS);
    CHECK(m.window.slow_failed == 2);
  }

  TEST_CASE("breaker: open refuses until the wait is over, then half_open") {
    Recorder events;
    auto b = make(count_config(5, 5), &events);
    open_it(*b, 100 * kS);  // open until 160 s
    CHECK_FALSE(b->try_acquire(100 * kS).granted);
    CHECK_FALSE(b->try_acquire(160 * kS - 1).granted);
    CHECK(b->state() == BreakerState::open);
    CHECK(b->metrics(160 * kS - 1).not_permitted == 2);
    CHECK(events.of(BreakerEventType::call_not_permitted).size() == 2);

    const Permit p = b->try_acquire(160 * kS);
    CHECK(p.granted);
    CHECK(b->state() == BreakerState::half_open);
    const auto transitions = events.of(BreakerEventType::state_transition);
    REQUIRE(transitions.size() == 2);
    CHECK(transitions[1].from == BreakerState::open);
    CHECK(transitions[1].to == BreakerState::half_open);
    CHECK(transitions[1].cause == TransitionCause::wait_elapsed);
    CHECK(transitions[1].at == 160 * kS);
    CHECK(b->metrics(160 * kS).not_permitted == 0);  // counts restart with each state
  }

  TEST_CASE("breaker: half_open -> closed when the probes pass") {
    Recorder events;
    auto b = make(count_config(5, 5), &events);
    open_it(*b, 0);
    // Three probes; one failure of three (33%) stays below 50%.
    const Permit p1 = b->try_acquire(60 * kS);
    const Permit p2 = b->try_acquire(60 * kS);
    const Permit p3 = b->try_acquire(60 * kS);
    REQUIRE((p1.granted && p2.granted && p3.granted));
    CHECK(*b->record(p1, CallOutcome::failure, 0, 61 * kS) == RecordResult::recorded);
    CHECK(*b->record(p2, CallOutcome::success, 0, 61 * kS) == RecordResult::recorded);
    CHECK(b->state() == BreakerState::half_open);  // judged only when all three reported
    CHECK_FALSE(b->metrics(61 * kS).failure_rate.has_value());
    CHECK(*b->record(p3, CallOutcome::success, 0, 62 * kS) == RecordResult::recorded);
    CHECK(b->state() == BreakerState::closed);
    const auto last = events.of(BreakerEventType::state_transition).back();
    CHECK(last.cause == TransitionCause::probes_passed);
    const auto m = b->metrics(62 * kS);
    CHECK(m.window.calls == 0);  // a fresh window
    CHECK(m.attempts == 0);
  }

  TEST_CASE("breaker: half_open -> open when the probes fail, with exponential backoff") {
    CircuitBreakerConfig c = count_config(5, 5);
    c.wait_in_open = 10 * kS;
    c.wait_multiplier = 2.0;
    c.max_wait_in_open = 30 * kS;
    c.permitted_calls_in_half_open = 1;
    auto b = make(c);
    open_it(*b, 0);
    CHECK(*b->metrics(0).open_until == 10 * kS);  // 10 s * 2^0
    fail(*b, 10 * kS);                            // the probe fails: 100% >= 50%
    CHECK(b->state() == BreakerState::open);
    auto m = b->metrics(10 * kS);
    CHECK(m.attempts == 2);
    CHECK(*m.open_until == 30 * kS);  // 10 s * 2^1 after 10 s
    CHECK_FALSE(b->try_acquire(30 * kS - 1).granted);
    fail(*b, 30 * kS);
    CHECK(*b->metrics(30 * kS).open_until == 60 * kS);  // 10 s * 2^2 = 40 s, capped at 30 s
    succeed(*b, 60 * kS);                               // the probe passes
    CHECK(b->state() == BreakerState::closed);
    open_it(*b, 100 * kS);
    CHECK(*b->metrics(100 * kS).open_until == 110 * kS);  // back to the first wait
  }

  TEST_CASE("breaker: open_wait is wait * multiplier^(attempt - 1), capped") {
    CircuitBreakerConfig c;
    c.wait_in_open = 10 * kS;
    CHECK(open_wait(c, 1) == 10 * kS);
    CHECK(open_wait(c, 7) == 10 * kS);  // multiplier 1: no backoff
    c.wait_multiplier = 1.5;
    CHECK(open_wait(c, 1) == 10 * kS);
    CHECK(open_wait(c, 2) == 15 * kS);
    CHECK(open_wait(c, 3) == 22'500 * kMs);
    CHECK(open_wait(c, 4) == 33'750 * kMs);
    c.max_wait_in_open = 20 * kS;
    CHECK(open_wait(c, 3) == 20 * kS);
    c.max_wait_in_open = 0;
    c.wait_multiplier = 1000.0;
    CHECK(open_wait(c, 4'000'000'000U) == kMaxBreakerDuration);  // no overflow
  }

  TEST_CASE("breaker: half_open hands out exactly the permitted probes") {
    Recorder events;
    auto b = make(count_config(5, 5), &events);
    open_it(*b, 0);
    std::vector<Permit> permits;
    for (int i = 0; i < 3; ++i) permits.push_back(b->try_acquire(60 * kS));
    for (const auto& p : permits) CHECK(p.granted);
    CHECK(permits[0].slot != permits[1].slot);
    CHECK(permits[0].ticket != permits[1].ticket);
    CHECK_FALSE(b->try_acquire(60 * kS).granted);  // a fourth is refused
    CHECK(events.of(BreakerEventType::call_not_permitted).size() == 1);
    auto m = b->metrics(60 * kS);
    CHECK(m.probes_in_flight == 3);
    CHECK(m.probes_available == 0);

    // A released probe goes back to the pool, once.
    CHECK(b->release(permits[1]));
    CHECK_FALSE(b->release(permits[1]));
    CHECK(*b->record(permits[1], CallOutcome::success, 0, 61 * kS) == RecordResult::stale);
    const Permit again = b->try_acquire(61 * kS);
    CHECK(again.granted);
    CHECK(again.slot == permits[1].slot);
    CHECK_FALSE(b->try_acquire(61 * kS).granted);

    // A reported probe spends its slot: no release, no second report.
    CHECK(*b->record(permits[0], CallOutcome::success, 0, 62 * kS) == RecordResult::recorded);
    CHECK_FALSE(b->release(permits[0]));
    CHECK(*b->record(permits[0], CallOutcome::success, 0, 62 * kS) == RecordResult::stale);
    CHECK_FALSE(b->try_acquire(62 * kS).granted);
    m = b->metrics(62 * kS);
    CHECK(m.probes_in_flight == 2);
    CHECK(m.window.calls == 1);
  }

  TEST_CASE("breaker: a probe nobody reports is reclaimed after permit_timeout") {
    CircuitBreakerConfig c = count_config(5, 5);
    c.permitted_calls_in_half_open = 1;
    c.permit_timeout = 5 * kS;
    auto b = make(c);
    open_it(*b, 0);
    const Permit lost = b->try_acquire(60 * kS);
    REQUIRE(lost.granted);
    CHECK_FALSE(b->try_acquire(65 * kS - 1).granted);
    const Permit second = b->try_acquire(65 * kS);  // 5 s after the grant
    REQUIRE(second.granted);
    CHECK(second.slot == lost.slot);
    CHECK(second.ticket != lost.ticket);
    CHECK(*b->record(lost, CallOutcome::failure, 0, 66 * kS) == RecordResult::stale);
    CHECK(b->state() == BreakerState::half_open);
    CHECK(*b->record(second, CallOutcome::success, 0, 66 * kS) == RecordResult::recorded);
    CHECK(b->state() == BreakerState::closed);
  }

  TEST_CASE("breaker: max wait in half_open -> open") {
    CircuitBreakerConfig c = count_config(5, 5);
    c.max_wait_in_half_open = 30 * kS;
    Recorder events;
    auto b = make(c, &events);
    open_it(*b, 0);
    const Permit probe = b->try_acquire(60 * kS);  // half_open until 90 s
    REQUIRE(probe.granted);
    CHECK(*b->metrics(60 * kS).half_open_until == 90 * kS);
    b->advance(90 * kS - 1);
    CHECK(b->state() == BreakerState::half_open);
    CHECK_FALSE(b->try_acquire(90 * kS).granted);  // the timeout first, then a refusal
    CHECK(b->state() == BreakerState::open);
    const auto last = events.of(BreakerEventType::state_transition).back();
    CHECK(last.from == BreakerState::half_open);
    CHECK(last.cause == TransitionCause::half_open_timeout);
    CHECK(*b->metrics(90 * kS).open_until == 150 * kS);
    CHECK(*b->record(probe, CallOutcome::success, 0, 91 * kS) == RecordResult::stale);

    // advance() applies the same timeout without a call.
    const Permit next = b->try_acquire(150 * kS);
    REQUIRE(next.granted);
    b->advance(180 * kS);
    CHECK(b->state() == BreakerState::open);
  }

  TEST_CASE("breaker: automatic transition to half_open on advance") {
    CircuitBreakerConfig c = count_config(5, 5);
    auto manual = make(c);
    open_it(*manual, 0);
    manual->advance(120 * kS);
    CHECK(manual->state() == BreakerState::open);  // waits for a call

    c.automatic_transition_to_half_open = true;
    auto automatic = make(c);
    open_it(*automatic, 0);
    automatic->advance(60 * kS - 1);
    CHECK(automatic->state() == BreakerState::open);
    automatic->advance(60 * kS);
    CHECK(automatic->state() == BreakerState::half_open);
  }

  TEST_CASE("breaker: an outcome from an earlier state period is stale") {
    auto b = make(count_config(5, 5));
    const Permit early = b->try_acquire(0);
    open_it(*b, 1 * kS);
    CHECK(*b->record(early, CallOutcome::failure, 0, 2 * kS) == RecordResult::stale);
    CHECK(b->metrics(2 * kS).window.calls == 5);
  }

  TEST_CASE("breaker: disabled permits everything and records nothing") {
    Recorder events;
    auto b = make(count_config(2, 2), &events);
    REQUIRE(b->transition(BreakerState::disabled, 5 * kS, "ops", "maintenance").ok());
    for (int i = 0; i < 10; ++i) {
      const Permit p = b->try_acquire(6 * kS);
      REQUIRE(p.granted);
      CHECK(*b->record(p, CallOutcome::failure, 0, 6 * kS) == RecordResult::ignored);
    }
    CHECK(b->state() == BreakerState::disabled);
    CHECK(b->metrics(6 * kS).window.calls == 0);
    const auto transitions = events.of(BreakerEventType::state_transition);
    REQUIRE(transitions.size() == 1);
    CHECK(transitions[0].cause == TransitionCause::manual);
    CHECK(transitions[0].actor == "ops");
    CHECK(transitions[0].reason == "maintenance");
    REQUIRE(b->transition(BreakerState::closed, 7 * kS, "ops", "done").ok());
    fail(*b, 8 * kS);
    fail(*b, 8 * kS);
    CHECK(b->state() == BreakerState::open);
  }

  TEST_CASE("breaker: forced_open refuses everything and never moves on its own") {
    Recorder events;
    auto b = make(count_config(5, 5), &events);
    REQUIRE(b->transition(BreakerState::forced_open, 0, "ops", "incident").ok());
    CHECK_FALSE(b->try_acquire(1 * kS).granted);
    CHECK_FALSE(b->try_acquire(1000 * kS).granted);  // far past any wait
    b->advance(2000 * kS);
    CHECK(b->state() == BreakerState::forced_open);
    CHECK(b->metrics(2000 * kS).not_permitted == 2);
    CHECK(events.of(BreakerEventType::call_not_permitted).empty());
    REQUIRE(b->transition(BreakerState::closed, 2001 * kS, "ops", "resolved").ok());
    CHECK(b->try_acquire(2001 * kS).granted);
  }

  TEST_CASE("breaker: metrics_only records and reports but never trips") {
    Recorder events;
    auto b = make(count_config(4, 4), &events);
    REQUIRE(b->transition(BreakerState::metrics_only, 0, "ops", "observe").ok());
    for (int i = 0; i < 6; ++i) fail(*b, i * kS);  // 100% failures
    CHECK(b->state() == BreakerState::metrics_only);
    CHECK(*b->metrics(6 * kS).failure_rate == 100.0);
    // One event per excursion above the threshold: 4 failures of 4 crossed it.
    auto exceeded = events.of(BreakerEventType::failure_rate_exceeded);
    REQUIRE(exceeded.size() == 1);
    CHECK(exceeded[0].at == 3 * kS);
    CHECK(exceeded[0].from == BreakerState::metrics_only);
    // Three successes bring the window (last four calls) to F S S S = 25%,
    // below the threshold; two failures make it S S F F = 50%, a new excursion.
    for (int i = 0; i < 3; ++i) succeed(*b, 10 * kS);
    CHECK(*b->metrics(10 * kS).failure_rate == 25.0);
    fail(*b, 11 * kS);
    CHECK(events.of(BreakerEventType::failure_rate_exceeded).size() == 1);
    fail(*b, 12 * kS);
    exceeded = events.of(BreakerEventType::failure_rate_exceeded);
    REQUIRE(exceeded.size() == 2);
    CHECK(exceeded[1].rate == 50.0);
    CHECK(exceeded[1].at == 12 * kS);
    CHECK(events.of(BreakerEventType::state_transition).size() == 1);
  }

  TEST_CASE("breaker: manual transitions follow resilience4j's table") {
    CHECK_FALSE(manual_transition_allowed(BreakerState::closed, BreakerState::half_open));
    CHECK_FALSE(manual_transition_allowed(BreakerState::metrics_only, BreakerState::open));
    CHECK_FALSE(manual_transition_allowed(BreakerState::metrics_only, BreakerState::half_open));
    CHECK(manual_transition_allowed(BreakerState::open, BreakerState::half_open));
    CHECK(manual_transition_allowed(BreakerState::forced_open, BreakerState::half_open));
    CHECK(manual_transition_allowed(BreakerState::disabled, BreakerState::half_open));
    CHECK(manual_transition_allowed(BreakerState::metrics_only, BreakerState::forced_open));
    CHECK(manual_transition_allowed(BreakerState::closed, BreakerState::closed));

    auto b = make(count_config(5, 5));
    auto refused = b->transition(BreakerState::half_open, 0, "ops", "probe");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::transition_refused);
    CHECK(b->state() == BreakerState::closed);
    auto anonymous = b->transition(BreakerState::open, 0, "", "why");
    REQUIRE_FALSE(anonymous.ok());
    CHECK(anonymous.error().code == ErrorCode::invalid_argument);
    auto unexplained = b->transition(BreakerState::open, 0, "ops", "");
    REQUIRE_FALSE(unexplained.ok());
    CHECK(unexplained.error().code == ErrorCode::invalid_argument);
    CHECK(b->state() == BreakerState::closed);

    // closed -> closed is a reset: the window starts empty.
    fail(*b, 0);
    fail(*b, 0);
    REQUIRE(b->transition(BreakerState::closed, 1 * kS, "ops", "reset").ok());
    CHECK(b->metrics(1 * kS).window.calls == 0);
    // open -> half_open by hand, then the probes decide.
    REQUIRE(b->transition(BreakerState::open, 2 * kS, "ops", "drill").ok());
    CHECK(*b->metrics(2 * kS).open_until == 62 * kS);
    REQUIRE(b->transition(BreakerState::half_open, 3 * kS, "ops", "probe now").ok());
    for (int i = 0; i < 3; ++i) succeed(*b, 4 * kS);
    CHECK(b->state() == BreakerState::closed);
  }

  TEST_CASE("breaker: trip (cascade) opens closed and half_open breakers only") {
    Recorder events;
    auto b = make(count_config(5, 5), &events);
    CHECK(b->trip(1 * kS, "database"));
    CHECK(b->state() == BreakerState::open);
    const auto t = events.of(BreakerEventType::state_transition).back();
    CHECK(t.cause == TransitionCause::cascade);
    CHECK(t.actor == "cascade");
    CHECK(t.reason == "database");
    CHECK_FALSE(b->trip(2 * kS, "database"));  // already open
    REQUIRE(b->try_acquire(61 * kS).granted);  // half_open
    CHECK(b->trip(62 * kS, "database"));
    REQUIRE(b->transition(BreakerState::disabled, 63 * kS, "ops", "off").ok());
    CHECK_FALSE(b->trip(64 * kS, "database"));
    CHECK(b->state() == BreakerState::disabled);
  }

  TEST_CASE("breaker: record and config errors") {
    auto b = make(count_config(5, 5));
    auto refused = b->record(Permit{}, CallOutcome::success, 0, 0);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::invalid_argument);
    auto negative = b->record(b->try_acquire(0), CallOutcome::success, -1, 0);
    REQUIRE_FALSE(negative.ok());
    CHECK(negative.error().code == ErrorCode::invalid_argument);
    CHECK(b->metrics(0).window.calls == 0);

    const auto rejects = [](auto mutate, const char* field) {
      CircuitBreakerConfig c;
      mutate(c);
      auto created = CircuitBreaker::create("x", c);
      REQUIRE_FALSE(created.ok());
      CHECK(created.error().code == ErrorCode::invalid_parameter);
      CHECK_MESSAGE(created.error().message.find(field) != std::string::npos,
                    created.error().message);
    };
    rejects([](auto& c) { c.failure_rate_threshold = 0; }, "failure_rate_threshold");
    rejects([](auto& c) { c.failure_rate_threshold = 100.5; }, "failure_rate_threshold");
    rejects([](auto& c) { c.slow_call_rate_threshold = -1; }, "slow_call_rate_threshold");
    rejects([](auto& c) { c.slow_call_rate_threshold = std::numeric_limits<double>::quiet_NaN(); },
            "slow_call_rate_threshold");
    rejects([](auto& c) { c.slow_call_duration_threshold = 0; }, "slow_call_duration_threshold");
    rejects([](auto& c) { c.window_size = 0; }, "window_size");
    rejects([](auto& c) { c.window_size = 100'001; }, "window_size");
    rejects([](auto& c) { c.bucket_duration = -5; }, "bucket_duration");
    rejects([](auto& c) { c.minimum_calls = 0; }, "minimum_calls");
    rejects([](auto& c) { c.wait_in_open = 0; }, "wait_in_open");
    rejects([](auto& c) { c.wait_in_open = kMaxBreakerDuration + 1; }, "wait_in_open");
    rejects([](auto& c) { c.wait_multiplier = 0.5; }, "wait_multiplier");
    rejects([](auto& c) { c.max_wait_in_open = c.wait_in_open - 1; }, "max_wait_in_open");
    rejects([](auto& c) { c.permitted_calls_in_half_open = 0; }, "permitted_calls_in_half_open");
    rejects([](auto& c) { c.max_wait_in_half_open = -1; }, "max_wait_in_half_open");
    rejects([](auto& c) { c.permit_timeout = 0; }, "permit_timeout");
    CHECK(validate(CircuitBreakerConfig{}).ok());

    CHECK(parse_breaker_state("half_open").ok());
    auto bad_state = parse_breaker_state("HALF_OPEN");
    REQUIRE_FALSE(bad_state.ok());
    CHECK(bad_state.error().code == ErrorCode::invalid_argument);
    auto bad_window = parse_sliding_window_type("sliding");
    REQUIRE_FALSE(bad_window.ok());
    CHECK(bad_window.error().code == ErrorCode::invalid_parameter);
  }

  TEST_CASE("breaker window: count-based keeps the last N calls") {
    auto w = SlidingWindow::count_based(3);
    w.record(CallKind::failure, 0);
    w.record(CallKind::success, 0);
    w.record(CallKind::slow_success, 0);
    CHECK(w.snapshot(0) == WindowCounts{3, 1, 1, 0});
    w.record(CallKind::slow_failure, 0);  // evicts the first failure
    CHECK(w.snapshot(0) == WindowCounts{3, 1, 2, 1});
    w.record(CallKind::success, 0);  // evicts the success
    w.record(CallKind::success, 0);  // evicts the slow success
    CHECK(w.snapshot(0) == WindowCounts{3, 1, 1, 1});
    w.clear();
    CHECK(w.snapshot(0) == WindowCounts{});
  }

  TEST_CASE("breaker window: time-based buckets expire with the caller's clock") {
    // Three buckets of 1 s: at time t the window covers periods
    // floor(t) - 2 .. floor(t).
    auto w = SlidingWindow::time_based(3, kS);
    w.record(CallKind::failure, 500 * kMs);         // period 0
    w.record(CallKind::success, 1'200 * kMs);       // period 1
    w.record(CallKind::slow_failure, 2'900 * kMs);  // period 2
    CHECK(w.snapshot(2'999 * kMs) == WindowCounts{3, 2, 1, 1});
    CHECK(w.snapshot(3 * kS) == WindowCounts{2, 1, 1, 1});  // period 0 expired
    w.record(CallKind::failure, 3'100 * kMs);               // period 3
    CHECK(w.snapshot(3'100 * kMs) == WindowCounts{3, 2, 1, 1});
    CHECK(w.snapshot(5 * kS) == WindowCounts{1, 1, 0, 0});  // only period 3 remains
    CHECK(w.snapshot(6 * kS) == WindowCounts{});
    // A gap far longer than the window empties it in one step.
    w.record(CallKind::success, 6 * kS);
    CHECK(w.snapshot(1'000'000 * kS) == WindowCounts{});
    // A timestamp that goes back counts in the newest bucket.
    w.record(CallKind::failure, 1'000'000 * kS);
    w.record(CallKind::failure, 10 * kS);
    CHECK(w.snapshot(1'000'000 * kS) == WindowCounts{2, 2, 0, 0});
    CHECK(w.snapshot(1'000'003 * kS) == WindowCounts{});
  }

  TEST_CASE("breaker: time-based window trips on the calls of its last periods only") {
    CircuitBreakerConfig c = count_config(3, 3);
    c.window_type = SlidingWindowType::time_based;  // 3 buckets of 1 s
    auto b = make(c);
    fail(*b, 0);
    fail(*b, 100 * kMs);
    succeed(*b, 3'500 * kMs);  // the two failures (period 0) have expired
    CHECK(b->metrics(3'500 * kMs).window.calls == 1);
    succeed(*b, 3'600 * kMs);
    fail(*b, 4 * kS);  // 1 failure of 3 = 33%
    CHECK(b->state() == BreakerState::closed);
    fail(*b, 4'500 * kMs);  // 2 of 4 = 50%
    CHECK(b->state() == BreakerState::open);
    // No minimum cap for time-based windows: minimum_calls stays 3.
    CHECK(b->metrics(4'500 * kMs).window.calls == 4);
  }
}
