// Circuit breakers under threads (native only: the wasm build has none).
// Each test starts its threads together on a latch and checks invariants
// after joining: probe permits are never over-issued, every outcome is
// counted once, and each decision (a trip, a close, a global opening)
// happens exactly once however many threads race to cause it.
#include <doctest/doctest.h>

#include <atomic>
#include <latch>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "lf/risk/circuit_breaker.hpp"
#include "lf/risk/circuit_breaker_registry.hpp"
#include "lf/risk/circuit_breaker_trading.hpp"

using namespace lf::risk;

namespace {

constexpr int kThreads = 8;
constexpr Nanos kS = kNanosPerSecond;

// Runs body(thread index) on kThreads threads released together.
template <class Body>
void race(Body body, int threads = kThreads) {
  std::latch start(threads);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      start.arrive_and_wait();
      body(t);
    });
  }
  for (auto& thread : pool) thread.join();
}

std::unique_ptr<CircuitBreaker> make(const CircuitBreakerConfig& config,
                                     BreakerListener* listener = nullptr) {
  auto b = CircuitBreaker::create("threads", config, listener);
  REQUIRE(b.ok());
  return std::move(*b);
}

class TransitionCounter final : public BreakerListener {
 public:
  void on_breaker_event(const BreakerEvent& e) override {
    if (e.type != BreakerEventType::state_transition) return;
    if (e.to == BreakerState::open) opened.fetch_add(1);
    if (e.to == BreakerState::closed) closed.fetch_add(1);
  }
  std::atomic<int> opened{0};
  std::atomic<int> closed{0};
};

}  // namespace

