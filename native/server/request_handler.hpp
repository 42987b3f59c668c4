// One HTTP request, from its path to its answer, in the contract's order
// (docs/HTTP.md, "Errors"): path and method (404, 405) -> credentials (401)
// -> the tenant's rate (429) -> body size (413) -> the endpoint. Every
// answer gets an X-Request-Id, a metrics sample and one log line.
#pragma once

#include <atomic>
#include <chrono>
#include <string>

#include "server/core_gateway.hpp"
#include "server/event_hub.hpp"
#include "server/metrics.hpp"
#include "server/pcs_intake.hpp"
#include "server/rate_limiter.hpp"
#include "server/request_auth.hpp"
#include "server/request_log.hpp"
#include "server/route_table.hpp"
#include "server/static_files.hpp"
#include "server/stream_pipeline.hpp"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace lf::server {

// A request's body as read: at most kBodyLimit bytes are kept.
struct RequestBody {
  std::string text;
  bool oversized = false;   // over kBodyLimit, by Content-Length or as read
  bool unreadable = false;  // broken chunked encoding, a read timeout...
};

// What the handler serves with; every member outlives the handler.
struct Services {
  Authenticator& auth;
  RateLimiter& rate;
  Metrics& metrics;
  RequestLog& log;
  CoreGateway& core;
  PcsIntake& intake;
  EventHub& hub;
  StreamPipeline& pipeline;
  const StaticFiles& statics;
  std::size_t max_streams;  // open /v1/stream connections at once
};

class RequestHandler {
 public:
  explicit RequestHandler(Services services) : services_(services) {}

  void handle(const httplib::Request& request, httplib::Response& response, RequestBody body);

  // An error cpp-httplib answered before any handler ran (a malformed
  // request line, an unknown method...): gives it the JSON error body.
  // False for answers that are already ours.
  bool handle_library_error(const httplib::Request& request, httplib::Response& response);

 private:
  struct Exchange;

  Exchange begin(const httplib::Request& request, httplib::Response& response) const;
  void finish(const Exchange& exchange, int status);
  void serve(Exchange& exchange, const httplib::Request& request, httplib::Response& response,
             RequestBody& body);
  void serve_static(Exchange& exchange, const httplib::Request& request,
                    httplib::Response& response);
  bool admit(Exchange& exchange, const httplib::Request& request, httplib::Response& response,
             const RequestBody& body);
  void serve_stream(Exchange& exchange, const httplib::Request& request,
                    httplib::Response& response);

  Services services_;
  std::atomic<std::size_t> open_streams_{0};
};

}  // namespace lf::server
