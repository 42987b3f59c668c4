// The one request/response vocabulary every shell serves: route + JSON in,
// JSON out. The edge function, the native server, the CLI (--json) and the JS
// package all call this, so they cannot drift apart.
//
// Success: status 200 and the route's JSON object. Failure: a 4xx status and
//   {"error":{"code":"<stable code>","message":"<human text>"}}
// Routes and codes are documented in docs/API.md.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "lf/common/error.hpp"

namespace lf::api {

struct Response {
  int status;        // HTTP status semantics: 200, 202, 400, 401, 404, 409, 422, 500
  std::string body;  // JSON text
};

Response dispatch(std::string_view route, std::string_view request_json);

// Runs the step it is given exactly once; the caller decides how (typically
// under a lock of its own).
using RouteStepRunner = std::function<void(const std::function<void()>& step)>;

// dispatch(route, request_json), with the route's own step (the only one that
// reads or changes this process's state, for the routes that keep any:
// risk/check, risk/state, breaker/*) run through `run_step`. A shell that
// serves several threads serialises those routes this way, and holds its lock
// only while the state is used: parsing the request and serialising the
// answer, most of a small call's time, happen outside. A request that is not
// a JSON object, or names no route, is answered without calling `run_step`.
// The answer is dispatch()'s, byte for byte.
Response dispatch(std::string_view route, std::string_view request_json,
                  const RouteStepRunner& run_step);

// Route names, in a fixed order.
std::span<const std::string_view> route_names() noexcept;

// 404 for unknown_route; 422 for well-formed requests whose data are invalid
// (non-finite values, unordered timestamps, length mismatches, empty input);
// 409 for a trading-mode transition the state's rules refuse; the HTTP
// shells' own codes 401, 405, 413, 429, 503; 500 for storage, device and
// internal failures; 400 for everything else a client sent wrong.
int http_status(ErrorCode code) noexcept;

// The error body for `error`, as dispatch() returns it.
std::string error_body(const Error& error);

}  // namespace lf::api
