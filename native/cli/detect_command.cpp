#include "cli/detect_command.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "cli/detector_spec.hpp"
#include "lf/api/dispatch.hpp"

namespace lf::cli {
namespace {

using nlohmann::json;

json parameters_object(const detect::ParameterList& list) {
  json parameters = json::object();
  for (const auto& p : list) parameters[p.name] = p.value;
  return parameters;
}

// --member entries, given to every consensus detector of the request.
Result<json> build_members(const DetectOptions& options) {
  json members = json::array();
  for (const auto& spec : options.members) {
    auto member = parse_member_spec(spec);
    if (!member) return std::move(member).error();
    members.push_back({{"name", member->name},
                       {"parameters", parameters_object(member->parameters)},
                       {"weight", member->weight}});
  }
  return members;
}

Result<json> build_request(const DetectOptions& options, const signal::Series& series) {
  auto members = build_members(options);
  if (!members) return std::move(members).error();
  json detectors = json::array();
  bool has_consensus = false;
  for (const auto& spec : options.detectors) {
    auto request = parse_detector_spec(spec);
    if (!request) return std::move(request).error();
    json detector = {{"name", request->name},
                     {"parameters", parameters_object(request->parameters)}};
    if (request->name == "consensus" && !members->empty()) {
      detector["members"] = *members;
      has_consensus = true;
    }
    detectors.push_back(std::move(detector));
  }
  if (!members->empty() && !has_consensus) {
    return make_error(ErrorCode::invalid_argument,
                      "--member configures a consensus detector: add --detector consensus");
  }
  // NaN (a missing cell) serialises as null, which the API reads as missing.
  json request = {
      {"series",
       {{"name", series.name}, {"values", series.values}, {"timestamps", series.timestamps}}}};
  if (!detectors.empty()) request["detectors"] = detectors;
  json validation = json::object();
  if (options.drop_invalid) {
    validation["non_finite"] = "drop";
    validation["out_of_order"] = "drop";
  }
  if (options.clip_sigma != 0.0) validation["clip_sigma"] = options.clip_sigma;
  if (!validation.empty()) request["validation"] = validation;
  return request;
}

std::string describe_parameters(const json& parameters) {
  std::string text;
  for (auto it = parameters.begin(); it != parameters.end(); ++it) {
    text += (text.empty() ? "" : ", ") + it.key() + "=" + it.value().dump();
  }
  return text;
}

void print_table(const DetectOptions& options, const std::string& column, const json& response,
                 std::ostream& out) {
  out << options.file << ", column \"" << column << "\": " << response["samples"].get<long>()
      << " samples (" << response["accepted"].get<long>() << " accepted, "
      << response["clipped"].get<long>() << " clipped, " << response["dropped"].get<long>()
      << " dropped)\n";
  for (const auto& d : response["detectors"]) {
    out << "  " << d["name"].get<std::string>() << " " << d["version"].get<std::string>() << " ("
        << describe_parameters(d["parameters"]) << ")\n";
    if (!d.contains("members")) continue;
    for (const auto& m : d["members"]) {
      out << "    member " << m["name"].get<std::string>() << " " << m["version"].get<std::string>()
          << ", weight " << m["weight"].dump() << " (" << describe_parameters(m["parameters"])
          << ")\n";
    }
  }
  const auto& alerts = response["alerts"];
  if (alerts.empty()) {
    out << "no alerts\n";
    return;
  }
  char line[160];
  std::snprintf(line, sizeof line, "\n%7s  %14s  %-22s  %-16s  %-8s  %10s\n", "index", "timestamp",
                "detector", "kind", "severity", "score");
  out << line;
  for (const auto& a : alerts) {
    std::snprintf(line, sizeof line, "%7ld  %14.6g  %-22s  %-16s  %-8s  %10.4g",
                  a["index"].get<long>(), a["timestamp"].get<double>(),
                  a["detector"].get<std::string>().c_str(), a["kind"].get<std::string>().c_str(),
                  a["severity"].get<std::string>().c_str(), a["score"].get<double>());
    out << line;
    // Context, when the detector gives it: its detail, then the agreeing members.
    if (a.contains("detail")) out << "  " << a["detail"].get<std::string>();
    if (a.contains("members")) {
      std::string names;
      for (const auto& m : a["members"])
        names += (names.empty() ? "" : ", ") + m.get<std::string>();
      out << " [" << names << "]";
    }
    out << "\n";
  }
  out << alerts.size() << (alerts.size() == 1 ? " alert\n" : " alerts\n");
}

}  // namespace

int run_detect(const DetectOptions& options, std::ostream& out, std::ostream& err) {
  auto series = load_series(options.file, options.input);
  if (!series) {
    err << "lf detect: " << series.error().message << " [" << to_string(series.error().code)
        << "]\n";
    return 1;
  }
  auto request = build_request(options, *series);
  if (!request) {
    err << "lf detect: " << request.error().message << " [" << to_string(request.error().code)
        << "]\n";
    return 1;
  }
  const auto response = api::dispatch("detect", request->dump());
  if (response.status != 200) {
    const json body = json::parse(response.body, nullptr, false);
    err << "lf detect: " << body["error"]["message"].get<std::string>() << " ["
        << body["error"]["code"].get<std::string>() << "]\n";
    return 1;
  }
  if (options.json) {
    out << response.body << "\n";
  } else {
    print_table(options, series->name, json::parse(response.body, nullptr, false), out);
  }
  return 0;
}

}  // namespace lf::cli
