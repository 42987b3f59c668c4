#include "breaker_read.hpp"

#include <cmath>

#include "verify_read.hpp"

namespace lf::api::breaker_read {
namespace {

using namespace json_read;
using risk::Nanos;

std::string member(std::string_view path, std::string_view key) {
  return std::string(path) + "." + std::string(key);
}

// Config members are parameters: every range error is invalid_parameter.
Error as_parameter_error(Error error) {
  if (error.code == ErrorCode::invalid_argument) error.code = ErrorCode::invalid_parameter;
  return error;
}

Status read_millis(const Json& object, std::string_view path, std::string_view key,
                   bool zero_allowed, Nanos& out) {
  const Json* node = find(object, key);
  if (node == nullptr) return {};
  auto value = millis(*node, member(path, key), kMaxDurationMs);
  if (!value) return as_parameter_error(std::move(value).error());
  if (*value == 0 && !zero_allowed) {
    return make_error(ErrorCode::invalid_parameter, member(path, key) + " must be > 0");
  }
  out = *value;
  return {};
}

Status read_count(const Json& object, std::string_view path, std::string_view key,
                  std::uint32_t& out) {
  const Json* node = find(object, key);
  if (node == nullptr) return {};
  auto value = verify_read::integer(*node, member(path, key), 0, UINT32_MAX);
  if (!value) return as_parameter_error(std::move(value).error());
  out = static_cast<std::uint32_t>(*value);
  return {};
}

Status read_number(const Json& object, std::string_view path, std::string_view key, double& out) {
  const Json* node = find(object, key);
  if (node == nullptr) return {};
  auto value = number(*node, member(path, key));
  if (!value) return std::move(value).error();
  out = *value;
  return {};
}

}  // namespace

Result<Nanos> millis(const Json& value, std::string_view path, double max_ms) {
  auto ms = number(value, path);
  if (!ms) return std::move(ms).error();
  if (!(*ms >= 0.0 && *ms <= max_ms)) {
    return make_error(ErrorCode::invalid_argument,
                      std::string(path) + " must be in [0, " + std::to_string(max_ms) + "] ms");
  }
  return static_cast<Nanos>(std::llround(*ms * 1e6));
}

Result<Nanos> required_millis(const Json& object, std::string_view key, double max_ms) {
  auto node = require(object, key, "request");
  if (!node) return std::move(node).error();
  return millis(**node, key, max_ms);
}

Json millis_value(Nanos nanos) {
  return number_value(static_cast<double>(nanos) / 1e6);
}

Result<bool> boolean(const Json& value, std::string_view path) {
  if (!value.is_boolean()) {
    return make_error(ErrorCode::schema_error, std::string(path) + " must be a boolean");
  }
  return value.get<bool>();
}

Result<std::vector<std::string>> strings(const Json& value, std::string_view path) {
  if (!value.is_array()) {
    return make_error(ErrorCode::schema_error, std::string(path) + " must be an array of strings");
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto text = string(value[i], std::string(path) + "[" + std::to_string(i) + "]");
    if (!text) return std::move(text).error();
    out.push_back(std::move(*text));
  }
  return out;
}

Result<risk::CircuitBreakerConfig> config(const Json& value, std::string_view path) {
  if (auto s = expect_object(value, path); !s) return std::move(s).error();
  if (auto s = only_keys(
          value, path,
          {"failure_rate_threshold", "slow_call_rate_threshold", "slow_call_duration_ms",
           "window_type", "window_size", "bucket_ms", "minimum_calls", "wait_in_open_ms",
           "wait_multiplier", "max_wait_in_open_ms", "permitted_calls_in_half_open",
           "max_wait_in_half_open_ms", "permit_timeout_ms", "automatic_transition_to_half_open"});
      !s) {
    return std::move(s).error();
  }
  risk::CircuitBreakerConfig c;
  Status steps[] = {
      read_number(value, path, "failure_rate_threshold", c.failure_rate_threshold),
      read_number(value, path, "slow_call_rate_threshold", c.slow_call_rate_threshold),
      read_millis(value, path, "slow_call_duration_ms", false, c.slow_call_duration_threshold),
      read_count(value, path, "window_size", c.window_size),
      read_millis(value, path, "bucket_ms", false, c.bucket_duration),
      read_count(value, path, "minimum_calls", c.minimum_calls),
      read_millis(value, path, "wait_in_open_ms", false, c.wait_in_open),
      read_number(value, path, "wait_multiplier", c.wait_multiplier),
      read_millis(value, path, "max_wait_in_open_ms", true, c.max_wait_in_open),
      read_count(value, path, "permitted_calls_in_half_open", c.permitted_calls_in_half_open),
      read_millis(value, path, "max_wait_in_half_open_ms", true, c.max_wait_in_half_open),
      read_millis(value, path, "permit_timeout_ms", false, c.permit_timeout),
  };
  for (auto& step : steps) {
    if (!step) return std::move(step).error();
  }
  if (const Json* node = find(value, "window_type")) {
    auto text = string(*node, member(path, "window_type"));
    if (!text) return std::move(text).error();
    auto type = risk::parse_sliding_window_type(*text);
    if (!type) return std::move(type).error();
    c.window_type = *type;
  }
  if (const Json* node = find(value, "automatic_transition_to_half_open")) {
    auto flag = boolean(*node, member(path, "automatic_transition_to_half_open"));
    if (!flag) return std::move(flag).error();
    c.automatic_transition_to_half_open = *flag;
  }
  if (auto s = risk::validate(c); !s) {
    Error error = std::move(s).error();
    error.message = std::string(path) + ": " + error.message;
    return error;
  }
  return c;
}

Json config_json(const risk::CircuitBreakerConfig& c) {
  return Json{{"failure_rate_threshold", number_value(c.failure_rate_threshold)},
              {"slow_call_rate_threshold", number_value(c.slow_call_rate_threshold)},
              {"slow_call_duration_ms", millis_value(c.slow_call_duration_threshold)},
              {"window_type", std::string(risk::to_string(c.window_type))},
              {"window_size", c.window_size},
              {"bucket_ms", millis_value(c.bucket_duration)},
              {"minimum_calls", c.minimum_calls},
              {"wait_in_open_ms", millis_value(c.wait_in_open)},
              {"wait_multiplier", number_value(c.wait_multiplier)},
              {"max_wait_in_open_ms", millis_value(c.max_wait_in_open)},
              {"permitted_calls_in_half_open", c.permitted_calls_in_half_open},
              {"max_wait_in_half_open_ms", millis_value(c.max_wait_in_half_open)},
              {"permit_timeout_ms", millis_value(c.permit_timeout)},
              {"automatic_transition_to_half_open", c.automatic_transition_to_half_open}};
}

Result<risk::Permit> permit(const Json& value, std::string_view path) {
  if (auto s = expect_object(value, path); !s) return std::move(s).error();
  if (auto s = only_keys(value, path, {"generation", "slot", "ticket"}); !s) {
    return std::move(s).error();
  }
  constexpr std::int64_t kMaxExact = std::int64_t{1} << 53;
  risk::Permit p;
  p.granted = true;
  const std::pair<std::string_view, std::int64_t> fields[] = {
      {"generation", kMaxExact}, {"slot", UINT32_MAX}, {"ticket", kMaxExact}};
  std::int64_t values[3] = {};
  for (std::size_t i = 0; i < 3; ++i) {
    auto node = require(value, fields[i].first, path);
    if (!node) return std::move(node).error();
    auto number = verify_read::integer(**node, member(path, fields[i].first), 0, fields[i].second);
    if (!number) return std::move(number).error();
    values[i] = *number;
  }
  p.generation = static_cast<std::uint64_t>(values[0]);
  p.slot = static_cast<std::uint32_t>(values[1]);
  p.ticket = static_cast<std::uint64_t>(values[2]);
  return p;
}

Json permit_json(const risk::Permit& p) {
  return Json{{"generation", p.generation}, {"slot", p.slot}, {"ticket", p.ticket}};
}

Json breaker_json(risk::CircuitBreaker& breaker, Nanos now,
                  const std::vector<std::string>& dependants) {
  const risk::BreakerMetrics m = breaker.metrics(now);
  const auto optional_rate = [](const std::optional<double>& rate) {
    return rate ? number_value(*rate) : Json(nullptr);
  };
  const auto optional_time = [](const std::optional<Nanos>& t) {
    return t ? millis_value(*t) : Json(nullptr);
  };
  return Json{{"name", breaker.name()},
              {"state", std::string(risk::to_string(m.state))},
              {"generation", m.generation},
              {"calls", m.window.calls},
              {"failed_calls", m.window.failed},
              {"slow_calls", m.window.slow},
              {"slow_failed_calls", m.window.slow_failed},
              {"failure_rate", optional_rate(m.failure_rate)},
              {"slow_call_rate", optional_rate(m.slow_call_rate)},
              {"not_permitted", m.not_permitted},
              {"attempts", m.attempts},
              {"open_until_ms", optional_time(m.open_until)},
              {"half_open_until_ms", optional_time(m.half_open_until)},
              {"probes_in_flight", m.probes_in_flight},
              {"probes_available", m.probes_available},
              {"dependants", dependants},
              {"config", config_json(breaker.config())}};
}

}  // namespace lf::api::breaker_read
