// One call of the JSON API from an analysis panel. The panels compute nothing
// themselves: they build a request, hand it to lf::api::dispatch (the same
// function the CLI, the servers and the JS package call) and show the answer,
// so the dashboard's figures are those of every other shell.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace lf::ui {

struct RouteReply {
  std::string route;
  int status = 0;       // HTTP semantics: 200, 202, 4xx
  std::string text;     // the answer's bytes
  nlohmann::json body;  // the answer parsed; null when it is not JSON (compat-mode plain text)
  // Set when the answer is the API's error body {"error": {"code", "message"}}.
  // Verdicts answered with 202, 401 or 422 (pcs/verify, receipt/verify,
  // audit/verify) are answers, not errors, and leave these empty.
  std::string error_code;
  std::string error_message;
  double milliseconds = 0.0;  // how long the call took, shown so the analyst sees its cost

  bool failed() const noexcept { return !error_code.empty(); }
  nlohmann::json error_json() const;  // {"code", "message"} or null, for snapshots
};

RouteReply call_route(std::string_view route, const nlohmann::json& request);

}  // namespace lf::ui
