#include "cli/fuse_command.hpp"

#include <array>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <string>

#include "lf/api/dispatch.hpp"

namespace lf::cli {
namespace {

using nlohmann::json;

constexpr std::array<const char*, 4> kMeasures{"belief", "plausibility", "commonality",
                                               "pignistic"};

bool read_text(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return !in.bad();
}

// The request with --rule applied. Text that is not a JSON object goes to the
// API unchanged, so its error is the API's (json_parse_error, schema_error).
std::string build_request(const std::string& text, const FuseOptions& options) {
  if (!options.rule) return text;
  json request = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!request.is_object()) return text;
  request["rule"] = *options.rule;
  return request.dump();
}

std::string describe_set(const json& names) {
  std::string text = "{";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += ", ";
    text += names[i].get<std::string>();
  }
  text += '}';
  return text;
}

void print_report(const json& response, std::ostream& out) {
  const auto& hypotheses = response["hypotheses"];
  out << "rule " << response["rule"].get<std::string>() << ", " << response["sources"].size()
      << (response["sources"].size() == 1 ? " source" : " sources") << " over "
      << describe_set(hypotheses) << "\n";
  const double conflict = response["conflict"].get<double>();
  const double threshold = response["contested_threshold"].get<double>();
  char line[200];
  const auto& weight = response["weight_of_conflict"];
  if (weight.is_null()) {
    std::snprintf(line, sizeof line, "conflict K = %.6g (total), weight of conflict infinite\n",
                  conflict);
  } else {
    std::snprintf(line, sizeof line, "conflict K = %.6g, weight of conflict -ln(1-K) = %.6g\n",
                  conflict, weight.get<double>());
  }
  out << line;
  if (response["contested"].get<bool>()) {
    std::snprintf(line, sizeof line,
                  "CONTESTED: K > %.6g, the sources disagree; read the result with care\n",
                  threshold);
    out << line;
  }

  out << "\nfused masses:\n";
  for (const auto& e : response["masses"]) {
    std::snprintf(line, sizeof line, "  %-32s %10.6f\n", describe_set(e["set"]).c_str(),
                  e["mass"].get<double>());
    out << line;
  }

  const auto& measures = response["measures"];
  if (measures.empty()) return;
  std::snprintf(line, sizeof line, "\n  %-32s", "set");
  out << line;
  for (const char* name : kMeasures) {
    if (!measures[0].contains(name)) continue;
    std::snprintf(line, sizeof line, " %12s", name);
    out << line;
  }
  out << "\n";
  for (const auto& m : measures) {
    std::snprintf(line, sizeof line, "  %-32s", describe_set(m["set"]).c_str());
    out << line;
    for (const char* name : kMeasures) {
      if (!m.contains(name)) continue;
      std::snprintf(line, sizeof line, " %12.6f", m[name].get<double>());
      out << line;
    }
    out << "\n";
  }
}

}  // namespace

int run_fuse(const FuseOptions& options, std::ostream& out, std::ostream& err) {
  std::string text;
  if (!read_text(options.file, text)) {
    err << "lf fuse: cannot read '" << options.file << "' [invalid_argument]\n";
    return 1;
  }
  const auto response = api::dispatch("fuse", build_request(text, options));
  if (response.status != 200) {
    const json body = json::parse(response.body, nullptr, false);
    err << "lf fuse: " << body["error"]["message"].get<std::string>() << " ["
        << body["error"]["code"].get<std::string>() << "]\n";
    return 1;
  }
  if (options.json) {
    out << response.body << "\n";
  } else {
    print_report(json::parse(response.body, nullptr, false), out);
  }
  return 0;
}

}  // namespace lf::cli
