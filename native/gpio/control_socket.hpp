// The Unix domain stream socket that carries the control protocol
// (control_protocol.hpp): the daemon's listening end and a client's
// one-request call.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "lf/common/result.hpp"

namespace lf::gpio {

class ControlListener {
 public:
  // Listens on `path` (mode 0660: the owner and group may command the
  // host). A socket file left by a daemon that is gone is replaced; a live
  // daemon on the path is device_error ("already running"), as is any
  // failure to create, bind or listen (naming the path).
  static Result<ControlListener> listen(const std::string& path);

  ControlListener(ControlListener&& other) noexcept;
  ControlListener& operator=(ControlListener&&) = delete;
  ControlListener(const ControlListener&) = delete;
  // Closes the socket and removes its file.
  ~ControlListener();

  int fd() const noexcept { return fd_; }
  // A pending connection, non-blocking; -1 when none is pending.
  int accept() const;

 private:
  ControlListener(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}

  std::string path_;
  int fd_ = -1;
};

// Connects to the daemon on `path`, sends `request_line` (one JSON object,
// no newline) and returns the reply line. device_error saying that no
// daemon is listening (naming the path) when the connection is refused or
// the socket is missing, or that the daemon did not answer within `timeout`.
Result<std::string> control_request(const std::string& path, std::string_view request_line,
                                    std::chrono::milliseconds timeout);

}  // namespace lf::gpio
