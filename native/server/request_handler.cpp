#include "server/request_handler.hpp"

#include <httplib.h>

#include <cstdio>
#include <exception>
#include <optional>
#include <random>

#include "lf/api/dispatch.hpp"
#include "server/clocks.hpp"
#include "server/gzip_encoding.hpp"
#include "server/live_stream.hpp"
#include "server/server_config.hpp"

#ifndef LF_VERSION
#error "LF_VERSION must be defined by the build (the project's version)"
#endif

namespace lf::server {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view kJson = "application/json";

// The contract's fixed messages (docs/HTTP.md, "Errors").
constexpr std::string_view kUnauthorized = "missing or invalid credentials";
constexpr std::string_view kRateLimited = "rate limit exceeded";
constexpr std::string_view kTimedOut = "request timed out";
constexpr std::string_view kInternal = "internal error";
const std::string kTooLarge = "request body over " + std::to_string(kBodyLimit) + " bytes";

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string new_request_id() {
  thread_local std::mt19937_64 bits{std::random_device{}()};
  char text[33];
  std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(bits()),
                static_cast<unsigned long long>(bits()));
  return text;
}

void answer(httplib::Response& response, int status, std::string body,
            std::string_view type = kJson) {
  response.status = status;
  response.body = std::move(body);  // set_content would copy it
  response.set_header("Content-Type", std::string(type));
}

void answer_error(httplib::Response& response, ErrorCode code, std::string_view message) {
  answer(response, api::http_status(code), api::error_body({code, std::string(message)}));
}

std::optional<std::string_view> header(const httplib::Request& request, const char* name) {
  const auto it = request.headers.find(name);
  if (it == request.headers.end()) return std::nullopt;
  return std::string_view(it->second);
}

Credentials credentials_of(const httplib::Request& request) {
  return {header(request, "Authorization"), header(request, "X-LF-Tenant"),
          header(request, "X-LF-Timestamp"), header(request, "X-LF-Signature")};
}

bool is_get(std::string_view method) {
  return method == "GET" || method == "HEAD";
}

}  // namespace

struct RequestHandler::Exchange {
  std::string request_id;
  std::string method;
  std::string path;  // as sent, without the query string
  std::string route = "unknown";
  std::optional<std::string> tenant;
  Clock::time_point start;
};

RequestHandler::Exchange RequestHandler::begin(const httplib::Request& request,
                                               httplib::Response& response) const {
  Exchange exchange;
  exchange.start = Clock::now();
  const auto given = header(request, "X-Request-Id");
  exchange.request_id = given && valid_request_id(*given) ? std::string(*given) : new_request_id();
  exchange.method = request.method;
  exchange.path = std::string(path_of(request.target));
  response.set_header("X-Request-Id", exchange.request_id);
  return exchange;
}

void RequestHandler::finish(const Exchange& exchange, int status) {
  const double seconds = std::chrono::duration<double>(Clock::now() - exchange.start).count();
  services_.metrics.record_request(exchange.route, status, seconds);
  RequestRecord record;
  record.request_id = exchange.request_id;
  if (exchange.tenant) record.tenant = *exchange.tenant;
  record.method = exchange.method;
  record.route = exchange.route;
  record.status = status;
  record.duration_ms = seconds * 1000;
  services_.log.request(record);
}

void RequestHandler::handle(const httplib::Request& request, httplib::Response& response,
                            RequestBody body) {
  Exchange exchange = begin(request, response);
  try {
    serve(exchange, request, response, body);
  } catch (const std::exception& e) {
    services_.log.event("error", "unhandled_exception",
                        {{"request_id", exchange.request_id}, {"what", e.what()}});
    answer_error(response, ErrorCode::internal_error, kInternal);
  } catch (...) {
    services_.log.event("error", "unhandled_exception", {{"request_id", exchange.request_id}});
    answer_error(response, ErrorCode::internal_error, kInternal);
  }
  // A stream logs when it ends (open_stream's on_end).
  if (exchange.route != "stream" || response.status != 200) {
    finish(exchange, response.status);
  }
}

bool RequestHandler::handle_library_error(const httplib::Request& request,
                                          httplib::Response& response) {
  if (response.has_header("X-Request-Id")) return false;
  const int status = response.status;
  Exchange exchange = begin(request, response);
  if (status == 413) {
    answer_error(response, ErrorCode::payload_too_large, kTooLarge);
  } else if (status == 404) {
    answer_error(response, ErrorCode::unknown_route, "no route '" + exchange.path + "'");
  } else if (status >= 500) {
    answer_error(response, ErrorCode::internal_error, kInternal);
  } else {
    answer_error(response, ErrorCode::invalid_argument, "malformed HTTP request");
  }
  finish(exchange, response.status);
  return true;
}

