// Configuration of a circuit breaker (circuit_breaker.hpp). The knobs and
// their defaults are resilience4j's CircuitBreakerConfig; times are integer
// nanoseconds on the caller's clock (the core reads no clock).
//
//   failure_rate_threshold        50     CLOSED -> OPEN when failed / calls * 100 >= this
//   slow_call_rate_threshold      100    ... or when slow / calls * 100 >= this
//   slow_call_duration_threshold  60 s   a call is slow when its duration is > this
//   window_type                   count_based
//   window_size                   100    the last N calls, or N buckets of bucket_duration
//   bucket_duration               1 s    time-based windows only
//   minimum_calls                 100    no rate (and no trip) below this many calls in the
//                                        window; count-based windows use
//                                        min(minimum_calls, window_size)
//   wait_in_open                  60 s   OPEN lasts wait_in_open * wait_multiplier^(k - 1)
//   wait_multiplier               1      for the k-th consecutive opening (exponential
//   max_wait_in_open              0      backoff), capped at max_wait_in_open (0: no cap)
//   permitted_calls_in_half_open  10     probe calls HALF_OPEN hands out
//   max_wait_in_half_open         0      HALF_OPEN -> OPEN this long after it began if the
//                                        probes have not all reported (0: no limit)
//   permit_timeout                60 s   a probe permit that has neither reported nor been
//                                        released by then is reclaimed for another caller
//   automatic_transition_to_half_open  false  advance() moves OPEN -> HALF_OPEN once the
//                                        wait is over (otherwise the next try_acquire does)
#pragma once

#include <cstdint>
#include <string_view>

#include "lf/common/result.hpp"

namespace lf::risk {

// Nanoseconds on the caller's clock (any epoch; expected never to go back).
using Nanos = std::int64_t;
inline constexpr Nanos kNanosPerMillisecond = 1'000'000;
inline constexpr Nanos kNanosPerSecond = 1'000'000'000;
// The longest configurable duration (about 31.7 years): durations added to a
// timestamp then stay far from overflow.
inline constexpr Nanos kMaxBreakerDuration = 1'000'000'000 * kNanosPerSecond;

enum class SlidingWindowType : std::uint8_t { count_based, time_based };

// "count_based", "time_based".
std::string_view to_string(SlidingWindowType type) noexcept;
// The inverse of to_string; invalid_parameter for any other text.
Result<SlidingWindowType> parse_sliding_window_type(std::string_view text);

struct CircuitBreakerConfig {
  double failure_rate_threshold = 50.0;                       // percent, (0, 100]
  double slow_call_rate_threshold = 100.0;                    // percent, (0, 100]
  Nanos slow_call_duration_threshold = 60 * kNanosPerSecond;  // (0, max]
  SlidingWindowType window_type = SlidingWindowType::count_based;
  std::uint32_t window_size = 100;                  // [1, 100'000]
  Nanos bucket_duration = kNanosPerSecond;          // (0, max]
  std::uint32_t minimum_calls = 100;                // >= 1
  Nanos wait_in_open = 60 * kNanosPerSecond;        // (0, max]
  double wait_multiplier = 1.0;                     // [1, 1000]
  Nanos max_wait_in_open = 0;                       // 0 or [wait_in_open, max]
  std::uint32_t permitted_calls_in_half_open = 10;  // [1, 10'000]
  Nanos max_wait_in_half_open = 0;                  // [0, max]
  Nanos permit_timeout = 60 * kNanosPerSecond;      // (0, max]
  bool automatic_transition_to_half_open = false;

  friend bool operator==(const CircuitBreakerConfig&, const CircuitBreakerConfig&) = default;
};

// invalid_parameter naming the first field out of its range (above), and its
// value.
Status validate(const CircuitBreakerConfig& config);

// How long the `attempt`-th consecutive opening (1 for the first since the
// breaker last closed) stays OPEN: wait_in_open * wait_multiplier^(attempt-1),
// capped at max_wait_in_open when that is set, and at kMaxBreakerDuration.
// The power is a product of IEEE multiplications, so every target computes
// the same nanoseconds.
Nanos open_wait(const CircuitBreakerConfig& config, std::uint32_t attempt) noexcept;

}  // namespace lf::risk
