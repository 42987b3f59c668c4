// Path -> what serves it (docs/HTTP.md, "Routes"). The path is the request's
// as sent: no query string, percent-encoding untouched, so `/v1/<name>`
// names exactly the core route `<name>`.
#pragma once

#include <string>
#include <string_view>

namespace lf::server {

enum class Endpoint {
  core_route,   // POST /v1/<route>: lf::api::dispatch
  pcs_submit,   // POST /v1/pcs/submit: the durable intake
  ingest,       // POST /v1/ingest: samples into the live stream
  health,       // GET /v1/health
  metrics,      // GET /metrics
  stream,       // GET /v1/stream
  unknown_api,  // /v1/<name> that is none of the above: 404 with dispatch's own body
  static_file,  // anything else: a dashboard file, if there is one
};

struct Target {
  Endpoint endpoint;
  std::string route;       // the metrics label; for core_route the route's name
  std::string_view allow;  // the one method it takes: "GET" or "POST"
  bool needs_tenant;       // authenticated (and rate-limited) or public
};

Target resolve_target(std::string_view path);

// HEAD counts as GET (no body is sent).
bool method_allowed(const Target& target, std::string_view method);

// The path part of a request target: everything before '?'.
std::string_view path_of(std::string_view request_target);

}  // namespace lf::server
