#include "server/connection_stream.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <string_view>

namespace lf::server {
namespace {

// cpp-httplib's own read buffer size (CPPHTTPLIB_RECV_BUFSIZ).
constexpr std::size_t kReadBufferSize = 4096;

int milliseconds(time_t seconds, time_t microseconds) {
  return static_cast<int>(seconds * 1000 + microseconds / 1000);
}

// poll(2) on the one socket: > 0 ready (or closed, or failed), 0 timed out.
int wait_for(socket_t socket, short events, int timeout_ms) {
  pollfd watched{socket, events, 0};
  int ready = 0;
  do {
    ready = ::poll(&watched, 1, timeout_ms);
  } while (ready < 0 && errno == EINTR);
  return ready;
}

// cpp-httplib's is_socket_alive: nothing to read, or something other than
// the peer's end of stream.
bool peer_still_there(socket_t socket) {
  const int ready = wait_for(socket, POLLIN, 0);
  if (ready == 0) return true;
  if (ready < 0 && errno == EBADF) return false;
  char next = 0;
  ssize_t peeked = 0;
  do {
    peeked = ::recv(socket, &next, 1, MSG_PEEK);
  } while (peeked < 0 && errno == EINTR);
  return peeked > 0;
}

// The header block of a response with a body of known length, as
// cpp-httplib writes it in one piece: status line, headers, blank line.
bool sized_response_head(std::string_view bytes) {
  return bytes.size() <= ConnectionStream::kHoldLimit && bytes.starts_with("HTTP/1.1 ") &&
         bytes.ends_with("\r\n\r\n") &&
         bytes.find("\r\nContent-Length: ") != std::string_view::npos;
}

// The address of one end as cpp-httplib spells it: numeric host, port.
template <class GetName>
bool endpoint_of(socket_t socket, GetName get_name, std::string& ip, int& port) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  auto* generic = reinterpret_cast<sockaddr*>(&address);
  if (get_name(socket, generic, &length) != 0) return false;
  if (address.ss_family == AF_INET) {
    port = ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
  } else if (address.ss_family == AF_INET6) {
    port = ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
  } else {
    return false;
  }
  std::array<char, NI_MAXHOST> host{};
  if (::getnameinfo(generic, length, host.data(), host.size(), nullptr, 0, NI_NUMERICHOST) != 0) {
    return false;
  }
  ip = host.data();
  return true;
}

}  // namespace

ConnectionStream::ConnectionStream(socket_t socket, time_t read_timeout_sec,
                                   time_t read_timeout_usec, time_t write_timeout_sec,
                                   time_t write_timeout_usec)
    : socket_(socket),
      read_timeout_ms_(milliseconds(read_timeout_sec, read_timeout_usec)),
      write_timeout_ms_(milliseconds(write_timeout_sec, write_timeout_usec)),
      read_buffer_(kReadBufferSize) {}

bool ConnectionStream::wait_for_request(time_t seconds) const {
  return wait_for(socket_, POLLIN, milliseconds(seconds, 0)) > 0;
}

void ConnectionStream::begin_request() {
  read_begin_ = read_end_ = 0;
}

bool ConnectionStream::flush() {
  return send_held_and(nullptr, 0);
}

void ConnectionStream::drain_after_last_answer(std::chrono::milliseconds limit) {
  ::shutdown(socket_, SHUT_WR);
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || wait_for(socket_, POLLIN, static_cast<int>(left.count())) <= 0) {
      return;
    }
    ssize_t received = 0;
    do {
      received = ::recv(socket_, read_buffer_.data(), read_buffer_.size(), 0);
    } while (received < 0 && errno == EINTR);
    if (received <= 0) return;
  }
}

bool ConnectionStream::is_readable() const {
  return read_begin_ < read_end_ || wait_for(socket_, POLLIN, read_timeout_ms_) > 0;
}

bool ConnectionStream::is_writable() const {
  return send_held_and(nullptr, 0) && wait_for(socket_, POLLOUT, write_timeout_ms_) > 0 &&
         peer_still_there(socket_);
}

ssize_t ConnectionStream::read(char* ptr, std::size_t size) {
  if (read_begin_ < read_end_) {
    const std::size_t given = std::min(size, read_end_ - read_begin_);
    std::memcpy(ptr, read_buffer_.data() + read_begin_, given);
    read_begin_ += given;
    return static_cast<ssize_t>(given);
  }
  // The peer may be waiting for what is held (a 100 Continue) before it sends.
  if (!flush()) return -1;
  read_begin_ = read_end_ = 0;
  // As SocketStream: a large read goes straight to the caller's buffer, a
  // small one through ours, which keeps what the caller had no room for.
  const bool direct = size >= read_buffer_.size();
  ssize_t received = 0;
  do {
    received = direct ? ::recv(socket_, ptr, size, 0)
                      : ::recv(socket_, read_buffer_.data(), read_buffer_.size(), 0);
  } while (received < 0 && errno == EINTR);
  if (received <= 0 || direct) return received;
  const std::size_t given = std::min(size, static_cast<std::size_t>(received));
  std::memcpy(ptr, read_buffer_.data(), given);
  read_begin_ = given;
  read_end_ = static_cast<std::size_t>(received);
  return static_cast<ssize_t>(given);
}

ssize_t ConnectionStream::write(const char* ptr, std::size_t size) {
  if (write_failed_) return -1;
  if (held_.empty() && sized_response_head(std::string_view(ptr, size))) {
    held_.assign(ptr, size);
    return static_cast<ssize_t>(size);
  }
  return send_held_and(ptr, size) ? static_cast<ssize_t>(size) : -1;
}

bool ConnectionStream::send_held_and(const char* data, std::size_t size) const {
  if (write_failed_) return false;
  if (held_.empty() && size == 0) return true;
  if (!peer_still_there(socket_)) {
    write_failed_ = true;
    return false;
  }
  std::array<iovec, 2> parts{iovec{held_.data(), held_.size()},
                             iovec{const_cast<char*>(data), size}};
  std::size_t next = held_.empty() ? 1 : 0;
  const std::size_t end = size == 0 ? 1 : 2;
  while (next < end) {
    msghdr message{};
    message.msg_iov = parts.data() + next;
    message.msg_iovlen = end - next;
    // A blocking send: SO_SNDTIMEO (the write timeout, set on accept)
    // bounds it. No SIGPIPE on a closed connection: the error is returned.
    const ssize_t sent = ::sendmsg(socket_, &message, MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) {
      write_failed_ = true;
      held_.clear();
      return false;
    }
    auto left = static_cast<std::size_t>(sent);
    while (next < end && left >= parts[next].iov_len) left -= parts[next++].iov_len;
    if (next < end) {
      parts[next].iov_base = static_cast<char*>(parts[next].iov_base) + left;
      parts[next].iov_len -= left;
    }
  }
  held_.clear();
  return true;
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  endpoint_once(remote_, ::getpeername, ip, port);
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
  endpoint_once(local_, ::getsockname, ip, port);
}

template <class GetName>
void ConnectionStream::endpoint_once(std::optional<Endpoint>& known, GetName get_name,
                                     std::string& ip, int& port) const {
  if (!known) {
    Endpoint end;
    if (!endpoint_of(socket_, get_name, end.ip, end.port)) return;
    known = std::move(end);
  }
  ip = known->ip;
  port = known->port;
}

}  // namespace lf::server
