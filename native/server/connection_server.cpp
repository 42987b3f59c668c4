#include "server/connection_server.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>

#include "server/connection_stream.hpp"

namespace lf::server {
namespace {

// How long a closing connection keeps reading what its client still sends.
constexpr std::chrono::milliseconds kLingerLimit{1000};

// A staged close (RFC 9112 §9.6). Closing a socket whose receive buffer
// still holds data makes the kernel send a reset, and a reset can make the
// client drop the last answer before reading it: a 413 sent while the client
// is still sending the body it refused, for one. So the write side is shut
// first (the client reads the answer, then end of stream), and what the
// client still sends is read and dropped until it closes too, or for at
// most kLingerLimit.
void close_gracefully(socket_t socket) {
  ::shutdown(socket, SHUT_WR);
  const auto deadline = std::chrono::steady_clock::now() + kLingerLimit;
  std::array<char, 16384> sink;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd watched{socket, POLLIN, 0};
    const int ready = ::poll(&watched, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) break;
    const ssize_t received = ::recv(socket, sink.data(), sink.size(), 0);
    if (received < 0 && errno == EINTR) continue;
    if (received <= 0) break;
  }
  ::close(socket);
}

}  // namespace

int ConnectionServer::bind(const std::string& host, int port) {
  const int bound = port == 0 ? bind_to_any_port(host) : (bind_to_port(host, port) ? port : -1);
  if (bound <= 0) return -1;
  return ::listen(svr_sock_, SOMAXCONN) == 0 ? bound : -1;
}

bool ConnectionServer::process_and_close_socket(socket_t socket) {
  ConnectionStream stream(socket, read_timeout_sec_, read_timeout_usec_, write_timeout_sec_,
                          write_timeout_usec_);
  bool served = false;
  for (std::size_t left = keep_alive_max_count_;
       svr_sock_ != INVALID_SOCKET && left > 0 && stream.wait_for_request(keep_alive_timeout_sec_);
       --left) {
    stream.begin_request();
    bool connection_closed = false;
    served = process_request(stream, /*close_connection=*/left == 1, connection_closed, nullptr);
    // What the response left held back goes out before the next wait.
    served = stream.flush() && served;
    if (!served || connection_closed) break;
  }
  close_gracefully(socket);
  return served;
}

}  // namespace lf::server
