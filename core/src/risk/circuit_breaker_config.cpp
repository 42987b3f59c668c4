#include "lf/risk/circuit_breaker_config.hpp"

#include <cmath>
#include <string>

namespace lf::risk {
namespace {

Error out_of_range(std::string_view field, const std::string& value, std::string_view range) {
  return make_error(ErrorCode::invalid_parameter,
                    std::string(field) + " must be in " + std::string(range) + ", got " + value);
}

Status check_rate(std::string_view field, double value) {
  if (std::isfinite(value) && value > 0.0 && value <= 100.0) return {};
  return out_of_range(field, std::to_string(value), "(0, 100] percent");
}

Status check_duration(std::string_view field, Nanos value, bool zero_allowed) {
  if ((value > 0 || (zero_allowed && value == 0)) && value <= kMaxBreakerDuration) return {};
  return out_of_range(field, std::to_string(value) + " ns",
                      zero_allowed ? "[0, 1e18] ns" : "(0, 1e18] ns");
}

Status check_count(std::string_view field, std::uint32_t value, std::uint32_t max) {
  if (value >= 1 && value <= max) return {};
  return out_of_range(field, std::to_string(value), "[1, " + std::to_string(max) + "]");
}

}  // namespace

std::string_view to_string(SlidingWindowType type) noexcept {
  switch (type) {
    case SlidingWindowType::count_based: return "count_based";
    case SlidingWindowType::time_based: return "time_based";
  }
  return "count_based";
}

Result<SlidingWindowType> parse_sliding_window_type(std::string_view text) {
  if (text == "count_based") return SlidingWindowType::count_based;
  if (text == "time_based") return SlidingWindowType::time_based;
  return make_error(ErrorCode::invalid_parameter,
                    "window_type must be \"count_based\" or "
                    "\"time_based\", got \"" +
                        std::string(text) + "\"");
}

Status validate(const CircuitBreakerConfig& c) {
  if (auto s = check_rate("failure_rate_threshold", c.failure_rate_threshold); !s) return s;
  if (auto s = check_rate("slow_call_rate_threshold", c.slow_call_rate_threshold); !s) return s;
  if (auto s =
          check_duration("slow_call_duration_threshold", c.slow_call_duration_threshold, false);
      !s) {
    return s;
  }
  if (c.window_type != SlidingWindowType::count_based &&
      c.window_type != SlidingWindowType::time_based) {
    return out_of_range("window_type", std::to_string(static_cast<int>(c.window_type)),
                        "{count_based, time_based}");
  }
  if (auto s = check_count("window_size", c.window_size, 100'000); !s) return s;
  if (auto s = check_duration("bucket_duration", c.bucket_duration, false); !s) return s;
  if (auto s = check_count("minimum_calls", c.minimum_calls, UINT32_MAX); !s) return s;
  if (auto s = check_duration("wait_in_open", c.wait_in_open, false); !s) return s;
  if (!(std::isfinite(c.wait_multiplier) && c.wait_multiplier >= 1.0 &&
        c.wait_multiplier <= 1000.0)) {
    return out_of_range("wait_multiplier", std::to_string(c.wait_multiplier), "[1, 1000]");
  }
  if (auto s = check_duration("max_wait_in_open", c.max_wait_in_open, true); !s) return s;
  if (c.max_wait_in_open != 0 && c.max_wait_in_open < c.wait_in_open) {
    return out_of_range("max_wait_in_open", std::to_string(c.max_wait_in_open) + " ns",
                        "{0} or [wait_in_open, 1e18] ns");
  }
  if (auto s = check_count("permitted_calls_in_half_open", c.permitted_calls_in_half_open, 10'000);
      !s) {
    return s;
  }
  if (auto s = check_duration("max_wait_in_half_open", c.max_wait_in_half_open, true); !s) {
    return s;
  }
  return check_duration("permit_timeout", c.permit_timeout, false);
}

Nanos open_wait(const CircuitBreakerConfig& config, std::uint32_t attempt) noexcept {
  const Nanos cap = config.max_wait_in_open != 0 ? config.max_wait_in_open : kMaxBreakerDuration;
  // multiplier^(attempt - 1) by repeated squaring: at most 64 IEEE
  // multiplications in a fixed order (an overflow to infinity just hits the cap).
  double power = 1.0;
  double base = config.wait_multiplier;
  for (std::uint32_t e = attempt > 0 ? attempt - 1 : 0; e != 0; e >>= 1) {
    if ((e & 1U) != 0) power *= base;
    base *= base;
  }
  const double wait = static_cast<double>(config.wait_in_open) * power;
  if (wait >= static_cast<double>(cap)) return cap;
  return static_cast<Nanos>(wait);
}

}  // namespace lf::risk
