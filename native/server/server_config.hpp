// What `lf serve` runs with: every setting, its default, and where it comes
// from (a flag, else an environment variable, else the default; the CLI in
// native/cli/serve_command.cpp reads them). docs/HTTP.md ("Native server")
// has the table.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/detect/pipeline.hpp"

namespace lf::server {

// The body limit both shells share (docs/HTTP.md): 1 MiB.
inline constexpr std::size_t kBodyLimit = 1u << 20;

struct ServerConfig {
  std::string host = "127.0.0.1";  // --host, LF_HOST
  int port = 8080;                 // --port, LF_PORT; 0 picks a free port
  // Tenants (docs/HTTP.md "Tenants and auth"): --tenants FILE, else the JSON
  // text of LF_TENANTS. Neither and no --no-auth: the server refuses to start.
  std::string tenants_file;
  std::string tenants_json;
  bool no_auth = false;
  // PCS intake stores (write-ahead log, dedup store): --data-dir, LF_DATA_DIR.
  // Empty: the dedup store is in memory and there is no write-ahead log.
  std::string data_dir;
  // The dashboard's files: --static or LF_STATIC (`make demo` passes
  // build/wasm/dashboard); empty serves none. Never implicit: a server
  // should not start publishing a directory because it happens to exist.
  std::string static_dir;
  // Live stream source: --replay FILE at --speed samples/s, or --tail FILE;
  // POST /v1/ingest feeds it in every case.
  std::string replay_file;
  std::string tail_file;
  double speed = 10.0;
  std::optional<std::string> column;  // --column: the replayed/tailed column
  // The stream's detectors (--detector NAME[:k=v,...]); empty: the defaults.
  std::vector<detect::DetectorRequest> detectors;
  // Worker threads serving connections (one per open connection, streams
  // included) and the longest a core call may take before 503.
  std::size_t threads = 64;
  std::chrono::milliseconds request_timeout{30'000};
  // Idle keep-alive connections are closed after this long; a shutdown
  // waits for them at most this long.
  std::chrono::seconds keep_alive{1};
};

// Settings that contradict each other or are out of range: invalid_argument
// naming the flag.
Status validate(const ServerConfig& config);

// The detectors the live stream runs when --detector is not given: the
// catalog's change-point detectors, bocpd, cusum and page_hinkley, with
// their defaults.
std::vector<detect::DetectorRequest> default_stream_detectors();

}  // namespace lf::server
