// The TCPD series and their annotations, prepared as TCPDBench prepares them.
//
//   - Every dimension is z-scored on its own: (x - mean) / sd over the
//     non-missing values, sd with n - 1 (TCPDBench's R loader calls scale(),
//     its Python loader divides by sqrt(nanvar(ddof=1)); both skip missing
//     values). A constant dimension (sd 0) is only centred.
//   - Missing values (null in TCPD) stay NaN here. TCPDBench hands them to the
//     methods unchanged, and most of them fail on the one series that has any
//     (uk_coal_employ, 2 of 105), which TCPDBench then scores as 0. Our
//     detectors skip them instead (evaluate.hpp), so every index keeps its
//     place in the series.
//   - Annotators are ordered by ascending id, as in TCPD's annotations.json
//     (the copy in tests/data/tcpd has its keys sorted as strings).
#pragma once

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/detect/scoring.hpp"

namespace lf::tcpd {

struct Series {
  std::string name;
  std::size_t n = 0;                            // observations (n_obs)
  std::vector<double> timestamps;               // TCPD's time.index
  std::vector<std::vector<double>> dimensions;  // z-scored, NaN where missing
  std::size_t missing = 0;                      // missing cells, all dimensions
  bool synthetic = false;                       // quality_control_*: not averaged
  std::vector<detect::ChangePoints> annotations;
};

// Every series named in `directory`/annotations.json, sorted by name.
Result<std::vector<Series>> load_dataset(const std::filesystem::path& directory);

// (x - mean) / sd (n - 1) over the finite values; NaN stays NaN.
std::vector<double> z_score(std::span<const double> values);

// The whole text of a file, or storage_error.
Result<std::string> read_text(const std::filesystem::path& path);

}  // namespace lf::tcpd
