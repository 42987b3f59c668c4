// `lf graph FILE [--columns A,B,...]`: the pairwise transfer-entropy graph
// of several columns through the `graph` route (docs/API.md): the TE matrix,
// the edges and the centralities; --json prints the route's response.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace lf::cli {

struct GraphOptions {
  std::string file;
  std::vector<std::string> columns;  // empty: every column
  std::string estimator = "ksg";
  std::size_t k = 4;
  std::size_t history = 1;
  std::size_t theiler = 0;
  std::size_t bins = 0;
  double threshold = 0.05;
  std::size_t surrogates = 0;
  std::uint64_t seed = 0;
  double alpha = 0.05;
  bool json = false;
};

CLI::App* add_graph_command(CLI::App& app, GraphOptions& options);

// Exit status: 0 on success, 1 when the input or a parameter is rejected.
int run_graph(const GraphOptions& options, std::ostream& out, std::ostream& err);

}  // namespace lf::cli
