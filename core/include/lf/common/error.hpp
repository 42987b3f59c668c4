// Errors are values in the core: every fallible call returns a Result<T> (or
// Status) carrying a stable, documented code and a human-readable message.
// Shells translate them: JS throws an Error with .code, HTTP answers 4xx with
// {"error":{"code","message"}}, the CLI prints the message and exits non-zero.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace lf {

// Stable codes: their spelling (to_string) is part of the public API.
enum class ErrorCode : std::uint8_t {
  invalid_argument,          // a caller-supplied value is out of its domain
  invalid_parameter,         // a detector/algorithm parameter is out of range
  unknown_parameter,         // a parameter name the algorithm does not have
  unknown_detector,          // no detector is registered under that name
  non_finite_value,          // NaN or +-Inf where a finite number is required
  non_increasing_timestamp,  // timestamps must be strictly increasing
  length_mismatch,           // parallel arrays of different lengths
  empty_input,               // an input that must not be empty is empty
  csv_parse_error,           // malformed CSV (message names line and column)
  missing_column,            // a requested column does not exist
  json_parse_error,          // malformed JSON text
  schema_error,              // well-formed JSON of the wrong shape
  unknown_route,             // the API has no such route
  invalid_mass_function,     // masses outside [0, 1], not summing to 1, or on the empty set
  unknown_hypothesis,        // a hypothesis name (or bit) outside the frame of discernment
  total_conflict,            // sources in total conflict (K = 1): the rule is undefined
  insufficient_data,         // too few samples for the estimator (e.g. fewer than k neighbours)
  degenerate_input,          // a constant series or a singular covariance: the measure is undefined
  pcs_invalid,               // JSON that is not a PCS record of the right shape
  signature_invalid,         // a signature that does not verify (or is missing)
  unknown_tenant,            // no verification key is registered for the tenant
  storage_error,             // a durable store (write-ahead log, dedup, audit file) failed
  transition_refused,  // a state machine's rules (trading mode, breaker) refuse that transition
  device_error,        // a GPIO chip or line, or the GPIO daemon, is missing or failed
  unknown_breaker,     // no circuit breaker is registered under that name
  // Raised by the HTTP shells (edge function, native server), never by a route:
  unauthorized,        // no valid API key or request signature for a tenant
  method_not_allowed,  // a route called with the wrong HTTP method
  payload_too_large,   // a request body over the shell's limit (1 MiB)
  rate_limited,        // the tenant's request rate is over its limit (Retry-After)
  request_timeout,     // the request took longer than the shell's limit
  internal_error,      // an unexpected failure; the message never carries internals
};

std::string_view to_string(ErrorCode code) noexcept;

struct Error {
  ErrorCode code;
  std::string message;
};

}  // namespace lf
