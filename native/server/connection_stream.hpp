// One keep-alive connection as cpp-httplib's request parser and response
// writer see it (httplib::Stream), built to cost fewer system calls per
// request than the library's own SocketStream, with the same semantics:
//
// - Reads: recv(2) straight away. SocketStream polls before every recv; the
//   accepted socket already has SO_RCVTIMEO at the read timeout (cpp-httplib
//   sets it on accept), so a blocking recv has the same time limit.
// - Writes: the header block of a response whose body is in memory leaves
//   with that body in one sendmsg(2), so in one TCP segment when they fit.
//   SocketStream sends them in two send(2) calls, each after two poll(2)
//   calls; the client then gets two segments, and on few cores each wakes
//   it (and preempts the server thread) on its own. Such a header block is
//   recognised as cpp-httplib 0.11 writes it: one write, "HTTP/1.1 ..." to
//   the blank line, announcing a Content-Length; the library writes the
//   body right after it. It is held back until the next write, read,
//   readiness check (is_writable) or flush, whichever comes first. Every
//   other write goes out at once: a streamed response's header block (no
//   Content-Length: its content provider, a Server-Sent Events stream, may
//   wait a long time before its first chunk) and each of its chunks, a
//   "100 Continue". (A content provider of known length, which this server
//   does not use, would have its header block held until its first write.)
// - Before sending, the peer must still be there (its end not shut down), as
//   SocketStream checks before each write.
// - The addresses of the two ends are read once per connection, not once
//   per request (getpeername and getsockname cannot change on a connection).
//
// Like SocketStream, which lives for one request, begin_request() forgets any
// bytes read past the previous request: HTTP pipelining is not supported.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace lf::server {

class ConnectionStream final : public httplib::Stream {
 public:
  // The largest header block held back to be sent with its body (one is a
  // few hundred bytes).
  static constexpr std::size_t kHoldLimit = 4096;

  ConnectionStream(socket_t socket, time_t read_timeout_sec, time_t read_timeout_usec,
                   time_t write_timeout_sec, time_t write_timeout_usec);

  // Waits up to `seconds` for the next request's first bytes (or the peer's
  // close); false when none came.
  bool wait_for_request(time_t seconds) const;
  void begin_request();
  // Sends what is held back; false once any write on the connection failed.
  bool flush();
  // The first half of a staged close (RFC 9112 §9.6), before the socket is
  // closed: closing a socket whose receive buffer still holds data makes the
  // kernel send a reset, and a reset can make the client drop the last
  // answer before reading it (a 413 sent while the client is still sending
  // the body it refused, for one). So the write side is shut first, and what
  // the client still sends is read and dropped until it closes its end too,
  // or for at most `limit`.
  void drain_after_last_answer(std::chrono::milliseconds limit);

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, std::size_t size) override;
  ssize_t write(const char* ptr, std::size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return socket_; }

 private:
  struct Endpoint {
    std::string ip;
    int port = 0;
  };

  bool send_held_and(const char* data, std::size_t size) const;
  // One end's address, asked of the socket the first time only.
  template <class GetName>
  void endpoint_once(std::optional<Endpoint>& known, GetName get_name, std::string& ip,
                     int& port) const;

  socket_t socket_;
  int read_timeout_ms_;
  int write_timeout_ms_;
  std::vector<char> read_buffer_;
  std::size_t read_begin_ = 0;
  std::size_t read_end_ = 0;
  // Mutable: httplib::Stream declares is_writable() const, and it must send
  // what is held.
  mutable std::string held_;
  mutable bool write_failed_ = false;
  mutable std::optional<Endpoint> remote_;
  mutable std::optional<Endpoint> local_;
};

}  // namespace lf::server
