// The server's connection stream (native/server/connection_stream.hpp) on a
// real loopback TCP connection: what the peer receives and when, and the
// semantics of cpp-httplib's own SocketStream that it keeps (reads past the
// caller's size kept for the next read, no write to a peer that has shut its
// end down, the two ends' addresses).
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "server/connection_stream.hpp"

using lf::server::ConnectionStream;

namespace {

// A connected pair on 127.0.0.1: `client` as a browser would hold it, and
// `server` as accept(2) gives it, with the one-second timeouts cpp-httplib
// would have set on it.
struct LoopbackPair {
  int client = -1;
  int server = -1;
  int server_port = 0;

  LoopbackPair() {
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&address), length) == 0);
    REQUIRE(::listen(listener, 1) == 0);
    REQUIRE(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    server_port = ntohs(address.sin_port);
    client = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(::connect(client, reinterpret_cast<sockaddr*>(&address), length) == 0);
    server = ::accept(listener, nullptr, nullptr);
    REQUIRE(server >= 0);
    ::close(listener);
    const timeval second{1, 0};
    ::setsockopt(server, SOL_SOCKET, SO_RCVTIMEO, &second, sizeof second);
    ::setsockopt(server, SOL_SOCKET, SO_SNDTIMEO, &second, sizeof second);
  }
  ~LoopbackPair() {
    ::close(client);
    ::close(server);
  }

  ConnectionStream stream() const { return ConnectionStream(server, 1, 0, 1, 0); }

  // What has arrived at the client so far, without waiting.
  std::string client_received() const {
    std::string got;
    char buffer[65536];
    for (;;) {
      const ssize_t n = ::recv(client, buffer, sizeof buffer, MSG_DONTWAIT);
      if (n <= 0) return got;
      got.append(buffer, static_cast<std::size_t>(n));
    }
  }

  // Exactly `size` bytes at the client, waiting for them.
  std::string client_receives(std::size_t size) const {
    std::string got(size, '\0');
    std::size_t done = 0;
    while (done < size) {
      const ssize_t n = ::recv(client, got.data() + done, size - done, 0);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    got.resize(done);
    return got;
  }

  void client_sends(const std::string& bytes) const {
    REQUIRE(::send(client, bytes.data(), bytes.size(), 0) == static_cast<ssize_t>(bytes.size()));
  }
};

std::string read_some(ConnectionStream& stream, std::size_t size) {
  std::string out(size, '\0');
  const ssize_t n = stream.read(out.data(), size);
  out.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  return out;
}

}  // namespace

