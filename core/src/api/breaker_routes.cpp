// POST breaker/acquire, breaker/record, breaker/release, breaker/transition,
// breaker/cascade, breaker/state: the circuit breakers of lf/risk behind the
// JSON API. Shapes in docs/API.md; times are milliseconds (breaker_read.hpp).
//
// Per-process state: one CircuitBreakerRegistry per process (per wasm
// instance, per edge isolate), created on first use with the seed's global
// rule (open when >= 50% of >= 3 components are open) and at most 256
// components. A component's breaker is created by the first acquire or
// record naming it, with that request's "config" (defaults otherwise);
// later requests may repeat the same config but not change it. Nothing
// survives a restart.
//
// Every answer carries "events": what the request caused (transitions,
// refusals, rate excursions, global state changes, cascades), in order.
// When the global state opens, this process's TradingState (risk/state) is
// tripped with the breaker_cascade cause (to Paused); the audit lines that
// adds come back in the answer's "audit_lines", as risk/check's do.
#include <vector>

#include "breaker_read.hpp"
#include "lf/risk/circuit_breaker_registry.hpp"
#include "lf/risk/circuit_breaker_trading.hpp"
#include "routes.hpp"

namespace lf::api::routes {
namespace {

using namespace json_read;
using breaker_read::millis_value;
using risk::Nanos;

// The events of the request being served on this thread (nullptr between
// requests): the registry's listener is per process, its events per request.
thread_local Json* request_events = nullptr;

class EventCollector final : public risk::RegistryListener {
 public:
  void on_breaker_event(const risk::BreakerEvent& e) override {
    if (request_events == nullptr) return;
    Json event{{"type", std::string(risk::to_string(e.type))},
               {"breaker", std::string(e.breaker)},
               {"at_ms", millis_value(e.at)}};
    if (e.type == risk::BreakerEventType::state_transition) {
      event["from"] = std::string(risk::to_string(e.from));
      event["to"] = std::string(risk::to_string(e.to));
      event["cause"] = std::string(risk::to_string(e.cause));
      if (!e.actor.empty()) event["actor"] = std::string(e.actor);
      if (!e.reason.empty()) event["reason"] = std::string(e.reason);
    } else {
      event["state"] = std::string(risk::to_string(e.from));
    }
    if (e.type == risk::BreakerEventType::failure_rate_exceeded ||
        e.type == risk::BreakerEventType::slow_call_rate_exceeded) {
      event["rate"] = number_value(e.rate);
    }
    request_events->push_back(std::move(event));
  }

  void on_global_state_change(const risk::GlobalStateChange& c) override {
    bool tripped = false;
    if (c.to == risk::GlobalState::open) {
      const double seconds = static_cast<double>(c.at) / static_cast<double>(risk::kNanosPerSecond);
      tripped = process_trading_state().trip(risk::TripCause::breaker_cascade,
                                             risk::breaker_trip_detail(c), seconds);
    }
    if (request_events == nullptr) return;
    request_events->push_back(Json{{"type", "global_state_change"},
                                   {"from", std::string(risk::to_string(c.from))},
                                   {"to", std::string(risk::to_string(c.to))},
                                   {"open_components", c.open_components},
                                   {"components", c.components},
                                   {"trigger", std::string(c.trigger)},
                                   {"at_ms", millis_value(c.at)}});
    if (tripped) {
      request_events->push_back(
          Json{{"type", "trading_state_trip"},
               {"cause", std::string(risk::to_string(risk::TripCause::breaker_cascade))},
               {"mode", std::string(risk::to_string(process_trading_state().mode()))},
               {"at_ms", millis_value(c.at)}});
    }
  }
};

risk::CircuitBreakerRegistry& process_registry() {
  static EventCollector collector;
  static const std::unique_ptr<risk::CircuitBreakerRegistry> registry =
      std::move(risk::CircuitBreakerRegistry::create(risk::RegistryConfig{}, &collector)).value();
  return *registry;
}

// Collects this request's events for as long as it lives.
class RequestEvents {
 public:
  RequestEvents() : previous_(request_events) { request_events = &events_; }
  ~RequestEvents() { request_events = previous_; }
  RequestEvents(const RequestEvents&) = delete;
  RequestEvents& operator=(const RequestEvents&) = delete;
  Json take() { return std::move(events_); }

