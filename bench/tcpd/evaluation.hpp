// Everything one run of the TCPD evaluation measured, and the published
// figures it is compared with.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dataset.hpp"
#include "evaluate.hpp"
#include "grids.hpp"

namespace lf::tcpd {

struct DetectorOutcome {
  const DetectorGrid* grid = nullptr;
  bool available = false;  // in the catalog
  std::string version;
  detect::ParameterList defaults;
  std::vector<detect::ParameterList> configurations;
  std::vector<Run> default_runs;      // one per series, dataset order
  std::vector<OracleResult> oracles;  // one per series, dataset order
};

struct Evaluation {
  std::vector<Series> dataset;
  std::vector<Score> zero;  // the "zero" baseline (no change point), per series
  std::vector<DetectorOutcome> detectors;
  nlohmann::json peer_scores;  // tests/data/tcpd/peer_scores.json
  nlohmann::json peer_means;   // tests/data/tcpd/peer_means_dev.json
  std::int64_t margin = detect::kDefaultScoringMargin;
};

}  // namespace lf::tcpd
