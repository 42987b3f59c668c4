#include "ui/alerts_export.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "lf/api/detection_report.hpp"

namespace lf::ui {
namespace {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

// Shortest text that reads back as the same double.
std::string number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

}  // namespace

std::string detection_json(const Series& series) {
  detect::DetectionReport report;
  report.samples = series.values.size();
  report.counts.accepted = series.values.size();
  report.detectors = series.detector_descriptions;
  report.alerts = series.alerts;
  return api::detection_report_json(report);
}

std::string alerts_csv(const Workspace& workspace) {
  std::string out = "series,origin,index,timestamp,detector,version,kind,severity,score,detail\n";
  for (const auto& series : workspace.series()) {
    for (const auto& a : series.alerts) {
      out += csv_field(series.name) + "," + csv_field(series.origin) + "," +
             std::to_string(a.index) + "," + number_text(a.timestamp) + "," +
             csv_field(a.detector) + "," + csv_field(a.version) + "," + csv_field(a.kind) + "," +
             std::string(detect::to_string(a.severity)) + "," + number_text(a.score) + "," +
             csv_field(a.detail) + "\n";
    }
  }
  return out;
}

std::string alerts_json(const Workspace& workspace) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& series : workspace.series()) {
    out.push_back({{"series", series.name},
                   {"origin", series.origin},
                   {"detection", nlohmann::json::parse(detection_json(series), nullptr, false)}});
  }
  return out.dump(2) + "\n";
}

}  // namespace lf::ui
