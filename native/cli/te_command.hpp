// `lf te FILE --source COL --target COL [...]`: transfer entropy from one
// column to another through the `te` route (docs/API.md), printing
// {"te": <nats>, ...} with --json.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace lf::cli {

struct TeOptions {
  std::string file;
  std::string source;
  std::string target;
  std::string estimator = "ksg";
  std::size_t k = 4;
  std::size_t history = 1;  // target history
  std::size_t source_history = 1;
  std::size_t lag = 1;
  std::size_t theiler = 0;
  std::string normalisation = "series";
  std::size_t bins = 0;  // discrete: 0 = the values are symbols, else quantile bins
  std::size_t surrogates = 0;
  std::uint64_t seed = 0;
  bool json = false;
};

CLI::App* add_te_command(CLI::App& app, TeOptions& options);

// Exit status: 0 on success, 1 when the input or a parameter is rejected.
int run_te(const TeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace lf::cli
