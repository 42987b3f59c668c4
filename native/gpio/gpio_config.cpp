#include "gpio/gpio_config.hpp"

#include <sys/un.h>

#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

namespace lf::gpio {
namespace {

using Json = nlohmann::json;

Error wrong_type(std::string_view key, std::string_view expected) {
  return make_error(ErrorCode::schema_error,
                    "config key '" + std::string(key) + "' must be " + std::string(expected));
}

Result<unsigned> read_unsigned(const Json& value, std::string_view key) {
  if (!value.is_number_unsigned() || value.get<std::uint64_t>() > std::numeric_limits<int>::max()) {
    return wrong_type(key, "a non-negative integer");
  }
  return static_cast<unsigned>(value.get<std::uint64_t>());
}

Result<std::string> read_string(const Json& value, std::string_view key) {
  if (!value.is_string()) return wrong_type(key, "a string");
  return value.get<std::string>();
}

Result<bool> read_bool(const Json& value, std::string_view key) {
  if (!value.is_boolean()) return wrong_type(key, "true or false");
  return value.get<bool>();
}

// A value parsed by `parse` from a JSON string, its error reworded as a
// schema error naming the key.
template <class T, class Parse>
Result<T> read_enum(const Json& value, std::string_view key, Parse parse) {
  auto text = read_string(value, key);
  if (!text) return std::move(text).error();
  auto parsed = parse(*text);
  if (!parsed) {
    return make_error(ErrorCode::schema_error,
                      "config key '" + std::string(key) + "': " + parsed.error().message);
  }
  return *parsed;
}

Result<std::map<unsigned, bool>> read_drives(const Json& value) {
  constexpr std::string_view key = "simulated_drives";
  if (!value.is_object()) return wrong_type(key, "an object of line offset -> \"low\" | \"high\"");
  std::map<unsigned, bool> drives;
  for (const auto& [name, level] : value.items()) {
    unsigned offset = 0;
    const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), offset);
    if (ec != std::errc() || end != name.data() + name.size()) {
      return wrong_type(key, "keyed by line offsets, not '" + name + "'");
    }
    auto physical = read_enum<bool>(level, key, parse_level);
    if (!physical) return std::move(physical).error();
    drives[offset] = *physical;
  }
  return drives;
}

Status apply_key(GpioConfig& config, const std::string& key, const Json& value) {
  const auto assign = [](auto& field, auto result) -> Status {
    if (!result) return std::move(result).error();
    field = std::move(*result);
    return {};
  };
  const auto milliseconds = [&](std::chrono::milliseconds& field) -> Status {
    auto count = read_unsigned(value, key);
    if (!count) return std::move(count).error();
    field = std::chrono::milliseconds(*count);
    return {};
  };
  if (key == "backend")
    return assign(config.backend, read_enum<BackendKind>(value, key, parse_backend_kind));
  if (key == "chip") return assign(config.chip, read_string(value, key));
  if (key == "switch_line") return assign(config.switch_line, read_unsigned(value, key));
  if (key == "switch_bias")
    return assign(config.switch_bias, read_enum<Bias>(value, key, parse_bias));
  if (key == "switch_active_low") return assign(config.switch_active_low, read_bool(value, key));
  if (key == "green_line") return assign(config.green_line, read_unsigned(value, key));
  if (key == "yellow_line") return assign(config.yellow_line, read_unsigned(value, key));
  if (key == "red_line") return assign(config.red_line, read_unsigned(value, key));
  if (key == "leds_active_low") return assign(config.leds_active_low, read_bool(value, key));
  if (key == "debounce_ms") return milliseconds(config.debounce);
  if (key == "heartbeat_timeout_ms") return milliseconds(config.heartbeat_timeout);
  if (key == "socket") return assign(config.socket_path, read_string(value, key));
  if (key == "audit_log") return assign(config.audit_log, read_string(value, key));
  if (key == "simulated_drives") return assign(config.simulated_drives, read_drives(value));
  return make_error(ErrorCode::schema_error,
                    "unknown config key '" + key +
                        "' (keys: backend, chip, switch_line, switch_bias, switch_active_low, "
                        "green_line, yellow_line, red_line, leds_active_low, debounce_ms, "
                        "heartbeat_timeout_ms, socket, audit_log, simulated_drives)");
}

