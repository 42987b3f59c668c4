// How the server's connections end (native/server/connection_server.hpp): an
// answer the server sends and then closes on reaches a client that was
// still sending, instead of being lost to a connection reset (RFC 9112
// §9.6). A real ConnectionServer on loopback, a raw client socket.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>

#include "server/connection_server.hpp"

namespace {

int connect_to(int port) {
  const int client = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  const timeval limit{5, 0};
  ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  ::setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
  return client;
}

}  // namespace

TEST_SUITE("server") {
  TEST_CASE("an answer sent before a close reaches a client that was still sending") {
    lf::server::ConnectionServer server;
    const int port = server.bind("127.0.0.1", 0);
    REQUIRE(port > 0);
    std::thread serving([&server] { server.listen_after_bind(); });

    // A request that asks for the connection to close, followed by more
    // than the two ends' socket buffers hold: the server answers and closes
    // with most of it unread, while the client is still sending. An
    // immediate close resets the connection under the client's writes (an
    // HTTP client then drops the answer it was sent).
    const int client = connect_to(port);
    const std::string sent = "GET /nothing HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n" +
                             std::string(16 * 1024 * 1024, 'x');
    std::size_t done = 0;
    while (done < sent.size()) {
      const ssize_t n = ::send(client, sent.data() + done, sent.size() - done, MSG_NOSIGNAL);
      if (n <= 0) break;  // a reset: the checks below say so
      done += static_cast<std::size_t>(n);
    }
    ::shutdown(client, SHUT_WR);
    std::string received;
    char buffer[4096];
    for (ssize_t n; (n = ::recv(client, buffer, sizeof buffer, 0)) > 0;) {
      received.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(client);
    server.stop();
    serving.join();

    CHECK(done == sent.size());
    CHECK(received.starts_with("HTTP/1.1 404 Not Found\r\n"));
  }
}
