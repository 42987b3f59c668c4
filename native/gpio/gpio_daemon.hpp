// `lf gpio run`: the kill-switch host as a long-running process.
//
// Start-up, in order (a failure after step 2 is recorded as a trip, so the
// audit log says why nothing was supervised):
//   1. validate the config;
//   2. open the audit log file (exclusively locked: one daemon per log) and
//      resume the trading state from it -- an Emergency latched before a
//      restart is still latched;
//   3. listen on the control socket (control_protocol.hpp);
//   4. open the backend: libgpiod on the configured chip, or the simulated
//      lines (with the configured simulated drives);
//   5. start the host (kill_switch_host.hpp): lines requested, LEDs in the
//      safe pattern until the switch has been read.
// Then one thread waits, with poll(2), for a signal, a switch edge, a control
// client or the host's next deadline, and re-reads the switch at least every
// 100 ms even without an edge (a missed interrupt cannot hide an open switch
// for longer). Commands are answered in the same thread, so nothing is
// shared and nothing needs a lock.
//
// Stopping: SIGTERM, SIGINT or SIGHUP trips `shutdown`, shows the safe
// pattern, records the trip and returns success. A backend or storage failure trips
// `backend_error` the same way and returns the error. Either way the next
// start finds Emergency latched.
#pragma once

#include <iosfwd>

#include "gpio/gpio_backend.hpp"
#include "gpio/gpio_config.hpp"
#include "lf/common/result.hpp"

namespace lf::gpio {

// Runs until SIGTERM/SIGINT/SIGHUP (ok) or a failure (the error). The three
// are blocked in the calling thread while it runs and read from a signalfd;
// a program with other threads must block them there as well, so that they
// reach this one. `log` gets the daemon's log lines.
Status run_gpio_daemon(const GpioConfig& config, std::ostream& log);

// The same on a backend the caller opened (config.backend and
// config.simulated_drives are then not used); a SimulatedBackend also
// serves the "simulate" command. Tests drive and read its lines directly.
Status run_gpio_daemon(const GpioConfig& config, GpioBackend& backend, std::ostream& log);

}  // namespace lf::gpio
