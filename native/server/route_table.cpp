#include "server/route_table.hpp"

#include <algorithm>

#include "lf/api/dispatch.hpp"

namespace lf::server {
namespace {

constexpr std::string_view kApiPrefix = "/v1/";

bool is_core_route(std::string_view name) {
  const auto names = api::route_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

Target resolve_target(std::string_view path) {
  if (path == "/v1/health") return {Endpoint::health, "health", "GET", false};
  if (path == "/metrics") return {Endpoint::metrics, "metrics", "GET", false};
  if (path == "/v1/stream") return {Endpoint::stream, "stream", "GET", true};
  if (path == "/v1/ingest") return {Endpoint::ingest, "ingest", "POST", true};
  if (path.substr(0, kApiPrefix.size()) != kApiPrefix) {
    return {Endpoint::static_file, "static", "GET", false};
  }
  const std::string_view name = path.substr(kApiPrefix.size());
  if (name == "pcs/submit") return {Endpoint::pcs_submit, "pcs/submit", "POST", true};
  if (is_core_route(name)) return {Endpoint::core_route, std::string(name), "POST", true};
  return {Endpoint::unknown_api, "unknown", "POST", false};
}

bool method_allowed(const Target& target, std::string_view method) {
  if (target.allow == "GET") return method == "GET" || method == "HEAD";
  return method == target.allow;
}

std::string_view path_of(std::string_view request_target) {
  return request_target.substr(0, request_target.find('?'));
}

}  // namespace lf::server
