// The control protocol of the GPIO daemon: over its Unix stream socket, a
// client writes one JSON object per line and reads one JSON object per line
// back, in order; a connection may carry any number of commands.
//
// Commands ("command" plus its members; unknown members are refused):
//   {"command":"status"}
//   {"command":"heartbeat"}                    the controlling process is alive
//   {"command":"reset","actor":A,"reason":R}   clear the Emergency latch -> paused
//   {"command":"transition","to":M,"actor":A,"reason":R}
//                                              M: normal | reduced | paused | emergency
//   {"command":"simulate","line":N,"drive":"low"|"high"|"release"}
//   {"command":"simulate","line":N,"fault":"message"}   ... or "fault":null to clear
//                                              (simulated backend only)
//
// Replies:
//   {"ok":true,"status":STATUS}
//   {"ok":false,"error":{"code":C,"message":M}}   C: the stable codes of docs/API.md
// STATUS:
//   {"mode":M,"latched":bool,"failed":bool,"backend":"simulated",
//    "switch":{"line":17,"state":"open"|"closed","reading":"open"|"closed"},
//    "leds":{"green":bool,"yellow":bool,"red":bool} | null,
//    "heartbeat":{"timeout_ms":0} | {"timeout_ms":T,"left_ms":L,"overdue":bool},
//    "last_transition":null | {"seq","from","to","timestamp",
//                              "kind":"trip","cause","detail" | "kind":"manual","actor","reason"},
//    "audit":{"records":N,"head":H}}
// "state" is the debounced switch, "reading" the last raw reading; "latched"
// is mode == emergency.
#pragma once

#include <string>
#include <string_view>

#include "gpio/kill_switch_host.hpp"
#include "gpio/simulated_backend.hpp"

namespace lf::gpio {

// Runs one command line against `host` and returns the reply line (without
// its newline). `simulated` is the daemon's simulated backend, or null for
// a real one (then "simulate" is refused).
std::string handle_control_line(std::string_view line, KillSwitchHost& host,
                                SimulatedBackend* simulated, Instant now);

}  // namespace lf::gpio