TEST_SUITE("breaker_threads") {
  TEST_CASE("8 threads hammering half_open get exactly the permitted probes") {
    CircuitBreakerConfig c;
    c.permitted_calls_in_half_open = 5;
    auto b = make(c);
    for (int round = 0; round < 200; ++round) {
      REQUIRE(b->transition(BreakerState::open, round, "test", "round").ok());
      REQUIRE(b->transition(BreakerState::half_open, round, "test", "round").ok());
      std::atomic<int> granted{0};
      race([&](int) {
        for (int i = 0; i < 100; ++i) {
          if (b->try_acquire(round).granted) granted.fetch_add(1);
        }
      });
      CHECK(granted.load() == 5);
      const auto m = b->metrics(round);
      CHECK(m.probes_in_flight == 5);
      CHECK(m.not_permitted == kThreads * 100 - 5);
    }
  }

  TEST_CASE("acquire and release churn never holds more than the permitted probes") {
    CircuitBreakerConfig c;
    c.permitted_calls_in_half_open = 3;
    auto b = make(c);
    REQUIRE(b->transition(BreakerState::open, 0, "test", "setup").ok());
    REQUIRE(b->transition(BreakerState::half_open, 0, "test", "setup").ok());
    std::atomic<int> held{0};
    std::atomic<int> most{0};
    std::atomic<int> failed_releases{0};
    std::atomic<long> grants{0};
    race([&](int) {
      for (int i = 0; i < 20'000; ++i) {
        const Permit p = b->try_acquire(1);
        if (!p.granted) continue;
        const int now_held = held.fetch_add(1) + 1;
        int seen = most.load();
        while (now_held > seen && !most.compare_exchange_weak(seen, now_held)) {
        }
        grants.fetch_add(1);
        held.fetch_sub(1);
        if (!b->release(p)) failed_releases.fetch_add(1);
      }
    });
    CHECK(most.load() <= 3);
    CHECK(most.load() >= 1);
    CHECK(failed_releases.load() == 0);
    CHECK(grants.load() > 3);  // permits came back and were granted again
    const auto m = b->metrics(1);
    CHECK(m.state == BreakerState::half_open);
    CHECK(m.probes_available == 3);
    CHECK(m.probes_in_flight == 0);
  }

  TEST_CASE("probes reported from racing threads close the breaker exactly once") {
    CircuitBreakerConfig c;
    c.permitted_calls_in_half_open = kThreads;
    for (int round = 0; round < 100; ++round) {
      TransitionCounter counter;
      auto b = make(c, &counter);
      REQUIRE(b->transition(BreakerState::open, 0, "test", "setup").ok());
      REQUIRE(b->transition(BreakerState::half_open, 0, "test", "setup").ok());
      std::vector<Permit> permits(kThreads);
      for (auto& p : permits) p = b->try_acquire(1);
      std::atomic<int> recorded{0};
      race([&](int t) {
        auto r = b->record(permits[t], CallOutcome::success, 0, 2);
        if (r.ok() && *r == RecordResult::recorded) recorded.fetch_add(1);
      });
      CHECK(recorded.load() == kThreads);
      CHECK(counter.closed.load() == 1);
      CHECK(b->state() == BreakerState::closed);
    }
  }

  TEST_CASE("outcomes recorded from 8 threads are all counted, and trip once") {
    CircuitBreakerConfig c;
    c.window_size = 80'000;
    c.minimum_calls = 80'000;
    c.failure_rate_threshold = 60.0;  // the 50% below never trips it
    auto b = make(c);
    std::atomic<int> recorded{0};
    race([&](int t) {
      for (int i = 0; i < 10'000; ++i) {
        const Permit p = b->try_acquire(t);
        const auto outcome = i % 2 == 0 ? CallOutcome::failure : CallOutcome::success;
        auto r = b->record(p, outcome, 0, t);
        if (r.ok() && *r == RecordResult::recorded) recorded.fetch_add(1);
      }
    });
    CHECK(recorded.load() == 80'000);
    auto m = b->metrics(kThreads);
    CHECK(m.state == BreakerState::closed);
    CHECK(m.window.calls == 80'000);
    CHECK(m.window.failed == 40'000);
    CHECK(*m.failure_rate == 50.0);

    CircuitBreakerConfig tripping;
    tripping.window_size = 100;
    tripping.minimum_calls = 100;
    TransitionCounter counter;
    auto t = make(tripping, &counter);
    std::atomic<int> stale{0};
    race([&](int) {
      for (int i = 0; i < 1'000; ++i) {
        const Permit p = t->try_acquire(0);
        if (!p.granted) continue;
        auto r = t->record(p, CallOutcome::failure, 0, 0);
        if (r.ok() && *r == RecordResult::stale) stale.fetch_add(1);
      }
    });
    CHECK(counter.opened.load() == 1);
    CHECK(t->state() == BreakerState::open);
    CHECK(t->metrics(0).window.calls == 100);  // the window that tripped
  }

  TEST_CASE("breakers opened by racing threads open the global state once") {
    TradingState trading;
    std::mutex trading_mutex;
    TradingStateTripper tripper(trading, &trading_mutex);
    auto registry = CircuitBreakerRegistry::create(RegistryConfig{}, &tripper);
    REQUIRE(registry.ok());
    CircuitBreakerConfig c;
    c.window_size = 10;
    c.minimum_calls = 10;
    std::vector<CircuitBreaker*> breakers;
    for (int i = 0; i < kThreads; ++i) {
      auto b = (*registry)->add("component-" + std::to_string(i), c, 0);
      REQUIRE(b.ok());
      breakers.push_back(*b);
    }
    race([&](int t) {
      for (int i = 0; i < 10; ++i) {
        const Permit p = breakers[t]->try_acquire(kS);
        if (p.granted) (void)breakers[t]->record(p, CallOutcome::failure, 0, kS);
      }
    });
    CHECK((*registry)->summary().open_components == kThreads);
    CHECK((*registry)->summary().state == GlobalState::open);
    std::lock_guard lock(trading_mutex);
    CHECK(trading.mode() == TradingMode::paused);
    CHECK(trading.recent_transitions().size() == 1);
  }
}
