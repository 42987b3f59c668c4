#include "detection_report_json.hpp"

#include "lf/api/detection_report.hpp"

namespace lf::api {
namespace {

using namespace json_read;

Json encode_parameters(const detect::ParameterList& list) {
  Json parameters = Json::object();
  for (const auto& p : list) parameters[p.name] = number_value(p.value);
  return parameters;
}

}  // namespace

Json encode_detection_report(const detect::DetectionReport& report) {
  Json out;
  out["samples"] = report.samples;
  out["accepted"] = report.counts.accepted;
  out["clipped"] = report.counts.clipped;
  out["dropped"] = report.counts.dropped;
  Json detectors = Json::array();
  for (const auto& d : report.detectors) {
    Json detector = {
        {"name", d.name}, {"version", d.version}, {"parameters", encode_parameters(d.parameters)}};
    if (!d.members.empty()) {
      Json members = Json::array();
      for (const auto& m : d.members) {
        members.push_back({{"name", m.name},
                           {"version", m.version},
                           {"parameters", encode_parameters(m.parameters)},
                           {"weight", number_value(m.weight)}});
      }
      detector["members"] = std::move(members);
    }
    detectors.push_back(std::move(detector));
  }
  out["detectors"] = std::move(detectors);
  Json alerts = Json::array();
  for (const auto& a : report.alerts) {
    Json alert = {
        {"detector", a.detector}, {"version", a.version},
        {"index", a.index},       {"timestamp", number_value(a.timestamp)},
        {"kind", a.kind},         {"severity", std::string(detect::to_string(a.severity))},
        {"score", a.score}};
    // Only when present, so detectors without them answer as before.
    if (!a.detail.empty()) alert["detail"] = a.detail;
    if (!a.members.empty()) alert["members"] = a.members;
    alerts.push_back(std::move(alert));
  }
  out["alerts"] = std::move(alerts);
  return out;
}

std::string detection_report_json(const detect::DetectionReport& report) {
  return json_read::dump(encode_detection_report(report));
}

}  // namespace lf::api
