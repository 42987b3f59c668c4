// `lf emergence FILE --macro COL --micro COL,COL,...`: causal emergence
// measures Ψ, Δ, Γ through the `emergence` route (docs/API.md); with
// --validate the macro column is a regime labelling to accept or reject.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace lf::cli {

struct EmergenceOptions {
  std::string file;
  std::string macro;
  std::vector<std::string> micro;
  std::string estimator = "gaussian";
  std::size_t lag = 1;
  std::size_t bins = 0;  // discrete: quantile bins for the micro columns (0: values are symbols)
  bool validate = false;
  double threshold = 0.1;
  bool json = false;
};

CLI::App* add_emergence_command(CLI::App& app, EmergenceOptions& options);

// Exit status: 0 on success (also when --validate rejects the labelling: the
// verdict is printed), 1 when the input or a parameter is rejected.
int run_emergence(const EmergenceOptions& options, std::ostream& out, std::ostream& err);

}  // namespace lf::cli
