// GpioBackend over simulated lines, for tests and for trying the host on a
// machine without a GPIO chip (`lf gpio run --backend simulated`).
//
// It models the electrical side: something outside may drive an input high
// or low, or drive nothing (a released line: an open switch contact or a cut
// wire), in which case the requested bias decides the level (pull-up: high,
// pull-down: low; without a bias a floating line reads high here, where real
// hardware would read noise). Outputs hold the level the host wrote, which a
// test reads back as the LED a person would see. A fault injected on a line
// makes every operation on it fail with device_error, like a chip that
// vanished or a driver that errs.
//
// Thread-safe: a test or the daemon's control socket drives lines while the
// host waits for edges.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "gpio/gpio_backend.hpp"

namespace lf::gpio {

class SimulatedBackend final : public GpioBackend {
 public:
  // device_error only when the process is out of file descriptors (the
  // edge notification is an eventfd).
  static Result<std::unique_ptr<SimulatedBackend>> create();

  ~SimulatedBackend() override;
  SimulatedBackend(const SimulatedBackend&) = delete;
  SimulatedBackend& operator=(const SimulatedBackend&) = delete;

  std::string describe() const override { return "simulated"; }
  Status request_input(const InputLine& line) override;
  Status request_output(const OutputLine& line) override;
  Result<bool> read(unsigned offset) override;
  Status write(unsigned offset, bool value) override;
  Result<std::vector<EdgeEvent>> wait_edges(std::chrono::milliseconds timeout) override;
  std::vector<int> event_fds() const override { return {event_fd_}; }

  // The outside world. `level` is physical (true: high); nullopt releases
  // the line. Valid before or after the host requests the line; an input
  // whose logical value changes queues an edge.
  void drive(unsigned offset, std::optional<bool> level);
  // The physical level on a line: what an output drives, what an input
  // sees, or what outside drives onto a line not requested (nullopt if
  // nothing does).
  std::optional<bool> physical_level(unsigned offset) const;

  // Every operation on `offset` fails with `message` until cleared.
  void inject_fault(unsigned offset, std::string message);
  void clear_fault(unsigned offset);

 private:
  struct Line {
    enum class Use { none, input, output } use = Use::none;
    Bias bias = Bias::as_is;
    bool active_low = false;
    std::optional<bool> driven;  // from outside (inputs)
    bool output_level = false;   // physical, from the host (outputs)
    std::optional<std::string> fault;
  };

  explicit SimulatedBackend(int event_fd) : event_fd_(event_fd) {}

  static bool input_level(const Line& line);
  Status check(unsigned offset, const Line& line, std::string_view operation) const;
  void queue_edge(unsigned offset, bool rising);

  mutable std::mutex mutex_;
  std::map<unsigned, Line> lines_;
  std::vector<EdgeEvent> pending_;
  int event_fd_ = -1;
};

}  // namespace lf::gpio
