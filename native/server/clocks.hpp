// The server's three clocks: unix seconds (signed requests' freshness),
// unix milliseconds (the PCS intake, the breakers' now_ms) and a monotonic
// clock in seconds (rate limits, which must not jump with the wall clock).
#pragma once

#include <chrono>
#include <cstdint>

namespace lf::server {

inline std::int64_t unix_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

inline std::int64_t unix_millis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

inline double monotonic_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace lf::server
