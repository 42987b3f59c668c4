// What the three status LEDs show. One light per mode, so a glance across
// the room tells how much trading is allowed:
//
//   mode / condition                 green  yellow  red
//   normal                            on     off    off
//   reduced (wind down only)          on     on     off
//   paused                            off    on     off
//   emergency (latched)               off    off    on
//   safe pattern: the host stopped    off    on     on
//     or failed (SIGTERM, backend
//     error) and supervises nothing
//
// The safe pattern differs from Emergency on purpose: red alone says "the
// kill switch (or a heartbeat) tripped and the host is watching"; red and
// yellow say "the host is not watching any more". All three dark means no
// host has driven the lines (not started, or the pins were released when it
// exited): treat it like the safe pattern.
#pragma once

#include "lf/risk/trading_mode.hpp"

namespace lf::gpio {

struct LedPattern {
  bool green = false;
  bool yellow = false;
  bool red = false;

  friend bool operator==(const LedPattern&, const LedPattern&) = default;
};

constexpr LedPattern led_pattern(risk::TradingMode mode) noexcept {
  switch (mode) {
    case risk::TradingMode::normal: return {true, false, false};
    case risk::TradingMode::reduced: return {true, true, false};
    case risk::TradingMode::paused: return {false, true, false};
    case risk::TradingMode::emergency: return {false, false, true};
  }
  return {false, true, true};
}

inline constexpr LedPattern kSafeLedPattern{false, true, true};

}  // namespace lf::gpio
