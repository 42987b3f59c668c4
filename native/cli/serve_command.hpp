// `lf serve`: the HTTP API (docs/HTTP.md) on this machine.
//
//   lf serve [--host H] [--port N] [--tenants FILE | --no-auth] [--data-dir DIR]
//            [--static DIR] [--replay FILE [--speed N] | --tail FILE] [--column C]
//            [--detector NAME[:k=v,...]]... [--threads N] [--request-timeout-ms N]
//
// Flags win over the environment (LF_HOST, LF_PORT, LF_TENANTS holding the
// tenants' JSON text, LF_DATA_DIR, LF_STATIC). Prints "listening on URL"
// first; runs until SIGTERM or SIGINT.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "server/server_config.hpp"

namespace CLI {
class App;
}

namespace lf::cli {

struct ServeOptions {
  server::ServerConfig config;
  std::vector<std::string> detectors;  // NAME[:key=value,...]
  long long request_timeout_ms = 30'000;
};

CLI::App* add_serve_command(CLI::App& app, ServeOptions& options);

// Exit status: 0 after a graceful shutdown, 1 when the server cannot start or
// serve, 2 for a configuration it refuses (no tenants without --no-auth...).
int run_serve(ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace lf::cli
