#include "ui/workspace.hpp"

#include <algorithm>
#include <utility>

#include "lf/detect/registry.hpp"
#include "lf/signal/validate.hpp"

namespace lf::ui {

// The streaming detectors of a live series, one per DetectorChoice.
struct Workspace::LiveDetectors {
  std::vector<std::unique_ptr<detect::Detector>> detectors;
};

namespace {

std::vector<detect::DetectorRequest> requests_for(const std::vector<DetectorChoice>& choices) {
  std::vector<detect::DetectorRequest> requests;
  requests.reserve(choices.size());
  for (const auto& choice : choices) requests.push_back({choice.name, choice.overrides, {}});
  return requests;
}

// Finite values and strictly ascending timestamps (also after `previous`, the
// last timestamp already held), checked the way every shell checks a series.
Status check_samples(std::span<const double> timestamps, std::span<const double> values,
                     const double* previous) {
  if (timestamps.size() != values.size()) {
    return make_error(ErrorCode::length_mismatch, "timestamps and values differ in length (" +
                                                      std::to_string(timestamps.size()) + " vs " +
                                                      std::to_string(values.size()) + ")");
  }
  signal::Series series;
  if (previous) {
    // The held sample leads, so ordering is checked across the boundary.
    series.timestamps.push_back(*previous);
    series.values.push_back(0.0);
  }
  series.timestamps.insert(series.timestamps.end(), timestamps.begin(), timestamps.end());
  series.values.insert(series.values.end(), values.begin(), values.end());
  auto validated = signal::validate_series(series, signal::ValidationPolicy{});
  if (!validated) return std::move(validated).error();
  return {};
}

// Alerts ordered as run_detection orders them: by sample index, then by the
// detector's position in the request (stable sort keeps that second order).
void append_in_report_order(std::vector<detect::Alert>& all,
                            std::vector<std::vector<detect::Alert>> per_detector) {
  std::vector<detect::Alert> batch;
  for (auto& alerts : per_detector) {
    for (auto& alert : alerts) batch.push_back(std::move(alert));
  }
  std::stable_sort(batch.begin(), batch.end(), [](const detect::Alert& a, const detect::Alert& b) {
    return a.index < b.index;
  });
  for (auto& alert : batch) all.push_back(std::move(alert));
}

}  // namespace

Workspace::Workspace() = default;
Workspace::~Workspace() = default;

std::vector<DetectorChoice> default_detectors() {
  return {{"phase_transition", {}}, {"variance_compression", {}}};
}

const Series* Workspace::find(std::string_view name) const noexcept {
  for (const auto& s : series_) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

Status Workspace::add_series(Series series) {
  if (auto s = check_samples(series.timestamps, series.values, nullptr); !s) return s;
  series.live = false;
  series.pyramid.clear();
  series.pyramid.append(series.values);
  auto same = std::find_if(series_.begin(), series_.end(), [&](const Series& s) {
    return s.name == series.name && s.origin == series.origin;
  });
  std::size_t index = static_cast<std::size_t>(same - series_.begin());
  if (same == series_.end()) {
    series_.push_back(std::move(series));
    live_.push_back(nullptr);
  } else {
    *same = std::move(series);
    live_[index] = nullptr;
  }
  ++revision_;
  return analyse(index);
}

void Workspace::remove_series(std::size_t index) {
  if (index >= series_.size()) return;
  series_.erase(series_.begin() + static_cast<std::ptrdiff_t>(index));
  live_.erase(live_.begin() + static_cast<std::ptrdiff_t>(index));
  ++revision_;
}

void Workspace::clear() {
  series_.clear();
  live_.clear();
  ++revision_;
}

Status Workspace::set_detectors(std::size_t index, std::vector<DetectorChoice> detectors) {
  if (index >= series_.size()) {
    return make_error(ErrorCode::invalid_argument, "no series " + std::to_string(index));
  }
  series_[index].detectors = std::move(detectors);
  ++revision_;
  return analyse(index);
}

Status Workspace::add_live_series(std::string name, std::string origin,
                                  std::vector<DetectorChoice> detectors) {
  Series series;
  series.name = std::move(name);
  series.origin = std::move(origin);
  series.live = true;
  series.detectors = std::move(detectors);
  series_.push_back(std::move(series));
  live_.push_back(std::make_unique<LiveDetectors>());
  ++revision_;
  return analyse(series_.size() - 1);
}

Status Workspace::append_live(std::size_t index, std::span<const double> timestamps,
                              std::span<const double> values) {
  if (index >= series_.size() || !series_[index].live) {
    return make_error(ErrorCode::invalid_argument,
                      "series " + std::to_string(index) + " is not a live series");
  }
  Series& series = series_[index];
  const double* previous = series.timestamps.empty() ? nullptr : &series.timestamps.back();
  if (auto s = check_samples(timestamps, values, previous); !s) return s;

  series.timestamps.insert(series.timestamps.end(), timestamps.begin(), timestamps.end());
  series.values.insert(series.values.end(), values.begin(), values.end());
  series.pyramid.append(values);
  if (series.analysis_error.empty()) {
    std::vector<std::vector<detect::Alert>> raised;
    for (auto& detector : live_[index]->detectors) {
      // The samples were checked above, so a detector cannot refuse them.
      (void)detector->push(values, timestamps);
      raised.push_back(detector->take_alerts());
    }
    const std::size_t before = series.alerts.size();
    append_in_report_order(series.alerts, std::move(raised));
    if (series.alerts.size() != before) series.alerts_revision = ++alerts_generation_;
  }
  ++revision_;
  return {};
}

Status Workspace::analyse(std::size_t index) {
  Series& series = series_[index];
  series.alerts_revision = ++alerts_generation_;
  series.alerts.clear();
  series.detector_descriptions.clear();
  series.analysis_error.clear();

  if (series.live) {
    // Streaming detectors, replayed over the samples already held so a
    // parameter change shows what the new settings would have raised.
    auto& live = *live_[index];
    live.detectors.clear();
    for (const auto& choice : series.detectors) {
      auto detector = detect::make_detector(choice.name, choice.overrides);
      if (!detector) {
        series.analysis_error = detector.error().message;
        live.detectors.clear();
        return std::move(detector).error();
      }
      series.detector_descriptions.push_back({std::string((*detector)->name()),
                                              std::string((*detector)->version()),
                                              (*detector)->parameters(), (*detector)->members()});
      live.detectors.push_back(std::move(*detector));
    }
    std::vector<std::vector<detect::Alert>> raised;
    for (auto& detector : live.detectors) {
      if (!series.values.empty()) (void)detector->push(series.values, series.timestamps);
      raised.push_back(detector->take_alerts());
    }
    append_in_report_order(series.alerts, std::move(raised));
    return {};
  }

  if (series.detectors.empty()) return {};
  signal::Series input{series.name, series.timestamps, series.values};
  const auto requests = requests_for(series.detectors);
  auto report = detect::run_detection(input, requests, signal::ValidationPolicy{});
  if (!report) {
    series.analysis_error = report.error().message;
    return std::move(report).error();
  }
  series.detector_descriptions = std::move(report->detectors);
  series.alerts = std::move(report->alerts);
  return {};
}

}  // namespace lf::ui