void RequestHandler::serve(Exchange& exchange, const httplib::Request& request,
                           httplib::Response& response, RequestBody& body) {
  const Target target = resolve_target(exchange.path);
  exchange.route = target.route;
  if (target.endpoint == Endpoint::unknown_api) {
    // The core's own 404, naming the route and listing the known ones.
    auto reply = api::dispatch(std::string_view(exchange.path).substr(4), "");
    answer(response, reply.status, std::move(reply.body));
    return;
  }
  if (target.endpoint == Endpoint::static_file) {
    serve_static(exchange, request, response);
    return;
  }
  if (!method_allowed(target, request.method)) {
    response.set_header("Allow", std::string(target.allow));
    answer_error(response, ErrorCode::method_not_allowed,
                 "method '" + request.method + "' not allowed on '" + exchange.path +
                     "' (allow: " + std::string(target.allow) + ")");
    return;
  }
  if (body.unreadable) {
    answer_error(response, ErrorCode::invalid_argument, "the request body could not be read");
    return;
  }
  if (target.needs_tenant && !admit(exchange, request, response, body)) return;
  if (body.oversized) {
    answer_error(response, ErrorCode::payload_too_large, kTooLarge);
    return;
  }
  switch (target.endpoint) {
    case Endpoint::core_route: {
      auto reply = services_.core.call(target.route, std::move(body.text));
      if (!reply) {
        answer_error(response, ErrorCode::request_timeout, kTimedOut);
      } else {
        answer(response, reply->status, std::move(reply->body));
      }
      return;
    }
    case Endpoint::pcs_submit: {
      auto reply = services_.intake.submit(*exchange.tenant, body.text, unix_millis());
      answer(response, reply.status, std::move(reply.body));
      return;
    }
    case Endpoint::ingest: {
      auto reply = ingest(services_.pipeline, body.text);
      answer(response, reply.status, std::move(reply.body));
      return;
    }
    case Endpoint::health:
      answer(response, 200, R"({"status":"ok","version":")" LF_VERSION R"(","shell":"native"})");
      return;
    case Endpoint::metrics:
      answer(response, 200, services_.metrics.render(services_.core.breaker_states(unix_millis())),
             "text/plain; version=0.0.4; charset=utf-8");
      return;
    case Endpoint::stream: serve_stream(exchange, request, response); return;
    case Endpoint::unknown_api:
    case Endpoint::static_file: return;  // answered above
  }
}

// Credentials, then the tenant's rate; false once the refusal is answered.
bool RequestHandler::admit(Exchange& exchange, const httplib::Request& request,
                           httplib::Response& response, const RequestBody& body) {
  const Credentials credentials = credentials_of(request);
  const std::int64_t now = unix_seconds();
  const auto refuse = [&response] {
    response.set_header("WWW-Authenticate", "Bearer");
    answer_error(response, ErrorCode::unauthorized, kUnauthorized);
    return false;
  };
  // A signature covers the whole body, which was not read past the limit:
  // only the headers can be judged (docs/HTTP.md).
  if (body.oversized && credentials.signed_request()) {
    if (!services_.auth.signed_headers_pass(credentials, now)) return refuse();
    answer_error(response, ErrorCode::payload_too_large, kTooLarge);
    return false;
  }
  const Tenant* tenant =
      services_.auth.authenticate(credentials, request.method, exchange.path, body.text, now);
  if (tenant == nullptr) return refuse();
  exchange.tenant = tenant->name;
  if (const int wait = services_.rate.take(*tenant, monotonic_seconds()); wait > 0) {
    response.set_header("Retry-After", std::to_string(wait));
    answer_error(response, ErrorCode::rate_limited, kRateLimited);
    return false;
  }
  return true;
}

void RequestHandler::serve_static(Exchange& exchange, const httplib::Request& request,
                                  httplib::Response& response) {
  auto file = services_.statics.find(request.path,
                                     accepts_gzip(request.get_header_value("Accept-Encoding")));
  if (!file) {
    exchange.route = "unknown";
    answer_error(response, ErrorCode::unknown_route, "no route '" + exchange.path + "'");
    return;
  }
  if (!is_get(request.method)) {
    response.set_header("Allow", "GET");
    answer_error(
        response, ErrorCode::method_not_allowed,
        "method '" + request.method + "' not allowed on '" + exchange.path + "' (allow: GET)");
    return;
  }
  if (!file->content_encoding.empty()) {
    response.set_header("Content-Encoding", file->content_encoding);
  }
  if (file->varies_by_encoding) response.set_header("Vary", "Accept-Encoding");
  answer(response, 200, std::move(file->content), file->content_type);
}

void RequestHandler::serve_stream(Exchange& exchange, const httplib::Request& request,
                                  httplib::Response& response) {
  // Each open stream holds a connection thread: a cap keeps some for the
  // rest of the API.
  if (open_streams_.fetch_add(1) >= services_.max_streams) {
    open_streams_.fetch_sub(1);
    response.set_header("Retry-After", "5");
    answer_error(response, ErrorCode::rate_limited, kRateLimited);
    return;
  }
  open_stream(services_.hub, request, response, [this, exchange] {
    open_streams_.fetch_sub(1);
    finish(exchange, 200);
  });
}

}  // namespace lf::server
