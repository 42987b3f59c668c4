// The commands' way into core/api: the request goes through
// lf::api::dispatch like every other shell's, so --json prints exactly the
// route's response.
#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "lf/common/error.hpp"

namespace lf::cli {

struct RouteReply {
  std::string body;       // the response text, as --json prints it
  nlohmann::json parsed;  // the same, parsed
};

// On failure prints "lf <command>: <message> [<code>]" to `err` and returns
// nothing.
std::optional<RouteReply> call_route(std::string_view route, const nlohmann::json& request,
                                     std::string_view command, std::ostream& err);

// The same with the request as the user wrote it (a file's text), so the
// route, not the CLI, judges its JSON.
std::optional<RouteReply> call_route(std::string_view route, std::string_view request_text,
                                     std::string_view command, std::ostream& err);

// Prints an error the command found before calling the route, the same way.
void print_error(std::string_view command, const Error& error, std::ostream& err);

}  // namespace lf::cli
