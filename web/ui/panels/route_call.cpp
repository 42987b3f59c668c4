#include "ui/panels/route_call.hpp"

#include <chrono>

#include "lf/api/dispatch.hpp"
#include "ui/panels/json_fields.hpp"

namespace lf::ui {

nlohmann::json RouteReply::error_json() const {
  if (!failed()) return nullptr;
  return {{"code", error_code}, {"message", error_message}};
}

RouteReply call_route(std::string_view route, const nlohmann::json& request) {
  RouteReply reply;
  reply.route = std::string(route);
  const auto started = std::chrono::steady_clock::now();
  api::Response response = api::dispatch(route, json_text(request));
  reply.milliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  reply.status = response.status;
  reply.text = std::move(response.body);
  reply.body = nlohmann::json::parse(reply.text, nullptr, false);
  if (reply.body.is_discarded()) reply.body = nullptr;
  if (const nlohmann::json* error = json_field(reply.body, "error")) {
    reply.error_code = json_string(*error, "code", "unknown");
    reply.error_message = json_string(*error, "message");
  }
  return reply;
}

}  // namespace lf::ui