Error out_of_range(std::string_view field, const std::string& value, std::string_view allowed) {
  return make_error(ErrorCode::invalid_argument, std::string(field) + " = " + value +
                                                     " is out of range: " + std::string(allowed));
}

}  // namespace

std::string_view to_string(BackendKind kind) noexcept {
  return kind == BackendKind::libgpiod ? "libgpiod" : "simulated";
}

Result<BackendKind> parse_backend_kind(std::string_view text) {
  if (text == "libgpiod") return BackendKind::libgpiod;
  if (text == "simulated") return BackendKind::simulated;
  return make_error(ErrorCode::invalid_argument,
                    "backend '" + std::string(text) + "' is not libgpiod or simulated");
}

Result<bool> parse_level(std::string_view text) {
  if (text == "low") return false;
  if (text == "high") return true;
  return make_error(ErrorCode::invalid_argument,
                    "level '" + std::string(text) + "' is not low or high");
}

Status validate(const GpioConfig& config) {
  if (config.chip.empty()) return make_error(ErrorCode::invalid_argument, "chip must not be empty");
  const std::set<unsigned> lines = {config.switch_line, config.green_line, config.yellow_line,
                                    config.red_line};
  if (lines.size() != 4) {
    return make_error(ErrorCode::invalid_argument,
                      "switch_line " + std::to_string(config.switch_line) + ", green_line " +
                          std::to_string(config.green_line) + ", yellow_line " +
                          std::to_string(config.yellow_line) + " and red_line " +
                          std::to_string(config.red_line) + " must be four different lines");
  }
  if (config.debounce < std::chrono::milliseconds(0) || config.debounce > kMaxDebounce) {
    return out_of_range("debounce_ms", std::to_string(config.debounce.count()), "0 .. 5000");
  }
  const auto heartbeat = config.heartbeat_timeout;
  if (heartbeat != std::chrono::milliseconds(0) &&
      (heartbeat < kMinHeartbeatTimeout || heartbeat > kMaxHeartbeatTimeout)) {
    return out_of_range("heartbeat_timeout_ms", std::to_string(heartbeat.count()),
                        "0 (no heartbeat) or 10 .. 3600000");
  }
  if (config.socket_path.empty() || config.socket_path.size() >= sizeof(sockaddr_un{}.sun_path)) {
    return make_error(ErrorCode::invalid_argument,
                      "socket '" + config.socket_path + "' must be a path of 1 .. " +
                          std::to_string(sizeof(sockaddr_un{}.sun_path) - 1) + " bytes");
  }
  if (config.audit_log.empty()) {
    return make_error(ErrorCode::invalid_argument, "audit_log must not be empty");
  }
  if (!config.simulated_drives.empty() && config.backend != BackendKind::simulated) {
    return make_error(ErrorCode::invalid_argument,
                      "simulated_drives need the simulated backend, not " +
                          std::string(to_string(config.backend)));
  }
  return {};
}

Result<GpioConfig> apply_config_json(std::string_view text, GpioConfig base) {
  const Json parsed = Json::parse(text.begin(), text.end(), nullptr, false);
  if (parsed.is_discarded()) {
    return make_error(ErrorCode::json_parse_error, "the GPIO config is not valid JSON");
  }
  if (!parsed.is_object()) {
    return make_error(ErrorCode::schema_error, "the GPIO config must be a JSON object");
  }
  for (const auto& [key, value] : parsed.items()) {
    if (auto s = apply_key(base, key, value); !s) return std::move(s).error();
  }
  return base;
}

}  // namespace lf::gpio
