// ISO-8601 / RFC 3339 timestamps to seconds since the Unix epoch (UTC).
#pragma once

#include <string_view>

#include "lf/common/result.hpp"

namespace lf::signal {

// Accepted forms (extended format only, 4-digit years 0000-9999):
//   YYYY   YYYY-MM   YYYY-MM-DD
//   YYYY-MM-DD{T|t| }HH:MM[:SS[.fff...]][Z|z|+HH:MM|-HH:MM|+HHMM|-HHMM]
// A missing month or day is 1; no zone means UTC. Fields are range-checked
// (day against the month's length, leap years included; second 60 is allowed
// for a leap second). Errors: invalid_argument, quoting the text.
Result<double> parse_iso8601(std::string_view text);

}  // namespace lf::signal
