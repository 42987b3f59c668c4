#include "cli/route_call.hpp"

#include <ostream>

#include "lf/api/dispatch.hpp"

namespace lf::cli {

std::optional<RouteReply> call_route(std::string_view route, const nlohmann::json& request,
                                     std::string_view command, std::ostream& err) {
  // NaN (a missing cell) serialises as null, which the routes read as missing.
  return call_route(route, std::string_view(request.dump()), command, err);
}

std::optional<RouteReply> call_route(std::string_view route, std::string_view request_text,
                                     std::string_view command, std::ostream& err) {
  const auto response = api::dispatch(route, request_text);
  nlohmann::json parsed = nlohmann::json::parse(response.body, nullptr, false);
  if (response.status != 200) {
    err << "lf " << command << ": " << parsed["error"]["message"].get<std::string>() << " ["
        << parsed["error"]["code"].get<std::string>() << "]\n";
    return std::nullopt;
  }
  return RouteReply{response.body, std::move(parsed)};
}

void print_error(std::string_view command, const Error& error, std::ostream& err) {
  err << "lf " << command << ": " << error.message << " [" << to_string(error.code) << "]\n";
}

}  // namespace lf::cli
