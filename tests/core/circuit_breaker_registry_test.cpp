// The breaker registry: the global state (seed: open when >= 50% of >= 3
// components are open), cascades, the report to the trading state, and bad
// input. Expected states follow by hand from the counts.
#include "lf/risk/circuit_breaker_registry.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "lf/risk/circuit_breaker_trading.hpp"

using namespace lf::risk;
using lf::ErrorCode;

namespace {

constexpr Nanos kS = kNanosPerSecond;

struct Change {
  GlobalState from;
  GlobalState to;
  std::uint32_t open;
  std::uint32_t components;
  Nanos at;
  std::string trigger;
};

class Watcher final : public RegistryListener {
 public:
  void on_breaker_event(const BreakerEvent& e) override {
    if (e.type == BreakerEventType::state_transition) {
      transitions.push_back(std::string(e.breaker) + ":" + std::string(to_string(e.to)) + ":" +
                            std::string(to_string(e.cause)));
    }
  }
  void on_global_state_change(const GlobalStateChange& c) override {
    changes.push_back(
        {c.from, c.to, c.open_components, c.components, c.at, std::string(c.trigger)});
  }
  std::vector<std::string> transitions;
  std::vector<Change> changes;
};

std::unique_ptr<CircuitBreakerRegistry> registry(RegistryListener* listener,
                                                 const RegistryConfig& config = {}) {
  auto r = CircuitBreakerRegistry::create(config, listener);
  REQUIRE_MESSAGE(r.ok(), r.error().message);
  return std::move(*r);
}

CircuitBreaker& add(CircuitBreakerRegistry& r, const std::string& name, Nanos now = 0) {
  CircuitBreakerConfig c;
  c.window_size = 2;
  c.minimum_calls = 2;
  auto b = r.add(name, c, now);
  REQUIRE_MESSAGE(b.ok(), b.error().message);
  return **b;
}

// Two failures open a breaker from add().
void open_by_failures(CircuitBreaker& b, Nanos now) {
  for (int i = 0; i < 2; ++i) {
    const Permit p = b.try_acquire(now);
    REQUIRE(p.granted);
    REQUIRE(b.record(p, CallOutcome::failure, 0, now).ok());
  }
  REQUIRE(b.state() == BreakerState::open);
}

}  // namespace

