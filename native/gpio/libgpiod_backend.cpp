#include "gpio/libgpiod_backend.hpp"

#include <gpiod.h>
#include <poll.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace lf::gpio {
namespace {

constexpr const char* kConsumer = "lf-gpio";

int bias_flags(Bias bias) {
  switch (bias) {
    case Bias::as_is: return 0;
    case Bias::disabled: return GPIOD_LINE_REQUEST_FLAG_BIAS_DISABLE;
    case Bias::pull_up: return GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP;
    case Bias::pull_down: return GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_DOWN;
  }
  return 0;
}

int active_low_flag(bool active_low) {
  return active_low ? GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0;
}

}  // namespace

Result<std::unique_ptr<LibgpiodBackend>> LibgpiodBackend::open(const std::string& chip) {
  errno = 0;
  gpiod_chip* handle = gpiod_chip_open_lookup(chip.c_str());
  if (handle == nullptr) {
    // libgpiod leaves errno 0 when no chip matched any of the lookups.
    const int reason = errno != 0 ? errno : ENOENT;
    return make_error(
        ErrorCode::device_error,
        "cannot open GPIO chip '" + chip +
            "' (looked up as a name, /dev path, label and number): " + std::strerror(reason));
  }
  return std::unique_ptr<LibgpiodBackend>(new LibgpiodBackend(chip, handle));
}

LibgpiodBackend::~LibgpiodBackend() {
  // Closing the chip releases every line requested from it.
  gpiod_chip_close(chip_);
}

std::string LibgpiodBackend::describe() const {
  return "libgpiod " + chip_name_;
}

Error LibgpiodBackend::failure(std::string_view what, unsigned offset) const {
  return make_error(ErrorCode::device_error, std::string(what) + " line " + std::to_string(offset) +
                                                 " of GPIO chip '" + chip_name_ +
                                                 "': " + std::strerror(errno));
}

const LibgpiodBackend::Requested* LibgpiodBackend::find(unsigned offset) const {
  for (const auto& requested : requested_) {
    if (requested.offset == offset) return &requested;
  }
  return nullptr;
}

Result<gpiod_line*> LibgpiodBackend::free_line(unsigned offset, std::string_view purpose) {
  if (find(offset) != nullptr) {
    return make_error(ErrorCode::device_error, "line " + std::to_string(offset) +
                                                   " of GPIO chip '" + chip_name_ +
                                                   "' is already requested by this host");
  }
  const unsigned lines = gpiod_chip_num_lines(chip_);
  if (offset >= lines) {
    return make_error(ErrorCode::device_error,
                      "GPIO chip '" + chip_name_ + "' has " + std::to_string(lines) +
                          " lines: there is no line " + std::to_string(offset) + " for the " +
                          std::string(purpose));
  }
  gpiod_line* line = gpiod_chip_get_line(chip_, offset);
  if (line == nullptr) return failure("cannot get", offset);
  return line;
}

Status LibgpiodBackend::request_input(const InputLine& input) {
  auto line = free_line(input.offset, "input");
  if (!line) return std::move(line).error();
  const int flags = bias_flags(input.bias) | active_low_flag(input.active_low);
  if (gpiod_line_request_both_edges_events_flags(*line, kConsumer, flags) != 0) {
    return failure("cannot request (input, both edges)", input.offset);
  }
  requested_.push_back({input.offset, *line, true});
  return {};
}

Status LibgpiodBackend::request_output(const OutputLine& output) {
  auto line = free_line(output.offset, "output");
  if (!line) return std::move(line).error();
  if (gpiod_line_request_output_flags(*line, kConsumer, active_low_flag(output.active_low),
                                      output.initial ? 1 : 0) != 0) {
    return failure("cannot request (output)", output.offset);
  }
  requested_.push_back({output.offset, *line, false});
  return {};
}

Result<bool> LibgpiodBackend::read(unsigned offset) {
  const Requested* requested = find(offset);
  if (requested == nullptr) {
    errno = EINVAL;
    return failure("cannot read unrequested", offset);
  }
  const int value = gpiod_line_get_value(requested->line);
  if (value < 0) return failure("cannot read", offset);
  return value == 1;
}

Status LibgpiodBackend::write(unsigned offset, bool value) {
  const Requested* requested = find(offset);
  if (requested == nullptr || requested->input) {
    errno = EINVAL;
    return failure("cannot write unrequested output", offset);
  }
  if (gpiod_line_set_value(requested->line, value ? 1 : 0) != 0) {
    return failure("cannot write", offset);
  }
  return {};
}

Result<std::vector<EdgeEvent>> LibgpiodBackend::wait_edges(std::chrono::milliseconds timeout) {
  std::vector<pollfd> fds;
  std::vector<const Requested*> inputs;
  for (const auto& requested : requested_) {
    if (!requested.input) continue;
    fds.push_back({gpiod_line_event_get_fd(requested.line), POLLIN, 0});
    inputs.push_back(&requested);
  }
  std::vector<EdgeEvent> edges;
  const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(timeout.count()));
  // A signal ends the wait early; the caller's loop decides what comes next.
  if (ready < 0 && errno == EINTR) return edges;
  if (ready < 0) {
    return make_error(ErrorCode::device_error, "cannot wait for edges on GPIO chip '" + chip_name_ +
                                                   "': " + std::strerror(errno));
  }
  for (std::size_t i = 0; i < fds.size(); ++i) {
    if (fds[i].revents == 0) continue;
    std::array<gpiod_line_event, 16> events{};
    const int count = gpiod_line_event_read_multiple(inputs[i]->line, events.data(), events.size());
    if (count < 0) return failure("cannot read edge events of", inputs[i]->offset);
    for (int e = 0; e < count; ++e) {
      edges.push_back({inputs[i]->offset, events[e].event_type == GPIOD_LINE_EVENT_RISING_EDGE});
    }
  }
  return edges;
}

std::vector<int> LibgpiodBackend::event_fds() const {
  std::vector<int> fds;
  for (const auto& requested : requested_) {
    if (requested.input) fds.push_back(gpiod_line_event_get_fd(requested.line));
  }
  return fds;
}

}  // namespace lf::gpio