 private:
  Json events_ = Json::array();
  Json* previous_;
};

Json global_json(const risk::CircuitBreakerRegistry& registry) {
  const auto s = registry.summary();
  return Json{{"state", std::string(risk::to_string(s.state))},
              {"components", s.components},
              {"open_components", s.open_components},
              {"open_fraction", number_value(registry.config().open_fraction)},
              {"minimum_components", registry.config().minimum_components}};
}

// The trading-state audit lines this request added (a global opening trips
// it), for the caller to persist.
Json audit_lines() {
  Json lines = Json::array();
  for (auto& line : process_trading_state().drain_audit_lines()) lines.push_back(std::move(line));
  return lines;
}

Json breaker_answer(risk::CircuitBreakerRegistry& registry, risk::CircuitBreaker& breaker,
                    Nanos now, RequestEvents& events, Json out) {
  out["component"] = breaker.name();
  out["breaker"] = breaker_read::breaker_json(breaker, now, registry.dependants(breaker.name()));
  out["global"] = global_json(registry);
  out["events"] = events.take();
  out["audit_lines"] = audit_lines();
  return out;
}

Result<std::string> component_of(const Json& request) {
  auto node = require(request, "component", "request");
  if (!node) return std::move(node).error();
  return string(**node, "component");
}

Result<Nanos> now_of(const Json& request) {
  return breaker_read::required_millis(request, "now_ms", breaker_read::kMaxTimestampMs);
}

Result<risk::CircuitBreaker*> existing(risk::CircuitBreakerRegistry& registry,
                                       const std::string& name) {
  if (risk::CircuitBreaker* breaker = registry.find(name)) return breaker;
  return make_error(ErrorCode::unknown_breaker,
                    "no breaker named '" + name +
                        "' (breakers are created by breaker/acquire or breaker/record)");
}

// The named breaker, created with the request's config on first use.
Result<risk::CircuitBreaker*> configured(risk::CircuitBreakerRegistry& registry,
                                         const Json& request, const std::string& name, Nanos now) {
  risk::CircuitBreakerConfig config;
  const Json* node = find(request, "config");
  if (node != nullptr) {
    auto decoded = breaker_read::config(*node, "config");
    if (!decoded) return std::move(decoded).error();
    config = *decoded;
  }
  if (risk::CircuitBreaker* breaker = registry.find(name)) {
    if (node != nullptr && !(config == breaker->config())) {
      return make_error(
          ErrorCode::invalid_argument,
          "breaker '" + name + "' exists with another config (a config applies on first use only)");
    }
    return breaker;
  }
  return registry.add(name, config, now);
}

Result<risk::CallOutcome> outcome_of(const Json& request) {
  auto node = require(request, "outcome", "request");
  if (!node) return std::move(node).error();
  auto text = string(**node, "outcome");
  if (!text) return std::move(text).error();
  if (*text == "success") return risk::CallOutcome::success;
  if (*text == "failure") return risk::CallOutcome::failure;
  return make_error(ErrorCode::schema_error, "outcome must be \"success\" or \"failure\"");
}

}  // namespace

Result<Json> breaker_acquire(const Json& request) {
  if (auto s = only_keys(request, "request", {"component", "now_ms", "config"}); !s) {
    return std::move(s).error();
  }
  auto name = component_of(request);
  if (!name) return std::move(name).error();
  auto now = now_of(request);
  if (!now) return std::move(now).error();
  RequestEvents events;
  auto& registry = process_registry();
  auto breaker = configured(registry, request, *name, *now);
  if (!breaker) return std::move(breaker).error();
  const risk::Permit permit = (*breaker)->try_acquire(*now);
  Json out{{"permitted", permit.granted},
           {"permit", permit.granted ? breaker_read::permit_json(permit) : Json(nullptr)}};
  return breaker_answer(registry, **breaker, *now, events, std::move(out));
}

Result<Json> breaker_record(const Json& request) {
  if (auto s = only_keys(request, "request",
                         {"component", "outcome", "duration_ms", "now_ms", "permit", "config"});
      !s) {
    return std::move(s).error();
  }
  auto name = component_of(request);
  if (!name) return std::move(name).error();
  auto outcome = outcome_of(request);
  if (!outcome) return std::move(outcome).error();
  auto duration =
      breaker_read::required_millis(request, "duration_ms", breaker_read::kMaxDurationMs);
  if (!duration) return std::move(duration).error();
  auto now = now_of(request);
  if (!now) return std::move(now).error();
  if (*duration > *now) {
    return make_error(ErrorCode::invalid_argument, "duration_ms must not exceed now_ms");
  }
  std::optional<risk::Permit> given;
  if (const Json* node = find(request, "permit")) {
    auto decoded = breaker_read::permit(*node, "permit");
    if (!decoded) return std::move(decoded).error();
    given = *decoded;
  }
  RequestEvents events;
  auto& registry = process_registry();
  auto breaker = configured(registry, request, *name, *now);
  if (!breaker) return std::move(breaker).error();
  // Without a permit the call is acquired as it started, now - duration,
  // and recorded as it ended; a refused call records nothing.
  const risk::Permit permit = given ? *given : (*breaker)->try_acquire(*now - *duration);
  Json out{{"permitted", permit.granted}, {"result", nullptr}};
  if (permit.granted) {
    auto result = (*breaker)->record(permit, *outcome, *duration, *now);
    if (!result) return std::move(result).error();
    out["result"] = std::string(risk::to_string(*result));
  }
  return breaker_answer(registry, **breaker, *now, events, std::move(out));
}

Result<Json> breaker_release(const Json& request) {
  if (auto s = only_keys(request, "request", {"component", "permit", "now_ms"}); !s) {
    return std::move(s).error();
  }
  auto name = component_of(request);
  if (!name) return std::move(name).error();
  auto now = now_of(request);
  if (!now) return std::move(now).error();
  auto node = require(request, "permit", "request");
  if (!node) return std::move(node).error();
  auto permit = breaker_read::permit(**node, "permit");
  if (!permit) return std::move(permit).error();
  RequestEvents events;
  auto& registry = process_registry();
  auto breaker = existing(registry, *name);
  if (!breaker) return std::move(breaker).error();
  Json out{{"released", (*breaker)->release(*permit)}};
  return breaker_answer(registry, **breaker, *now, events, std::move(out));
}

Result<Json> breaker_transition(const Json& request) {
  if (auto s = only_keys(request, "request", {"component", "to", "actor", "reason", "now_ms"});
      !s) {
    return std::move(s).error();
  }
  auto name = component_of(request);
  if (!name) return std::move(name).error();
  auto now = now_of(request);
  if (!now) return std::move(now).error();
  std::string texts[3];
  const std::string_view keys[3] = {"to", "actor", "reason"};
  for (std::size_t i = 0; i < 3; ++i) {
    auto node = require(request, keys[i], "request");
    if (!node) return std::move(node).error();
    auto text = string(**node, keys[i]);
    if (!text) return std::move(text).error();
    texts[i] = std::move(*text);
  }
  auto to = risk::parse_breaker_state(texts[0]);
  if (!to) return std::move(to).error();
  RequestEvents events;
  auto& registry = process_registry();
  auto breaker = existing(registry, *name);
  if (!breaker) return std::move(breaker).error();
  const risk::BreakerState from = (*breaker)->state();
  if (auto s = (*breaker)->transition(*to, *now, texts[1], texts[2]); !s) {
    return std::move(s).error();
  }
  Json out{{"from", std::string(risk::to_string(from))}, {"to", std::string(risk::to_string(*to))}};
  return breaker_answer(registry, **breaker, *now, events, std::move(out));
}

Result<Json> breaker_cascade(const Json& request) {
  if (auto s = only_keys(request, "request", {"source", "dependants"}); !s) {
    return std::move(s).error();
  }
  auto source_node = require(request, "source", "request");
  if (!source_node) return std::move(source_node).error();
  auto source = string(**source_node, "source");
  if (!source) return std::move(source).error();
  auto list_node = require(request, "dependants", "request");
  if (!list_node) return std::move(list_node).error();
  auto dependants = breaker_read::strings(**list_node, "dependants");
  if (!dependants) return std::move(dependants).error();
  auto& registry = process_registry();
  // Every rule is checked before any is added: a bad name adds none.
  if (registry.find(*source) == nullptr) return existing(registry, *source).error();
  for (const auto& dependant : *dependants) {
    if (registry.find(dependant) == nullptr) return existing(registry, dependant).error();
    if (dependant == *source) {
      return make_error(ErrorCode::invalid_argument,
                        "breaker '" + *source + "' cannot cascade to itself");
    }
  }
  for (const auto& dependant : *dependants) {
    if (auto s = registry.add_cascade(*source, dependant); !s) return std::move(s).error();
  }
  return Json{{"source", *source}, {"dependants", registry.dependants(*source)}};
}

Result<Json> breaker_state(const Json& request) {
  if (auto s = only_keys(request, "request", {"now_ms"}); !s) return std::move(s).error();
  auto now = now_of(request);
  if (!now) return std::move(now).error();
  RequestEvents events;
  auto& registry = process_registry();
  // Time-driven transitions that are due (half-open timeouts, automatic
  // half-open) happen before the snapshot.
  registry.advance(*now);
  Json breakers = Json::array();
  for (const auto& name : registry.names()) {
    if (risk::CircuitBreaker* breaker = registry.find(name)) {
      breakers.push_back(breaker_read::breaker_json(*breaker, *now, registry.dependants(name)));
    }
  }
  return Json{{"global", global_json(registry)},
              {"breakers", std::move(breakers)},
              {"events", events.take()},
              {"audit_lines", audit_lines()}};
}

}  // namespace lf::api::routes
