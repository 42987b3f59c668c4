// `lf risk validate FILE [--json]`: the statistical signal validator on a
// JSON file holding a risk/validate request (docs/API.md: either the
// figures or a return sample), through the same core/api route every shell
// serves, so --json prints exactly the API's response. It is a subcommand of
// the `lf risk` command that risk_command.hpp creates.
//
// Exit status: 0 accepted, 3 rejected, 1 when the file or the request is
// refused (the message goes to stderr), 2 usage errors.
#pragma once

#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace lf::cli {

struct RiskValidateOptions {
  std::string file;
  bool json = false;
};

// Adds `validate` under `risk` (the `lf risk` subcommand) and returns it.
CLI::App* add_risk_validate_command(CLI::App& risk, RiskValidateOptions& options);

int run_risk_validate(const RiskValidateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace lf::cli
