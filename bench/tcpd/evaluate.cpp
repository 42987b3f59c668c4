#include "evaluate.hpp"

#include <algorithm>
#include <utility>

#include "isolate.hpp"
#include "lf/detect/pipeline.hpp"
#include "lf/signal/validate.hpp"

namespace lf::tcpd {

Score score_change_points(const Series& series, std::span<const std::size_t> change_points,
                          std::int64_t margin) {
  Score score;
  score.change_points = detect::clean_change_points(change_points, series.n);
  // Cleaned points lie in [1, n - 2] and the annotations were read from TCPD:
  // scoring cannot fail unless the data files are corrupt.
  auto f1 = detect::f1_score(series.annotations, score.change_points, series.n, margin);
  auto cover = detect::segmentation_cover(series.annotations, score.change_points, series.n);
  if (f1) score.f1 = *f1;
  if (cover) score.cover = *cover;
  return score;
}

detect::ChangePoints merge_dimensions(const std::vector<detect::ChangePoints>& per_dimension,
                                      std::int64_t margin) {
  if (per_dimension.size() == 1) return per_dimension.front();
  detect::ChangePoints all;
  for (const auto& points : per_dimension) all.insert(all.end(), points.begin(), points.end());
  std::sort(all.begin(), all.end());
  detect::ChangePoints merged;
  for (const std::size_t point : all) {
    if (merged.empty() || point > merged.back() + static_cast<std::size_t>(margin)) {
      merged.push_back(point);
    }
  }
  return merged;
}

Result<detect::ChangePoints> detect_change_points(const Series& series, std::string_view detector,
                                                  const detect::ParameterList& parameters,
                                                  std::int64_t margin) {
  signal::ValidationPolicy skip_missing;
  skip_missing.non_finite = signal::InvalidSamplePolicy::drop;
  detect::DetectorRequest request;
  request.name = std::string(detector);
  request.parameters = parameters;

  std::vector<detect::ChangePoints> per_dimension;
  for (const auto& values : series.dimensions) {
    const signal::Series input{series.name, series.timestamps, values};
    auto report = detect::run_detection(input, std::span(&request, 1), skip_missing);
    if (!report) return std::move(report).error();
    detect::ChangePoints points;
    for (const auto& alert : report->alerts) points.push_back(alert.index);
    per_dimension.push_back(std::move(points));
  }
  return merge_dimensions(per_dimension, margin);
}

Run run_configuration(const Series& series, std::string_view detector,
                      const detect::ParameterList& parameters, std::int64_t margin) {
  const IsolatedResult result =
      run_isolated([&] { return detect_change_points(series, detector, parameters, margin); });
  if (!result.ok) return Run{false, result.error, {}};
  return Run{true, {}, score_change_points(series, result.change_points, margin)};
}

OracleResult run_grid(const Series& series, std::string_view detector,
                      std::span<const detect::ParameterList> grid, std::int64_t margin) {
  OracleResult oracle;
  bool any_success = false;
  for (const auto& parameters : grid) {
    ++oracle.configurations;
    const Run run = run_configuration(series, detector, parameters, margin);
    if (!run.ok) {
      if (oracle.failed++ == 0) oracle.first_error = run.error;
      continue;
    }
    if (!any_success || run.score.f1.f1 > oracle.best_f1) {
      oracle.best_f1 = run.score.f1.f1;
      oracle.best_f1_parameters = parameters;
    }
    if (!any_success || run.score.cover > oracle.best_cover) {
      oracle.best_cover = run.score.cover;
      oracle.best_cover_parameters = parameters;
    }
    any_success = true;
  }
  return oracle;
}

}  // namespace lf::tcpd
