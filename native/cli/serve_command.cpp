#include "cli/serve_command.hpp"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <ostream>

#include "cli/detector_spec.hpp"
#include "server/http_server.hpp"

namespace lf::cli {

CLI::App* add_serve_command(CLI::App& app, ServeOptions& options) {
  auto& config = options.config;
  auto* serve = app.add_subcommand(
      "serve", "Serve the HTTP API, the live stream and the dashboard (docs/HTTP.md)");
  serve->add_option("--host", config.host, "address to bind (default 127.0.0.1)")
      ->envname("LF_HOST");
  serve->add_option("--port", config.port, "port (default 8080; 0 picks a free one)")
      ->envname("LF_PORT");
  serve
      ->add_option("--tenants", config.tenants_file,
                   "tenants JSON file (else the JSON text of LF_TENANTS)")
      ->check(CLI::ExistingFile);
  serve->add_flag("--no-auth", config.no_auth,
                  "serve without authentication: every request is tenant 'public' (loopback "
                  "demos only)");
  serve
      ->add_option("--data-dir", config.data_dir,
                   "directory of the durable PCS intake (write-ahead log, dedup store); "
                   "default: dedup in memory")
      ->envname("LF_DATA_DIR");
  serve
      ->add_option("--static", config.static_dir,
                   "dashboard files to serve, e.g. build/wasm/dashboard (default: none)")
      ->envname("LF_STATIC");
  serve
      ->add_option("--replay", config.replay_file,
                   "CSV or TCPD file replayed into /v1/stream, looping")
      ->check(CLI::ExistingFile);
  serve->add_option("--speed", config.speed, "replay speed, samples per second (default 10)");
  serve->add_option("--tail", config.tail_file, "CSV file followed into /v1/stream as it grows");
  serve->add_option("--column", config.column,
                    "replayed or tailed column, by name or 0-based index (default: the first)");
  serve->add_option("--detector", options.detectors,
                    "NAME[:key=value,...]; repeatable: the stream's detectors (default bocpd, "
                    "cusum, page_hinkley)");
  serve->add_option("--threads", config.threads,
                    "connection threads: one per open connection (default 64)");
  serve->add_option("--request-timeout-ms", options.request_timeout_ms,
                    "longest a core call may run before 503 request_timeout (default 30000)");
  return serve;
}

int run_serve(ServeOptions& options, std::ostream& out, std::ostream& err) {
  auto& config = options.config;
  if (config.tenants_file.empty() && !config.no_auth) {
    if (const char* tenants = std::getenv("LF_TENANTS")) config.tenants_json = tenants;
  }
  if (options.request_timeout_ms < 1 || options.request_timeout_ms > 3'600'000) {
    err << "lf serve: --request-timeout-ms must be in [1, 3600000]\n";
    return 2;
  }
  config.request_timeout = std::chrono::milliseconds(options.request_timeout_ms);
  for (const auto& spec : options.detectors) {
    auto detector = parse_detector_spec(spec);
    if (!detector) {
      err << "lf serve: --detector: " << detector.error().message << "\n";
      return 2;
    }
    config.detectors.push_back(std::move(*detector));
  }
  return server::run_server(config, out, err);
}

}  // namespace lf::cli
