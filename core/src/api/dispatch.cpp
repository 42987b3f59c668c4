#include "lf/api/dispatch.hpp"

#include <array>

#include "routes.hpp"

namespace lf::api {
namespace {

struct Route {
  std::string_view name;
  Result<json_read::Json> (*handle)(const json_read::Json& request);
};

constexpr std::array<Route, 2> kRoutes{{
    {"detect", &routes::detect},
    {"detectors", &routes::detectors},
}};

constexpr std::array<std::string_view, kRoutes.size()> kRouteNames = [] {
  std::array<std::string_view, kRoutes.size()> names{};
  for (std::size_t i = 0; i < kRoutes.size(); ++i) names[i] = kRoutes[i].name;
  return names;
}();

Response failure(const Error& error) {
  return {http_status(error.code), error_body(error)};
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
    case ErrorCode::empty_input: return 422;
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
  auto response = found->handle(*request);
  if (!response) return failure(response.error());
  return {200, json_read::dump(*response)};
}

}  // namespace lf::api
