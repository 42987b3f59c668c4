#include "cli/emergence_command.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <ostream>

#include "cli/route_call.hpp"
#include "cli/table_input.hpp"

namespace lf::cli {
namespace {

using nlohmann::json;

void print_report(const json& r, std::ostream& out) {
  const std::string units = r["units"].get<std::string>();
  if (r["psi"].is_number()) {
    char line[160];
    std::snprintf(line, sizeof line, "psi   %10.6f %s   (> 0: causally emergent)\n",
                  r["psi"].get<double>(), units.c_str());
    out << line;
    std::snprintf(line, sizeof line, "delta %10.6f %s   (> 0: downward causation)\n",
                  r["delta"].get<double>(), units.c_str());
    out << line;
    std::snprintf(line, sizeof line,
                  "gamma %10.6f %s   (psi > 0 and gamma = 0: causal decoupling)\n",
                  r["gamma"].get<double>(), units.c_str());
    out << line;
  }
  if (r.contains("validation")) {
    const json& v = r["validation"];
    out << "labelling " << (v["accepted"].get<bool>() ? "accepted" : "rejected") << "\n";
    for (const auto& reason : v["reasons"]) out << "  " << reason.get<std::string>() << "\n";
  }
}

}  // namespace

CLI::App* add_emergence_command(CLI::App& app, EmergenceOptions& options) {
  auto* emergence = app.add_subcommand(
      "emergence", "Causal emergence (psi, delta, gamma) of a macro column over micro columns");
  emergence
      ->add_option("file", options.file,
                   "CSV (header row), TCPD JSON, or whitespace-separated numeric text")
      ->required()
      ->check(CLI::ExistingFile);
  emergence->add_option("--macro,-m", options.macro, "macro column (name or 0-based index)")
      ->required();
  emergence->add_option("--micro,-x", options.micro, "micro columns, comma-separated")
      ->required()
      ->delimiter(',');
  emergence
      ->add_option("--estimator,-e", options.estimator,
                   "gaussian (default, nats) or discrete (bits)")
      ->check(CLI::IsMember({"gaussian", "discrete"}));
  emergence->add_option("--lag", options.lag, "time lag tau (default 1)");
  emergence->add_option("--bins", options.bins,
                        "discrete: quantile bins for the micro columns (default 0: symbols)");
  emergence->add_flag("--validate", options.validate,
                      "treat the macro column as a regime labelling and accept or reject it");
  emergence->add_option("--threshold", options.threshold,
                        "with --validate, the least psi to accept (default 0.1)");
  emergence->add_flag("--json", options.json, "print the API's JSON response");
  return emergence;
}

int run_emergence(const EmergenceOptions& options, std::ostream& out, std::ostream& err) {
  auto table = load_table(options.file);
  if (!table) {
    print_error("emergence", table.error(), err);
    return 1;
  }
  auto macro = find_column(*table, options.macro);
  if (!macro) {
    print_error("emergence", macro.error(), err);
    return 1;
  }
  auto micro = find_columns(*table, options.micro);
  if (!micro) {
    print_error("emergence", micro.error(), err);
    return 1;
  }
  json micro_series = json::array();
  for (const std::size_t c : *micro) micro_series.push_back(table->columns[c]);
  json request{{"macro", table->columns[*macro]},
               {"micro", micro_series},
               {"estimator", options.estimator},
               {"lag", options.lag}};
  if (options.estimator == "discrete" && options.bins > 0) {
    request["micro_binning"] = {{"binning", "quantile"}, {"bins", options.bins}};
  }
  if (options.validate) request["validate"] = {{"threshold", options.threshold}};
  const auto reply = call_route("emergence", request, "emergence", err);
  if (!reply) return 1;
  if (options.json) {
    out << reply->body << "\n";
  } else {
    print_report(reply->parsed, out);
  }
  return 0;
}

}  // namespace lf::cli