TEST_SUITE("risk") {
  TEST_CASE("breaker registry: global state opens at >= 50% of >= 3 components") {
    Watcher watcher;
    auto r = registry(&watcher);
    auto& a = add(*r, "exchange");
    auto& b = add(*r, "market-data");
    open_by_failures(a, 1 * kS);
    open_by_failures(b, 2 * kS);
    // Two of two open, but fewer than three components: closed.
    CHECK(r->summary().state == GlobalState::closed);
    CHECK(r->summary().open_components == 2);
    CHECK(watcher.changes.empty());

    auto& c = add(*r, "pricing", 3 * kS);  // 2 of 3 = 67%
    REQUIRE(watcher.changes.size() == 1);
    CHECK(watcher.changes[0].from == GlobalState::closed);
    CHECK(watcher.changes[0].to == GlobalState::open);
    CHECK(watcher.changes[0].open == 2);
    CHECK(watcher.changes[0].components == 3);
    CHECK(watcher.changes[0].at == 3 * kS);
    CHECK(watcher.changes[0].trigger == "pricing");
    auto& d = add(*r, "risk-db", 4 * kS);  // 2 of 4 = 50%: still open
    CHECK(watcher.changes.size() == 1);
    CHECK(r->summary().state == GlobalState::open);

    // Half-open is probing, not open: 1 of 4, then 0 of 4.
    REQUIRE(a.try_acquire(61 * kS).granted);
    REQUIRE(watcher.changes.size() == 2);
    CHECK(watcher.changes[1].to == GlobalState::closed);
    CHECK(watcher.changes[1].open == 1);
    CHECK(watcher.changes[1].trigger == "exchange");
    REQUIRE(b.try_acquire(62 * kS).granted);
    CHECK(r->summary().open_components == 0);

    // Forced open counts as open: 1 of 4 = 25%, then 2 of 4 = 50%.
    REQUIRE(c.transition(BreakerState::forced_open, 63 * kS, "ops", "drill").ok());
    CHECK(r->summary().state == GlobalState::closed);
    open_by_failures(d, 64 * kS);
    REQUIRE(watcher.changes.size() == 3);
    CHECK(watcher.changes[2].to == GlobalState::open);
    CHECK(watcher.changes[2].open == 2);
    CHECK(watcher.changes[2].components == 4);
    CHECK(watcher.changes[2].at == 64 * kS);
    CHECK(watcher.changes[2].trigger == "risk-db");

    REQUIRE(c.transition(BreakerState::closed, 65 * kS, "ops", "drill over").ok());
    REQUIRE(watcher.changes.size() == 4);  // 1 of 4
    CHECK(watcher.changes[3].to == GlobalState::closed);
    CHECK(watcher.changes[3].trigger == "pricing");
  }

  TEST_CASE("breaker registry: the threshold and minimum are configurable") {
    Watcher watcher;
    RegistryConfig config;
    config.open_fraction = 1.0 / 3.0;
    config.minimum_components = 1;
    auto r = registry(&watcher, config);
    auto& a = add(*r, "a");
    add(*r, "b");
    add(*r, "c");
    open_by_failures(a, 0);  // 1 of 3 >= 1/3
    CHECK(r->summary().state == GlobalState::open);
  }

  TEST_CASE("breaker registry: cascades trip named dependants, along chains and cycles") {
    Watcher watcher;
    RegistryConfig config;
    config.minimum_components = 10;  // keep the global state out of this test
    auto r = registry(&watcher, config);
    auto& db = add(*r, "database");
    auto& orders = add(*r, "orders");
    auto& fills = add(*r, "fills");
    auto& quotes = add(*r, "quotes");
    REQUIRE(r->add_cascade("database", "orders").ok());
    REQUIRE(r->add_cascade("orders", "fills").ok());
    REQUIRE(r->add_cascade("fills", "database").ok());  // a cycle
    REQUIRE(r->add_cascade("database", "quotes").ok());
    REQUIRE(r->add_cascade("database", "orders").ok());  // again: no change
    CHECK(r->dependants("database") == std::vector<std::string>{"orders", "quotes"});
    REQUIRE(quotes.transition(BreakerState::disabled, 0, "ops", "vendor test").ok());
    watcher.transitions.clear();

    open_by_failures(db, 5 * kS);
    CHECK(orders.state() == BreakerState::open);
    CHECK(fills.state() == BreakerState::open);
    CHECK(quotes.state() == BreakerState::disabled);  // an operator's state is left alone
    CHECK(watcher.transitions == std::vector<std::string>{"database:open:failure_rate",
                                                          "orders:open:cascade",
                                                          "fills:open:cascade"});
    // Each recovers on its own: the dependant's wait started at the cascade.
    CHECK(*orders.metrics(5 * kS).open_until == 65 * kS);
  }

  TEST_CASE("breaker registry: a global opening trips the trading state to paused") {
    TradingState trading;
    TradingStateTripper tripper(trading);
    auto r = registry(&tripper);
    auto& a = add(*r, "exchange");
    auto& b = add(*r, "market-data");
    add(*r, "pricing");
    open_by_failures(a, 10 * kS);
    CHECK(trading.mode() == TradingMode::normal);
    open_by_failures(b, 12 * kS);  // 2 of 3
    CHECK(trading.mode() == TradingMode::paused);
    REQUIRE(trading.recent_transitions().size() == 1);
    const auto& t = trading.recent_transitions().back();
    CHECK(t.cause == TripCause::breaker_cascade);
    CHECK(t.reason == "2 of 3 circuit breakers open (last: market-data)");
    CHECK(t.timestamp == 12.0);
    CHECK(trading.drain_audit_lines().size() == 1);
    // Closing again does not resume trading: that is an operator's call.
    REQUIRE(b.transition(BreakerState::closed, 13 * kS, "ops", "fixed").ok());
    CHECK(r->summary().state == GlobalState::closed);
    CHECK(trading.mode() == TradingMode::paused);
  }

  TEST_CASE("breaker registry: bad input") {
    auto r = registry(nullptr);
    add(*r, "a");
    add(*r, "b");
    CircuitBreakerConfig good;
    for (const std::string& name :
         std::vector<std::string>{"", "has space", std::string(65, 'x'), "semi;colon"}) {
      auto added = r->add(name, good, 0);
      REQUIRE_FALSE(added.ok());
      CHECK(added.error().code == ErrorCode::invalid_argument);
    }
    CHECK(r->add(std::string(64, 'x'), good, 0).ok());
    CHECK(r->add("ns:svc/v1.2_x-y", good, 0).ok());
    auto taken = r->add("a", good, 0);
    REQUIRE_FALSE(taken.ok());
    CHECK(taken.error().code == ErrorCode::invalid_argument);
    CircuitBreakerConfig bad;
    bad.window_size = 0;
    auto invalid = r->add("c", bad, 0);
    REQUIRE_FALSE(invalid.ok());
    CHECK(invalid.error().code == ErrorCode::invalid_parameter);
    CHECK(r->find("c") == nullptr);
    CHECK(r->names() ==
          std::vector<std::string>{"a", "b", "ns:svc/v1.2_x-y", std::string(64, 'x')});

    auto unknown_source = r->add_cascade("nope", "a");
    REQUIRE_FALSE(unknown_source.ok());
    CHECK(unknown_source.error().code == ErrorCode::unknown_breaker);
    auto unknown_dependant = r->add_cascade("a", "nope");
    REQUIRE_FALSE(unknown_dependant.ok());
    CHECK(unknown_dependant.error().code == ErrorCode::unknown_breaker);
    auto self = r->add_cascade("a", "a");
    REQUIRE_FALSE(self.ok());
    CHECK(self.error().code == ErrorCode::invalid_argument);
    CHECK(r->dependants("a").empty());

    RegistryConfig small;
    small.max_components = 1;
    small.minimum_components = 1;
    auto tiny = registry(nullptr, small);
    add(*tiny, "only");
    auto full = tiny->add("second", good, 0);
    REQUIRE_FALSE(full.ok());
    CHECK(full.error().code == ErrorCode::invalid_argument);

    const auto rejects = [](RegistryConfig c) {
      auto created = CircuitBreakerRegistry::create(c);
      REQUIRE_FALSE(created.ok());
      CHECK(created.error().code == ErrorCode::invalid_parameter);
    };
    rejects({0.0, 3, 256});
    rejects({1.5, 3, 256});
    rejects({0.5, 0, 256});
    rejects({0.5, 300, 256});
    rejects({0.5, 1, 0});
  }

  TEST_CASE("breaker registry: advance applies due transitions to every breaker") {
    auto r = registry(nullptr);
    CircuitBreakerConfig c;
    c.window_size = 1;
    c.minimum_calls = 1;
    c.automatic_transition_to_half_open = true;
    auto a = r->add("a", c, 0);
    auto b = r->add("b", c, 0);
    REQUIRE((a.ok() && b.ok()));
    for (CircuitBreaker* breaker : {*a, *b}) {
      const Permit p = breaker->try_acquire(0);
      REQUIRE(breaker->record(p, CallOutcome::failure, 0, 0).ok());
    }
    r->advance(60 * kS);
    CHECK((*a)->state() == BreakerState::half_open);
    CHECK((*b)->state() == BreakerState::half_open);
  }
}
