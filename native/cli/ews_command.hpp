// `lf ews FILE [--column COL] [--detrend none|gaussian|lowess] ...`: the
// early-warning indicators of one column through the `ews` route
// (docs/API.md), printing the Kendall trend of each indicator, or the whole
// response with --json.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace lf::cli {

struct EwsOptions {
  std::string file;
  std::optional<std::string> column;  // default: the first
  double rolling_window = 0.25;
  std::string detrend = "none";
  std::optional<double> bandwidth;   // gaussian
  std::optional<double> span;        // lowess
  std::optional<double> iterations;  // lowess
  bool json = false;
};

CLI::App* add_ews_command(CLI::App& app, EwsOptions& options);

// Exit status: 0 on success, 1 when the input or an option is rejected.
int run_ews(const EwsOptions& options, std::ostream& out, std::ostream& err);

}  // namespace lf::cli
