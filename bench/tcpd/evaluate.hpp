// One detector configuration on one series, scored as TCPDBench scores.
//
// Each dimension is run on its own: the detector sees the dimension's
// samples with the missing ones skipped (validation policy `drop`), and its
// alert indices are mapped back to positions in the full series. A detector's
// change points are its alert indices, whatever the alert kind.
//
// Multivariate series (n_dim > 1) merge the dimensions' change points: their
// union, sorted, in which a point within `margin` of the last point kept is
// dropped (a cluster keeps its earliest member). Points closer than the
// margin cannot both be true positives for one annotated change, so keeping
// both could only add a false positive. A univariate series passes through
// unchanged.
//
// The merged points then get TCPDBench's cleanup (clean_change_points:
// unique, 1 <= index <= n - 2) before F1 (margin 5) and cover.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dataset.hpp"
#include "lf/detect/parameters.hpp"
#include "lf/detect/scoring.hpp"

namespace lf::tcpd {

struct Score {
  detect::ChangePoints change_points;  // as scored (merged and cleaned)
  detect::F1Score f1{};
  double cover = 0.0;
};

struct Run {
  bool ok = false;
  std::string error;  // why the detector could not run, when !ok
  Score score;        // zero when !ok, as TCPDBench scores a failed run
};

Score score_change_points(const Series& series, std::span<const std::size_t> change_points,
                          std::int64_t margin);

// The detector's change points on the series (per dimension, merged), in
// this process.
Result<detect::ChangePoints> detect_change_points(const Series& series, std::string_view detector,
                                                  const detect::ParameterList& parameters,
                                                  std::int64_t margin);

// detect_change_points in a child process (isolate.hpp), scored. A detector
// that fails, or crashes, gives a failed run with the reason.
Run run_configuration(const Series& series, std::string_view detector,
                      const detect::ParameterList& parameters, std::int64_t margin);

detect::ChangePoints merge_dimensions(const std::vector<detect::ChangePoints>& per_dimension,
                                      std::int64_t margin);

// The best of a grid on one series, F1 and cover chosen separately; the
// first configuration wins a tie. Failed configurations are counted and
// skipped; with none successful both scores are 0.
struct OracleResult {
  std::size_t configurations = 0;
  std::size_t failed = 0;
  std::string first_error;
  double best_f1 = 0.0;
  detect::ParameterList best_f1_parameters;
  double best_cover = 0.0;
  detect::ParameterList best_cover_parameters;
};

OracleResult run_grid(const Series& series, std::string_view detector,
                      std::span<const detect::ParameterList> grid, std::int64_t margin);

}  // namespace lf::tcpd
