#include "server/connection_server.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "server/connection_stream.hpp"

namespace lf::server {
namespace {

// How long a closing connection keeps reading what its client still sends
// (ConnectionStream::drain_after_last_answer).
constexpr std::chrono::milliseconds kLingerLimit{1000};

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
  stream.drain_after_last_answer(kLingerLimit);
  ::close(socket);
  return served;
}

}  // namespace lf::server
