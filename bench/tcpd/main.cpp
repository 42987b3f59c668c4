// lf_tcpd_eval: the change-point detectors on the Turing Change Point Dataset
// (development subset, tests/data/tcpd), with default parameters and with a
// per-series grid (oracle), scored as TCPDBench scores (lf/detect/scoring.hpp)
// and set next to TCPDBench's published scores. See bench/tcpd/README.md.
//
//   lf_tcpd_eval [--data DIR] [--json FILE]
//
// Prints the markdown tables on stdout and progress on stderr; --json writes
// the full record (every score, change point and chosen configuration).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "evaluation.hpp"
#include "lf/detect/registry.hpp"
#include "report.hpp"

namespace {

using namespace lf::tcpd;

struct Options {
  std::filesystem::path data = LF_TCPD_DATA_DIR;
  std::filesystem::path json;
};

bool parse_options(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if ((flag == "--data" || flag == "--json") && i + 1 < argc) {
      (flag == "--data" ? options.data : options.json) = argv[++i];
    } else {
      std::cerr << "usage: lf_tcpd_eval [--data DIR] [--json FILE]\n";
      return false;
    }
  }
  return true;
}

lf::Result<nlohmann::json> read_json(const std::filesystem::path& path) {
  auto text = read_text(path);
  if (!text) return std::move(text).error();
  auto doc = nlohmann::json::parse(*text, nullptr, false);
  if (doc.is_discarded()) {
    return lf::make_error(lf::ErrorCode::json_parse_error, path.string() + " is not valid JSON");
  }
  return doc;
}

const lf::detect::DetectorInfo* find_in_catalog(std::string_view name) {
  for (const auto& info : lf::detect::detector_catalog()) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

DetectorOutcome evaluate_detector(const DetectorGrid& grid, const Evaluation& e) {
  DetectorOutcome outcome;
  outcome.grid = &grid;
  const auto* info = find_in_catalog(grid.detector);
  if (info == nullptr) return outcome;
  outcome.available = true;
  outcome.version = std::string(info->version);
  for (const auto& spec : info->parameters) {
    outcome.defaults.push_back({std::string(spec.name), spec.default_value});
  }
  outcome.configurations = expand(grid);
  const auto start = std::chrono::steady_clock::now();
  for (const auto& series : e.dataset) {
    outcome.default_runs.push_back(run_configuration(series, grid.detector, {}, e.margin));
    outcome.oracles.push_back(run_grid(series, grid.detector, outcome.configurations, e.margin));
  }
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  std::cerr << grid.detector << ": " << outcome.configurations.size() << " configurations x "
            << e.dataset.size() << " series in " << elapsed.count() << " s\n";
  return outcome;
}

int fail(const lf::Error& error) {
  std::cerr << "lf_tcpd_eval: " << error.message << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse_options(argc, argv, options)) return 2;

  Evaluation e;
  auto dataset = load_dataset(options.data);
  if (!dataset) return fail(dataset.error());
  auto peer_scores = read_json(options.data / "peer_scores.json");
  if (!peer_scores) return fail(peer_scores.error());
  auto peer_means = read_json(options.data / "peer_means_dev.json");
  if (!peer_means) return fail(peer_means.error());
  e.dataset = std::move(*dataset);
  e.peer_scores = std::move(*peer_scores);
  e.peer_means = std::move(*peer_means);

  for (const auto& series : e.dataset) {
    e.zero.push_back(score_change_points(series, {}, e.margin));
  }
  for (const auto& grid : detector_grids()) {
    e.detectors.push_back(evaluate_detector(grid, e));
    if (!e.detectors.back().available) {
      std::cerr << grid.detector << ": not in the catalog, reported as missing\n";
    }
  }

  std::cout << markdown_report(e);
  if (!options.json.empty()) {
    std::ofstream out(options.json);
    out << json_record(e).dump(1) << "\n";
    if (!out) {
      std::cerr << "lf_tcpd_eval: cannot write " << options.json << "\n";
      return 1;
    }
  }
  return 0;
}
