#include "gpio/control_socket.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace lf::gpio {
namespace {

Error socket_failure(std::string_view what, const std::string& path) {
  return make_error(ErrorCode::device_error, std::string(what) + " the control socket '" + path +
                                                 "': " + std::strerror(errno));
}

sockaddr_un address_of(const std::string& path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  // validate() keeps configured paths shorter than sun_path.
  std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
  return address;
}

// A connected stream socket to `path`, or -1 with errno set.
int connect_to(const std::string& path) {
  if (path.size() >= sizeof(sockaddr_un{}.sun_path)) {
    errno = ENAMETOOLONG;
    return -1;
  }
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  const sockaddr_un address = address_of(path);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    const int reason = errno;
    ::close(fd);
    errno = reason;
    return -1;
  }
  return fd;
}

}  // namespace

Result<ControlListener> ControlListener::listen(const std::string& path) {
  const int live = connect_to(path);
  if (live >= 0) {
    ::close(live);
    return make_error(ErrorCode::device_error,
                      "another lf gpio daemon is already listening on '" + path + "'");
  }
  // A socket file nobody listens on is what a killed daemon leaves behind.
  struct stat info {};
  if (::lstat(path.c_str(), &info) == 0 && S_ISSOCK(info.st_mode)) ::unlink(path.c_str());

  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return socket_failure("cannot create", path);
  ControlListener listener(path, fd);
  const sockaddr_un address = address_of(path);
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    listener.path_.clear();  // not ours to remove
    return socket_failure("cannot bind", path);
  }
  if (::chmod(path.c_str(), 0660) != 0) return socket_failure("cannot set the mode of", path);
  if (::listen(fd, 8) != 0) return socket_failure("cannot listen on", path);
  return listener;
}

ControlListener::ControlListener(ControlListener&& other) noexcept
    : path_(std::move(other.path_)), fd_(other.fd_) {
  other.fd_ = -1;
  other.path_.clear();
}

ControlListener::~ControlListener() {
  if (fd_ >= 0) ::close(fd_);
  if (!path_.empty()) ::unlink(path_.c_str());
}

int ControlListener::accept() const {
  return ::accept4(fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

Result<std::string> control_request(const std::string& path, std::string_view request_line,
                                    std::chrono::milliseconds timeout) {
  const int fd = connect_to(path);
  if (fd < 0) {
    return make_error(ErrorCode::device_error,
                      "no lf gpio daemon is listening on '" + path + "' (" + std::strerror(errno) +
                          "): start one with 'lf gpio run', or pass its --socket");
  }
  std::string request(request_line);
  request += '\n';
  std::size_t sent = 0;
  while (sent < request.size()) {
    const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      Error failure = socket_failure("cannot send to", path);
      ::close(fd);
      return failure;
    }
    sent += static_cast<std::size_t>(n);
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string reply;
  while (reply.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd wait{fd, POLLIN, 0};
    const int ready = left.count() > 0 ? ::poll(&wait, 1, static_cast<int>(left.count())) : 0;
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) {
      ::close(fd);
      return make_error(ErrorCode::device_error, "the lf gpio daemon on '" + path +
                                                     "' did not answer within " +
                                                     std::to_string(timeout.count()) + " ms");
    }
    char buffer[4096];
    const ssize_t n = ready < 0 ? -1 : ::recv(fd, buffer, sizeof buffer, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = ECONNRESET;
      Error failure = socket_failure("no reply on", path);
      ::close(fd);
      return failure;
    }
    reply.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  reply.resize(reply.find('\n'));
  return reply;
}

}  // namespace lf::gpio
