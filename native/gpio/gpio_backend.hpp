// The GPIO lines the kill-switch host uses, behind one interface with two
// implementations: LibgpiodBackend (a real chip through libgpiod 1.6) and
// SimulatedBackend (in-memory lines a test or an operator drives).
//
// Values are logical: with `active_low` the backend inverts between the
// logical value the host reads or writes and the physical level on the pin.
// Every failure is a device_error whose message names the chip, the line and
// the operation.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::gpio {

// The input's internal bias resistor. `as_is` leaves whatever the chip or
// the device tree configured; `disabled` relies on an external resistor.
enum class Bias : std::uint8_t { as_is, disabled, pull_up, pull_down };

// "as_is", "disabled", "pull_up", "pull_down".
std::string to_string(Bias bias);
// The inverse of to_string; invalid_argument naming `text` otherwise.
Result<Bias> parse_bias(std::string_view text);

// An input line, watched for edges in both directions.
struct InputLine {
  unsigned offset = 0;
  Bias bias = Bias::as_is;
  bool active_low = false;
};

struct OutputLine {
  unsigned offset = 0;
  bool active_low = false;
  bool initial = false;  // logical value driven from the moment of the request
};

struct EdgeEvent {
  unsigned offset = 0;
  bool rising = false;  // of the logical value
};

class GpioBackend {
 public:
  virtual ~GpioBackend() = default;

  // What the backend drives, for status and log lines ("libgpiod gpiochip0").
  virtual std::string describe() const = 0;

  virtual Status request_input(const InputLine& line) = 0;
  virtual Status request_output(const OutputLine& line) = 0;

  // The logical value of a requested input or output line.
  virtual Result<bool> read(unsigned offset) = 0;
  virtual Status write(unsigned offset, bool value) = 0;

  // Edges seen on the requested inputs, oldest first, waiting up to
  // `timeout` for the first one (zero: only those already pending). An empty
  // vector means the timeout passed.
  virtual Result<std::vector<EdgeEvent>> wait_edges(std::chrono::milliseconds timeout) = 0;

  // Descriptors that poll(2) reports readable while edges are pending, so a
  // host can wait for edges and for other input (signals, sockets) at once.
  virtual std::vector<int> event_fds() const = 0;
};

}  // namespace lf::gpio
