// Typed reading and writing of the members the breaker/* and risk/bias
// routes share: times in milliseconds, booleans, breaker configs and
// permits, and the breaker snapshot every breaker route answers with.
//
// Times travel as JSON numbers of milliseconds (fractions allowed, e.g. Unix
// time from Date.now() or time.time() * 1000) and become integer
// nanoseconds in the core, rounded to the nearest.
#pragma once

#include <vector>

#include "json_read.hpp"
#include "lf/risk/circuit_breaker.hpp"

namespace lf::api::breaker_read {

using json_read::Json;

// The largest timestamp accepted: 9e12 ms (year 2255), so that every
// nanosecond figure derived from it stays far from overflow.
inline constexpr double kMaxTimestampMs = 9e12;
// The longest duration accepted, kMaxBreakerDuration in milliseconds.
inline constexpr double kMaxDurationMs = 1e12;

// A number of milliseconds in [0, max_ms], as nanoseconds. schema_error for
// a non-number, invalid_argument outside the range.
Result<risk::Nanos> millis(const Json& value, std::string_view path, double max_ms);
// The member `key` of `object` (required), as millis().
Result<risk::Nanos> required_millis(const Json& object, std::string_view key, double max_ms);

Json millis_value(risk::Nanos nanos);

Result<bool> boolean(const Json& value, std::string_view path);
Result<std::vector<std::string>> strings(const Json& value, std::string_view path);

// {"failure_rate_threshold", "slow_call_rate_threshold", "slow_call_duration_ms",
//  "window_type", "window_size", "bucket_ms", "minimum_calls", "wait_in_open_ms",
//  "wait_multiplier", "max_wait_in_open_ms", "permitted_calls_in_half_open",
//  "max_wait_in_half_open_ms", "permit_timeout_ms",
//  "automatic_transition_to_half_open"}, every member optional (defaults as
// in circuit_breaker_config.hpp); the result is validated.
Result<risk::CircuitBreakerConfig> config(const Json& value, std::string_view path);
Json config_json(const risk::CircuitBreakerConfig& config);

// {"generation", "slot", "ticket"}, as breaker/acquire hands it out.
Result<risk::Permit> permit(const Json& value, std::string_view path);
Json permit_json(const risk::Permit& permit);

// The snapshot of `breaker` at `now`, with its name and cascade dependants.
Json breaker_json(risk::CircuitBreaker& breaker, risk::Nanos now,
                  const std::vector<std::string>& dependants);

}  // namespace lf::api::breaker_read
