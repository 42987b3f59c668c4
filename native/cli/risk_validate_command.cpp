#include "cli/risk_validate_command.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "cli/verify_cli_io.hpp"
#include "lf/api/dispatch.hpp"

namespace lf::cli {
namespace {

using nlohmann::json;

constexpr int kRejected = 3;

std::string figure(const json& value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value.get<double>());
  return text;
}

// ACCEPTED or REJECTED, the four figures, and each failed check against its
// threshold.
void print_verdict(const json& v, std::ostream& out) {
  const json& s = v["statistics"];
  out << (v["accepted"].get<bool>() ? "ACCEPTED" : "REJECTED") << "  p " << figure(s["p_value"])
      << ", EV " << figure(s["expected_value"]) << ", Sharpe " << figure(s["sharpe"])
      << ", confidence " << figure(s["confidence"]) << "\n";
  if (v.contains("sample")) {
    const json& sample = v["sample"];
    out << "from " << sample["samples"].get<long>() << " returns: mean " << figure(sample["mean"])
        << ", sd " << figure(sample["standard_deviation"]) << ", t "
        << figure(sample["t_statistic"]) << ", " << figure(sample["periods_per_year"])
        << " periods/year\n";
  }
  for (const json& r : v["rejections"]) {
    out << r["code"].get<std::string>() << ": " << figure(r["value"]) << " (threshold "
        << figure(r["threshold"]) << ")\n";
  }
}

}  // namespace

int run_risk_validate(const RiskValidateOptions& options, std::ostream& out, std::ostream& err) {
  auto text = read_whole_file(options.file);
  if (!text) return report(err, "risk validate", text.error());
  const api::Response response = api::dispatch("risk/validate", *text);
  const json body = json::parse(response.body, nullptr, false);
  if (response.status != 200) {
    err << "lf risk validate: " << body["error"]["message"].get<std::string>() << " ["
        << body["error"]["code"].get<std::string>() << "]\n";
    return 1;
  }
  if (options.json) {
    out << response.body << "\n";
  } else {
    print_verdict(body, out);
  }
  return body["accepted"].get<bool>() ? 0 : kRejected;
}

CLI::App* add_risk_validate_command(CLI::App& risk, RiskValidateOptions& options) {
  auto* validate = risk.add_subcommand(
      "validate",
      "Validate a signal (p-value, EV, Sharpe, confidence) from a JSON risk/validate request; "
      "exit 0 accepted, 3 rejected");
  validate->add_option("file", options.file, "JSON risk/validate request (see docs/API.md)")
      ->required()
      ->check(CLI::ExistingFile);
  validate->add_flag("--json", options.json, "print the API's JSON response instead of a report");
  return validate;
}

}  // namespace lf::cli
