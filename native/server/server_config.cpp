#include "server/server_config.hpp"

#include <cmath>

namespace lf::server {

Status validate(const ServerConfig& config) {
  if (config.port < 0 || config.port > 65535) {
    return make_error(ErrorCode::invalid_argument,
                      "--port must be in [0, 65535], not " + std::to_string(config.port));
  }
  if (config.tenants_file.empty() && config.tenants_json.empty() && !config.no_auth) {
    return make_error(ErrorCode::invalid_argument,
                      "no tenants configured: pass --tenants FILE or set LF_TENANTS, or run "
                      "without authentication with --no-auth (loopback demos only)");
  }
  if (config.no_auth && !(config.tenants_file.empty() && config.tenants_json.empty())) {
    return make_error(ErrorCode::invalid_argument,
                      "--no-auth and tenants (--tenants or LF_TENANTS) exclude each other");
  }
  if (!config.replay_file.empty() && !config.tail_file.empty()) {
    return make_error(ErrorCode::invalid_argument, "--replay and --tail exclude each other");
  }
  if (!std::isfinite(config.speed) || config.speed <= 0 || config.speed > 1e6) {
    return make_error(ErrorCode::invalid_argument, "--speed must be in (0, 1e6] samples/s");
  }
  if (config.threads < 4 || config.threads > 4096) {
    return make_error(ErrorCode::invalid_argument, "--threads must be in [4, 4096]");
  }
  if (config.request_timeout.count() < 1) {
    return make_error(ErrorCode::invalid_argument, "--request-timeout-ms must be at least 1");
  }
  return {};
}

std::vector<detect::DetectorRequest> default_stream_detectors() {
  return {{"bocpd", {}, {}}, {"cusum", {}, {}}, {"page_hinkley", {}, {}}};
}

}  // namespace lf::server