TEST_SUITE("server") {
  TEST_CASE("a response's header block waits for its body, and they leave together") {
    LoopbackPair pair;
    ConnectionStream stream = pair.stream();
    const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n";
    CHECK(stream.write(head.data(), head.size()) == static_cast<ssize_t>(head.size()));
    CHECK(pair.client_received().empty());
    CHECK(stream.write("{}", 2) == 2);
    CHECK(pair.client_receives(head.size() + 2) == head + "{}");
    CHECK(stream.flush());
    CHECK(pair.client_received().empty());
  }

  TEST_CASE("a streamed response's header block and chunks, and a 100 Continue, go at once") {
    LoopbackPair pair;
    ConnectionStream stream = pair.stream();
    // A Server-Sent Events stream: its content provider may wait long for
    // the first event, and the client must have the headers meanwhile.
    const std::string head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
        "Transfer-Encoding: chunked\r\n\r\n";
    stream.write(head.data(), head.size());
    CHECK(pair.client_receives(head.size()) == head);
    const std::string chunk = "9\r\ndata: 1\n\n\r\n";
    stream.write(chunk.data(), chunk.size());
    CHECK(pair.client_receives(chunk.size()) == chunk);
    // The client sends its body only once it has this.
    const std::string go_on = "HTTP/1.1 100 Continue\r\n\r\n";
    stream.write(go_on.data(), go_on.size());
    CHECK(pair.client_receives(go_on.size()) == go_on);
  }

  TEST_CASE("a held header block goes out on flush, on is_writable and before a read") {
    LoopbackPair pair;
    ConnectionStream stream = pair.stream();
    // The answer to a HEAD request: a header block and no body.
    const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n";
    stream.write(head.data(), head.size());
    CHECK(pair.client_received().empty());
    CHECK(stream.flush());
    CHECK(pair.client_receives(head.size()) == head);
    stream.write(head.data(), head.size());
    CHECK(stream.is_writable());
    CHECK(pair.client_receives(head.size()) == head);
    stream.write(head.data(), head.size());
    pair.client_sends("next");
    CHECK(read_some(stream, 16) == "next");
    CHECK(pair.client_receives(head.size()) == head);
  }

  TEST_CASE("a write too large to hold is sent at once, after what was held") {
    LoopbackPair pair;
    ConnectionStream stream = pair.stream();
    const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 10000\r\n\r\n";
    const std::string body(10'000, 'x');
    REQUIRE(body.size() > ConnectionStream::kHoldLimit);
    stream.write(head.data(), head.size());
    CHECK(stream.write(body.data(), body.size()) == static_cast<ssize_t>(body.size()));
    CHECK(pair.client_receives(head.size() + body.size()) == head + body);
  }

  TEST_CASE("no write once the peer has shut its end down") {
    LoopbackPair pair;
    ConnectionStream stream = pair.stream();
    REQUIRE(::shutdown(pair.client, SHUT_WR) == 0);
    REQUIRE(stream.wait_for_request(1));  // the end of stream has arrived
    const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n";
    CHECK(stream.write(head.data(), head.size()) == static_cast<ssize_t>(head.size()));  // held
    CHECK_FALSE(stream.flush());
    CHECK(stream.write("late", 4) == -1);
    CHECK_FALSE(stream.is_writable());
    CHECK(pair.client_received().empty());
  }

  TEST_CASE("reads: what the caller had no room for is kept, until the next request") {
    LoopbackPair pair;
    ConnectionStream stream = pair.stream();
    pair.client_sends("abcdef");
    REQUIRE(stream.wait_for_request(1));
    stream.begin_request();
    CHECK(read_some(stream, 2) == "ab");
    CHECK(stream.is_readable());
    CHECK(read_some(stream, 2) == "cd");
    // As cpp-httplib's SocketStream, which lives for one request: what was
    // read past a request is not the next one's (no pipelining).
    stream.begin_request();
    pair.client_sends("ghi");
    CHECK(read_some(stream, 16) == "ghi");
  }

  TEST_CASE("a read times out as the socket's receive timeout says") {
    LoopbackPair pair;
    const timeval short_wait{0, 50'000};
    ::setsockopt(pair.server, SOL_SOCKET, SO_RCVTIMEO, &short_wait, sizeof short_wait);
    ConnectionStream stream = pair.stream();
    CHECK_FALSE(stream.wait_for_request(0));
    char byte = 0;
    CHECK(stream.read(&byte, 1) == -1);
    CHECK((errno == EAGAIN || errno == EWOULDBLOCK));
  }

  TEST_CASE("the two ends' addresses, numeric, as cpp-httplib gives them") {
    LoopbackPair pair;
    const ConnectionStream stream = pair.stream();
    sockaddr_in client_address{};
    socklen_t length = sizeof client_address;
    REQUIRE(::getsockname(pair.client, reinterpret_cast<sockaddr*>(&client_address), &length) == 0);
    std::string ip;
    int port = 0;
    stream.get_remote_ip_and_port(ip, port);
    CHECK(ip == "127.0.0.1");
    CHECK(port == ntohs(client_address.sin_port));
    stream.get_local_ip_and_port(ip, port);
    CHECK(ip == "127.0.0.1");
    CHECK(port == pair.server_port);
    CHECK(stream.socket() == pair.server);
  }
}
