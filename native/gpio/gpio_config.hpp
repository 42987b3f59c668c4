// What the kill-switch host drives and how: chip, line offsets, polarity,
// debounce, heartbeat, control socket and audit log. Defaults are the
// Raspberry Pi wiring of docs/GPIO.md (BCM numbers are the offsets on the
// Pi's main GPIO chip, gpiochip0).
//
// The config file (`lf gpio run --config FILE`) is one JSON object with any
// of these keys; options given on the command line win over the file:
//   backend               "libgpiod" | "simulated"
//   chip                  "gpiochip0"   name, /dev path, label or number
//   switch_line           17
//   switch_bias           "pull_up"     as_is | disabled | pull_up | pull_down
//   switch_active_low     false         see below
//   green_line, yellow_line, red_line   22, 23, 24
//   leds_active_low       false         true when a low level lights an LED
//   debounce_ms           20            0 .. 5000
//   heartbeat_timeout_ms  0             0 (none) or 10 .. 3600000
//   socket                "/run/lf-gpio/control.sock"
//   audit_log             "/var/lib/lf-gpio/audit.log"
//   simulated_drives      {"17": "low"} physical levels driven onto simulated
//                                       lines at start (simulated backend only)
//
// The switch line's logical value is 1 when the contact is OPEN (a trip).
// With the default wiring -- a normally-closed switch from the pin to ground
// and the pull-up -- an open contact or a cut wire lets the pull-up raise the
// pin: active high. Wired to 3.3 V with a pull-down instead, an open contact
// reads low: set switch_active_low. Either way the bias must pull the pin to
// the "open" level, so a broken wire reads as a trip.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "gpio/gpio_backend.hpp"

namespace lf::gpio {

enum class BackendKind : std::uint8_t { libgpiod, simulated };

// "libgpiod", "simulated"; the inverse is invalid_argument for other text.
std::string_view to_string(BackendKind kind) noexcept;
Result<BackendKind> parse_backend_kind(std::string_view text);

struct GpioConfig {
  BackendKind backend = BackendKind::libgpiod;
  std::string chip = "gpiochip0";
  unsigned switch_line = 17;
  Bias switch_bias = Bias::pull_up;
  bool switch_active_low = false;
  unsigned green_line = 22;
  unsigned yellow_line = 23;
  unsigned red_line = 24;
  bool leds_active_low = false;
  std::chrono::milliseconds debounce{20};
  // How long the controlling process may go without a heartbeat before the
  // host trips heartbeat_lost; zero requires none.
  std::chrono::milliseconds heartbeat_timeout{0};
  std::string socket_path = "/run/lf-gpio/control.sock";
  std::string audit_log = "/var/lib/lf-gpio/audit.log";
  // Offset -> physical level (true: high) driven onto simulated lines.
  std::map<unsigned, bool> simulated_drives;
};

inline constexpr std::chrono::milliseconds kMaxDebounce{5000};
inline constexpr std::chrono::milliseconds kMinHeartbeatTimeout{10};
inline constexpr std::chrono::milliseconds kMaxHeartbeatTimeout{3600000};

// invalid_argument naming the field and value: lines not distinct, debounce
// or heartbeat out of range, an empty chip or path, a socket path longer
// than a Unix socket address holds, simulated drives with libgpiod.
Status validate(const GpioConfig& config);

// `base` with the keys of the JSON object `text` applied (json_parse_error
// for malformed JSON, schema_error naming an unknown key or a value of the
// wrong type); not validated.
Result<GpioConfig> apply_config_json(std::string_view text, GpioConfig base);

// "low" / "high" as a physical level; invalid_argument otherwise.
Result<bool> parse_level(std::string_view text);

}  // namespace lf::gpio
