// cpp-httplib's Server with a few things about connections done differently,
// for many keep-alive clients on few cores (issue 9's load: 32 connections,
// 2 cores, every connection busy):
//
// - The listening backlog. The library listens with a backlog of 5
//   (CPPHTTPLIB_LISTEN_BACKLOG, fixed when Debian built the shared library).
//   When more clients connect at once than the accept loop takes in (a load
//   generator opening its connections, browsers reconnecting after a
//   restart), the kernel drops their handshakes and each client retries
//   only after its SYN or SYN-ACK timeout, 1 s and more, which is then part
//   of its first request's latency. bind() listens again with SOMAXCONN
//   (Linux lets listen(2) resize a listening socket's backlog).
// - Each connection's requests are served through a ConnectionStream
//   (connection_stream.hpp): per request, 4 system calls on the socket and
//   one segment out instead of 11 and two. On the 2-core guest of the load
//   test that is a fifth less server CPU per risk/check (one connection:
//   ~63 -> ~50 us), a third less client CPU, and one context switch per
//   request instead of two (bench/RESULTS.md, "Native server"). The loop
//   around it is the library's own (Server::process_and_close_socket in
//   0.11.4): the keep-alive wait (poll(2) until the keep-alive timeout,
//   where the library polls 10 ms at a time with 1 ms sleeps in between),
//   at most keep_alive_max_count requests, none once the server is
//   stopping. The close is staged (ConnectionStream::
//   drain_after_last_answer): the library's immediate close could reset a
//   connection whose client was still sending, and lose the answer.
//
// Everything else, parsing, routing, error answers and writing responses,
// is the library's Server::process_request.
#pragma once

#include <httplib.h>

#include <string>

namespace lf::server {

class ConnectionServer final : public httplib::Server {
 public:
  // Binds host:port (port 0: a free one) and listens with a backlog of
  // SOMAXCONN. The port, or -1 when it cannot listen there.
  int bind(const std::string& host, int port);

 private:
  bool process_and_close_socket(socket_t socket) override;
};

}  // namespace lf::server
