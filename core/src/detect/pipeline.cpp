#include "lf/detect/pipeline.hpp"

#include <algorithm>
#include <memory>

#include "lf/detect/registry.hpp"

namespace lf::detect {
namespace {

Result<std::vector<std::unique_ptr<Detector>>> build_detectors(
    std::span<const DetectorRequest> requests) {
  std::vector<std::unique_ptr<Detector>> built;
  if (requests.empty()) {
    for (const auto& info : detector_catalog()) {
      auto detector = make_detector(info.name);
      if (!detector) return std::move(detector).error();
      built.push_back(std::move(*detector));
    }
    return built;
  }
  for (const auto& request : requests) {
    auto detector = make_detector(request.name, request.parameters, request.members);
    if (!detector) return std::move(detector).error();
    built.push_back(std::move(*detector));
  }
  return built;
}

}  // namespace

Result<DetectionReport> run_detection(const signal::Series& series,
                                      std::span<const DetectorRequest> detectors,
                                      const signal::ValidationPolicy& policy) {
  auto built = build_detectors(detectors);
  if (!built) return std::move(built).error();
  auto validated = signal::validate_series(series, policy);
  if (!validated) return std::move(validated).error();

  DetectionReport report;
  report.samples = series.size();
  report.counts = validated->counts;
  const auto& clean = validated->series;

  for (auto& detector : *built) {
    // Validated input is finite and strictly increasing: push cannot fail.
    (void)detector->push(clean.values, clean.timestamps);
    report.detectors.push_back(DetectorDescription{std::string(detector->name()),
                                                   std::string(detector->version()),
                                                   detector->parameters(), detector->members()});
    for (auto& alert : detector->take_alerts()) {
      alert.index = validated->source_indices[alert.index];
      report.alerts.push_back(std::move(alert));
    }
  }
  // Stable: alerts of one index keep the request's detector order.
  std::stable_sort(report.alerts.begin(), report.alerts.end(),
                   [](const Alert& a, const Alert& b) { return a.index < b.index; });
  return report;
}

}  // namespace lf::detect
