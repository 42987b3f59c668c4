// Per-component circuit breakers by name, the global state derived from
// them, and cascade rules (seed INFRA_001: the registry).
//
// Global state
//   open when at least `minimum_components` breakers exist and at least
//   `open_fraction` of them are open (OPEN or FORCED_OPEN; HALF_OPEN is
//   probing, not open); closed otherwise. Seed defaults: 50% of >= 3.
//   Every change is reported to the listener (on_global_state_change); a
//   host links that to its TradingState with TradingStateTripper
//   (circuit_breaker_trading.hpp), keeping this core free of trading rules.
//
// Cascades
//   add_cascade(source, dependant): whenever `source` moves to OPEN or
//   FORCED_OPEN, for whatever cause, the registry trips `dependant`
//   (CircuitBreaker::trip: CLOSED or HALF_OPEN -> OPEN, cause cascade).
//   Trips propagate along chains; a cycle stops at the first breaker that
//   is already open. A dependant then recovers on its own schedule (its
//   wait, its probes).
//
// Threads
//   Lookups and additions take the registry's mutex; breakers have their
//   own synchronisation, and a CircuitBreaker* stays valid for the
//   registry's lifetime. Cascades run on the thread whose call opened the
//   source, outside every lock. The global state is recomputed and its
//   change reported under the registry's mutex, so changes reach the
//   listener one at a time and in order; the listener must not call back
//   into this registry from on_global_state_change.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/risk/circuit_breaker.hpp"

namespace lf::risk {

struct RegistryConfig {
  double open_fraction = 0.5;            // (0, 1]
  std::uint32_t minimum_components = 3;  // [1, max_components]
  std::uint32_t max_components = 256;    // [1, 100'000]; add() refuses beyond it
};

// invalid_parameter naming the first field out of its range.
Status validate(const RegistryConfig& config);

enum class GlobalState : std::uint8_t { closed, open };

// "closed", "open".
std::string_view to_string(GlobalState state) noexcept;

struct GlobalStateChange {
  GlobalState from = GlobalState::closed;
  GlobalState to = GlobalState::closed;
  std::uint32_t open_components = 0;
  std::uint32_t components = 0;
  Nanos at = 0;              // the timestamp of the transition that caused it
  std::string_view trigger;  // the breaker whose transition caused it
};

class RegistryListener {
 public:
  virtual ~RegistryListener() = default;
  // Every event of every breaker, forwarded as it is delivered.
  virtual void on_breaker_event(const BreakerEvent&) {}
  virtual void on_global_state_change(const GlobalStateChange&) {}
};

struct RegistrySummary {
  GlobalState state = GlobalState::closed;
  std::uint32_t components = 0;
  std::uint32_t open_components = 0;
};

class CircuitBreakerRegistry final : private BreakerListener {
 public:
  // invalid_parameter for a config validate() rejects. The listener
  // (optional) must outlive the registry.
  static Result<std::unique_ptr<CircuitBreakerRegistry>> create(
      const RegistryConfig& config, RegistryListener* listener = nullptr);

  CircuitBreakerRegistry(const CircuitBreakerRegistry&) = delete;
  CircuitBreakerRegistry& operator=(const CircuitBreakerRegistry&) = delete;
  ~CircuitBreakerRegistry() override;

  // A new CLOSED breaker named `name`: 1 to 64 characters among letters,
  // digits and _ - . : / (names appear in messages, events and audit data).
  // The global state is re-evaluated at `now` (one more component changes
  // the fraction, or reaches the minimum).
  // Errors: invalid_argument (bad name, name taken, registry full),
  // invalid_parameter (config).
  Result<CircuitBreaker*> add(std::string name, const CircuitBreakerConfig& config, Nanos now);

  // nullptr when there is no breaker of that name.
  CircuitBreaker* find(std::string_view name) const;

  // The names, sorted.
  std::vector<std::string> names() const;

  // `dependant` trips whenever `source` opens. Both must exist and differ
  // (unknown_breaker, invalid_argument); adding a rule twice changes nothing.
  Status add_cascade(std::string_view source, std::string_view dependant);

  // The dependants of `source`, in the order their rules were added.
  std::vector<std::string> dependants(std::string_view source) const;

  RegistrySummary summary() const;

  // CircuitBreaker::advance(now) on every breaker, in name order.
  void advance(Nanos now);

  const RegistryConfig& config() const noexcept { return config_; }

 private:
  struct Entry {
    std::unique_ptr<CircuitBreaker> breaker;
    std::vector<CircuitBreaker*> dependants;
  };

  CircuitBreakerRegistry(const RegistryConfig& config, RegistryListener* listener);
  void on_breaker_event(const BreakerEvent& event) override;
  RegistrySummary count_locked() const;
  void reevaluate_locked(Nanos at, std::string_view trigger);

  const RegistryConfig config_;
  RegistryListener* const listener_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> entries_;
  GlobalState global_ = GlobalState::closed;
};

}  // namespace lf::risk
