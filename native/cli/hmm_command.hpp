// `lf hmm FILE [--column C] [--states K] [--emissions gaussian|categorical]
// [--model MODEL.json]`: fits a hidden Markov model to one column (or decodes
// it with a given model) through the `hmm` route (docs/API.md) and prints
// the model, the log-likelihood and the Viterbi regimes; --json prints the
// route's response.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace lf::cli {

struct HmmOptions {
  std::string file;
  std::string column = "0";  // name or 0-based index
  std::string emissions = "gaussian";
  std::size_t states = 2;
  std::size_t symbols = 0;  // categorical: 0 = the largest symbol + 1
  std::size_t restarts = 4;
  std::uint64_t seed = 0;
  std::size_t max_iterations = 100;
  double tolerance = 1e-4;
  std::string model;  // a JSON file holding a model: decode instead of fitting
  bool posteriors = false;
  bool json = false;
};

CLI::App* add_hmm_command(CLI::App& app, HmmOptions& options);

// Exit status: 0 on success, 1 when the input or a parameter is rejected.
int run_hmm(const HmmOptions& options, std::ostream& out, std::ostream& err);

}  // namespace lf::cli
