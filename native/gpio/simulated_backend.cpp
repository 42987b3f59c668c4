#include "gpio/simulated_backend.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace lf::gpio {

Result<std::unique_ptr<SimulatedBackend>> SimulatedBackend::create() {
  const int fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (fd < 0) {
    return make_error(
        ErrorCode::device_error,
        std::string("cannot create the simulated backend's eventfd: ") + std::strerror(errno));
  }
  return std::unique_ptr<SimulatedBackend>(new SimulatedBackend(fd));
}

SimulatedBackend::~SimulatedBackend() {
  ::close(event_fd_);
}

bool SimulatedBackend::input_level(const Line& line) {
  if (line.driven) return *line.driven;
  return line.bias != Bias::pull_down;
}

Status SimulatedBackend::check(unsigned offset, const Line& line,
                               std::string_view operation) const {
  if (line.fault) {
    return make_error(ErrorCode::device_error, "cannot " + std::string(operation) +
                                                   " simulated line " + std::to_string(offset) +
                                                   ": " + *line.fault);
  }
  return {};
}

void SimulatedBackend::queue_edge(unsigned offset, bool rising) {
  pending_.push_back({offset, rising});
  const std::uint64_t one = 1;
  // The counter only saturates after 2^64 - 2 edges nobody read.
  [[maybe_unused]] const ssize_t written = ::write(event_fd_, &one, sizeof one);
}

Status SimulatedBackend::request_input(const InputLine& input) {
  std::lock_guard lock(mutex_);
  Line& line = lines_[input.offset];
  if (auto s = check(input.offset, line, "request"); !s) return s;
  if (line.use != Line::Use::none) {
    return make_error(ErrorCode::device_error,
                      "simulated line " + std::to_string(input.offset) + " is already requested");
  }
  line.use = Line::Use::input;
  line.bias = input.bias;
  line.active_low = input.active_low;
  return {};
}

Status SimulatedBackend::request_output(const OutputLine& output) {
  std::lock_guard lock(mutex_);
  Line& line = lines_[output.offset];
  if (auto s = check(output.offset, line, "request"); !s) return s;
  if (line.use != Line::Use::none) {
    return make_error(ErrorCode::device_error,
                      "simulated line " + std::to_string(output.offset) + " is already requested");
  }
  line.use = Line::Use::output;
  line.active_low = output.active_low;
  line.output_level = output.initial != output.active_low;
  return {};
}

Result<bool> SimulatedBackend::read(unsigned offset) {
  std::lock_guard lock(mutex_);
  const auto it = lines_.find(offset);
  if (it == lines_.end() || it->second.use == Line::Use::none) {
    return make_error(ErrorCode::device_error,
                      "cannot read unrequested simulated line " + std::to_string(offset));
  }
  const Line& line = it->second;
  if (auto s = check(offset, line, "read"); !s) return std::move(s).error();
  const bool physical = line.use == Line::Use::input ? input_level(line) : line.output_level;
  return physical != line.active_low;
}

Status SimulatedBackend::write(unsigned offset, bool value) {
  std::lock_guard lock(mutex_);
  const auto it = lines_.find(offset);
  if (it == lines_.end() || it->second.use != Line::Use::output) {
    return make_error(ErrorCode::device_error,
                      "cannot write unrequested simulated output " + std::to_string(offset));
  }
  Line& line = it->second;
  if (auto s = check(offset, line, "write"); !s) return s;
  line.output_level = value != line.active_low;
  return {};
}

Result<std::vector<EdgeEvent>> SimulatedBackend::wait_edges(std::chrono::milliseconds timeout) {
  pollfd fd{event_fd_, POLLIN, 0};
  ::poll(&fd, 1, static_cast<int>(timeout.count()));
  std::lock_guard lock(mutex_);
  for (const auto& [offset, line] : lines_) {
    if (line.use != Line::Use::input) continue;
    if (auto s = check(offset, line, "wait for edges on"); !s) return std::move(s).error();
  }
  std::uint64_t count = 0;
  [[maybe_unused]] const ssize_t drained = ::read(event_fd_, &count, sizeof count);
  std::vector<EdgeEvent> edges;
  edges.swap(pending_);
  return edges;
}

void SimulatedBackend::drive(unsigned offset, std::optional<bool> level) {
  std::lock_guard lock(mutex_);
  Line& line = lines_[offset];
  const bool before = input_level(line) != line.active_low;
  line.driven = level;
  const bool after = input_level(line) != line.active_low;
  if (line.use == Line::Use::input && before != after) queue_edge(offset, after);
}

std::optional<bool> SimulatedBackend::physical_level(unsigned offset) const {
  std::lock_guard lock(mutex_);
  const auto it = lines_.find(offset);
  if (it == lines_.end()) return std::nullopt;
  const Line& line = it->second;
  switch (line.use) {
    case Line::Use::output: return line.output_level;
    case Line::Use::input: return input_level(line);
    case Line::Use::none: return line.driven;
  }
  return std::nullopt;
}

void SimulatedBackend::inject_fault(unsigned offset, std::string message) {
  std::lock_guard lock(mutex_);
  lines_[offset].fault = std::move(message);
}

void SimulatedBackend::clear_fault(unsigned offset) {
  std::lock_guard lock(mutex_);
  lines_[offset].fault.reset();
}

}  // namespace lf::gpio
