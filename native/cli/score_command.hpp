// `lf score --annotations FILE [--series NAME] --n N [--predictions I,J,...]
// [--margin M] [--clean]`: scores predicted change points against human
// annotations as TCPDBench does (F1 with a margin, precision, recall, cover)
// through the `score` route (docs/API.md); --json prints the route's response.
//
// The annotations file holds one array of indices per annotator
// ([[10, 20], [11]]), one series' annotators by id ({"6": [28], "7": []}), or
// TCPD's annotations.json ({series: {id: [...]}}) with --series. Annotators
// given by id are scored in ascending numeric id, TCPD's order.
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

struct ScoreOptions {
  std::string annotations;  // JSON file
  std::string series;       // key in a TCPD annotations.json
  std::size_t n = 0;
  std::vector<std::size_t> predictions;
  std::int64_t margin = 5;
  bool clean = false;
  bool json = false;
};

CLI::App* add_score_command(CLI::App& app, ScoreOptions& options);

// Exit status: 0 on success, 1 when the file or the request is rejected.
int run_score(const ScoreOptions& options, std::ostream& out, std::ostream& err);

}  // namespace lf::cli
