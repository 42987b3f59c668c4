// `lf serve`: the native HTTP shell (docs/HTTP.md) on cpp-httplib. It runs
// until SIGTERM or SIGINT, then drains: the live streams end, the listening
// socket closes, every request in flight is answered, the stores are closed
// (each stored record was already fsync'd), and it exits 0.
#pragma once

#include <iosfwd>

#include "server/server_config.hpp"

namespace lf::server {

// The first line on `out` is "listening on http://HOST:PORT" once the port
// is bound (with --port 0, the port the system picked). Returns the exit
// status: 0 after a graceful shutdown, 1 when the server could not start or
// serve (the port, the data directory), 2 for a configuration it refuses.
int run_server(const ServerConfig& config, std::ostream& out, std::ostream& err);

}  // namespace lf::server
