#include "lf/common/error.hpp"

namespace lf {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::invalid_parameter: return "invalid_parameter";
    case ErrorCode::unknown_parameter: return "unknown_parameter";
    case ErrorCode::unknown_detector: return "unknown_detector";
    case ErrorCode::non_finite_value: return "non_finite_value";
    case ErrorCode::non_increasing_timestamp: return "non_increasing_timestamp";
    case ErrorCode::length_mismatch: return "length_mismatch";
    case ErrorCode::empty_input: return "empty_input";
    case ErrorCode::csv_parse_error: return "csv_parse_error";
    case ErrorCode::missing_column: return "missing_column";
    case ErrorCode::json_parse_error: return "json_parse_error";
    case ErrorCode::schema_error: return "schema_error";
    case ErrorCode::unknown_route: return "unknown_route";
    case ErrorCode::invalid_mass_function: return "invalid_mass_function";
    case ErrorCode::unknown_hypothesis: return "unknown_hypothesis";
    case ErrorCode::total_conflict: return "total_conflict";
    case ErrorCode::insufficient_data: return "insufficient_data";
    case ErrorCode::degenerate_input: return "degenerate_input";
    case ErrorCode::pcs_invalid: return "pcs_invalid";
    case ErrorCode::signature_invalid: return "signature_invalid";
    case ErrorCode::unknown_tenant: return "unknown_tenant";
    case ErrorCode::storage_error: return "storage_error";
    case ErrorCode::transition_refused: return "transition_refused";
    case ErrorCode::device_error: return "device_error";
    case ErrorCode::unknown_breaker: return "unknown_breaker";
    case ErrorCode::unauthorized: return "unauthorized";
    case ErrorCode::method_not_allowed: return "method_not_allowed";
    case ErrorCode::payload_too_large: return "payload_too_large";
    case ErrorCode::rate_limited: return "rate_limited";
    case ErrorCode::request_timeout: return "request_timeout";
    case ErrorCode::internal_error: return "internal_error";
  }
  return "unknown_error";
}

}  // namespace lf
