#include "lf/api/dispatch.hpp"

#include <array>
#include <optional>

#include "routes.hpp"

namespace lf::api {
namespace {

// A route answers an object (status 200), or, when the status is part of
// its answer (verification verdicts), the whole Response.
struct Handler {
  using Plain = Result<json_read::Json> (*)(const json_read::Json& request);
  using WithStatus = Response (*)(const json_read::Json& request);
  constexpr Handler(Plain handle) : plain(handle) {}
  constexpr Handler(WithStatus handle) : with_status(handle) {}
  Plain plain = nullptr;
  WithStatus with_status = nullptr;
};

struct Route {
  std::string_view name;
  Handler handle;
};

// Alphabetical by name.
constexpr auto kRoutes = std::to_array<Route>({
    {"audit/verify", &routes::audit_verify},
    {"breaker/acquire", &routes::breaker_acquire},
    {"breaker/cascade", &routes::breaker_cascade},
    {"breaker/record", &routes::breaker_record},
    {"breaker/release", &routes::breaker_release},
    {"breaker/state", &routes::breaker_state},
    {"breaker/transition", &routes::breaker_transition},
    {"detect", &routes::detect},
    {"detectors", &routes::detectors},
    {"emergence", &routes::emergence},
    {"ews", &routes::ews},
    {"fuse", &routes::fuse},
    {"gate", &routes::gate},
    {"graph", &routes::graph},
    {"grok", &routes::grok},
    {"hmm", &routes::hmm},
    {"pcs/build", &routes::pcs_build},
    {"pcs/submit", &routes::pcs_submit},
    {"pcs/verify", &routes::pcs_verify},
    {"receipt/sign", &routes::receipt_sign},
    {"receipt/verify", &routes::receipt_verify},
    {"risk/bias", &routes::risk_bias},
    {"risk/check", &routes::risk_check},
    {"risk/state", &routes::risk_state},
    {"risk/validate", &routes::risk_validate},
    {"score", &routes::score},
    {"te", &routes::te},
    {"vote", &routes::vote},
});

constexpr std::array<std::string_view, kRoutes.size()> kRouteNames = [] {
  std::array<std::string_view, kRoutes.size()> names{};
  for (std::size_t i = 0; i < kRoutes.size(); ++i) names[i] = kRoutes[i].name;
  return names;
}();

Response failure(const Error& error) {
  return {http_status(error.code), error_body(error)};
}

// dispatch() with the route's step handed to `run_step`, a callable that runs
// it once; both public overloads are this, the plain one with a runner that
// costs nothing.
template <class RunStep>
Response dispatch_through(std::string_view route, std::string_view request_json,
                          const RunStep& run_step) {
  const Route* found = nullptr;
  for (const auto& candidate : kRoutes) {
    if (candidate.name == route) found = &candidate;
  }
  if (found == nullptr) {
    std::string known;
    for (auto name : kRouteNames) known += (known.empty() ? "" : ", ") + std::string(name);
    return failure(make_error(ErrorCode::unknown_route,
                              "no route '" + std::string(route) + "' (routes: " + known + ")"));
  }
  // An empty body means an empty request (routes without input need none).
  auto request = request_json.empty() ? Result<json_read::Json>(json_read::Json::object())
                                      : json_read::parse(request_json);
  if (!request) return failure(request.error());
  if (auto status = json_read::expect_object(*request, "request"); !status) {
    return failure(status.error());
  }
  // Filled by the step; still empty only if a runner broke its contract.
  std::optional<Response> answer;
  std::optional<Result<json_read::Json>> response;
  run_step([&] {
    if (found->handle.with_status != nullptr) {
      answer = found->handle.with_status(*request);
    } else {
      response = found->handle.plain(*request);
    }
  });
  if (answer) return std::move(*answer);
  if (!response) return failure(make_error(ErrorCode::internal_error, "the route was not run"));
  if (!*response) return failure(response->error());
  return {200, json_read::dump(**response)};
}

}  // namespace

std::span<const std::string_view> route_names() noexcept {
  return kRouteNames;
}

int http_status(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::unknown_route: return 404;
    case ErrorCode::non_finite_value:
    case ErrorCode::non_increasing_timestamp:
    case ErrorCode::length_mismatch:
    case ErrorCode::empty_input:
    case ErrorCode::total_conflict:
    case ErrorCode::insufficient_data:
    case ErrorCode::degenerate_input: return 422;
    case ErrorCode::invalid_mass_function:
    case ErrorCode::unknown_hypothesis: return 400;
    case ErrorCode::signature_invalid:
    case ErrorCode::unknown_tenant:
    case ErrorCode::unauthorized: return 401;
    case ErrorCode::method_not_allowed: return 405;
    case ErrorCode::payload_too_large: return 413;
    case ErrorCode::rate_limited: return 429;
    case ErrorCode::request_timeout: return 503;
    case ErrorCode::storage_error:
    case ErrorCode::device_error:
    case ErrorCode::internal_error: return 500;
    case ErrorCode::transition_refused: return 409;
    default: return 400;
  }
}

std::string error_body(const Error& error) {
  json_read::Json body;
  body["error"]["code"] = std::string(to_string(error.code));
  body["error"]["message"] = error.message;
  return json_read::dump(body);
}

Response dispatch(std::string_view route, std::string_view request_json) {
  return dispatch_through(route, request_json, [](const auto& step) { step(); });
}

Response dispatch(std::string_view route, std::string_view request_json,
                  const RouteStepRunner& run_step) {
  // The step is handed over as one reference, which std::function keeps
  // without a heap allocation (a risk/check per request on the server).
  return dispatch_through(route, request_json, [&run_step](const auto& step) {
    run_step(std::function<void()>([&step] { step(); }));
  });
}

}  // namespace lf::api
