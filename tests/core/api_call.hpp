// Route tests call the API as every shell does, through lf::api::dispatch, and
// check the status before reading the answer (a route's answer is read only
// when it is the one the test expects).
#pragma once

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "lf/api/dispatch.hpp"

namespace lf::test {

inline nlohmann::json call_route(std::string_view route, const nlohmann::json& request,
                                 int status = 200) {
  const auto response = lf::api::dispatch(route, request.dump());
  REQUIRE_MESSAGE(response.status == status, route << ": " << response.body.substr(0, 300));
  nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  REQUIRE_FALSE(body.is_discarded());
  return body;
}

// The error code of a request that must fail with `status`.
inline std::string route_error_code(std::string_view route, const nlohmann::json& request,
                                    int status) {
  const nlohmann::json body = call_route(route, request, status);
  REQUIRE(body.contains("error"));
  return body["error"]["code"].get<std::string>();
}

}  // namespace lf::test
