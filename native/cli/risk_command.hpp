// `lf risk check FILE [--json]`: one pre-trade check of a JSON file holding
// a risk/check request (docs/API.md), through the same core/api route the
// HTTP API and the JS package serve, so --json prints exactly the API's
// response. The check runs in this process's own trading state (Normal at
// start) unless the request names a "mode".
//
// Exit status: 0 approved, 3 rejected or modify_required, 1 when the file or
// the request is refused (the message goes to stderr), 2 usage errors.
#pragma once

#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace lf::cli {

struct RiskOptions {
  std::string file;
  bool json = false;
};

struct RiskCommand {
  CLI::App* command = nullptr;
  CLI::App* check = nullptr;
};

RiskCommand add_risk_command(CLI::App& app, RiskOptions& options);

// Runs `lf risk check` (the one subcommand).
int run_risk(const RiskOptions& options, std::ostream& out, std::ostream& err);

}  // namespace lf::cli
