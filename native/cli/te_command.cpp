#include "cli/te_command.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <ostream>

#include "cli/route_call.hpp"
#include "cli/table_input.hpp"

namespace lf::cli {
namespace {

using nlohmann::json;

json te_request(const TeOptions& options, const std::vector<double>& source,
                const std::vector<double>& target) {
  json request{{"source", source},
               {"target", target},
               {"estimator", options.estimator},
               {"embedding",
                {{"target_history", options.history},
                 {"source_history", options.source_history},
                 {"lag", options.lag}}}};
  if (options.estimator == "ksg") {
    request["ksg"] = {{"k", options.k},
                      {"theiler_window", options.theiler},
                      {"normalisation", options.normalisation}};
  }
  if (options.estimator == "discrete" && options.bins > 0) {
    request["discrete"] = {{"binning", "quantile"}, {"bins", options.bins}};
  }
  if (options.surrogates > 0) {
    request["surrogates"] = {{"count", options.surrogates}, {"seed", options.seed}};
  }
  return request;
}

}  // namespace

CLI::App* add_te_command(CLI::App& app, TeOptions& options) {
  auto* te = app.add_subcommand("te", "Transfer entropy from one column to another (nats)");
  te->add_option("file", options.file,
                 "CSV (header row), TCPD JSON, or whitespace-separated numeric text")
      ->required()
      ->check(CLI::ExistingFile);
  te->add_option("--source,-s", options.source, "source column, by name or 0-based index")
      ->required();
  te->add_option("--target,-t", options.target, "target column, by name or 0-based index")
      ->required();
  te->add_option("--estimator,-e", options.estimator, "ksg (default), gaussian or discrete")
      ->check(CLI::IsMember({"ksg", "gaussian", "discrete"}));
  te->add_option("--k", options.k, "KSG nearest neighbours (default 4)");
  te->add_option("--history", options.history, "target history length (default 1)");
  te->add_option("--source-history", options.source_history, "source history length (default 1)");
  te->add_option("--lag", options.lag, "source-to-target lag (default 1)");
  te->add_option("--theiler", options.theiler,
                 "KSG dynamic correlation exclusion window (default 0: only the point itself)");
  te->add_option("--normalisation", options.normalisation,
                 "KSG: series (default), embedded (JIDT's NORMALISE) or none")
      ->check(CLI::IsMember({"series", "embedded", "none"}));
  te->add_option("--bins", options.bins,
                 "discrete: quantile bins per series (default 0: the values are symbols)");
  te->add_option("--surrogates", options.surrogates,
                 "number of shuffled-source surrogates for a p-value (default 0: no test)");
  te->add_option("--seed", options.seed, "surrogate seed (default 0)");
  te->add_flag("--json", options.json, "print the API's JSON response");
  return te;
}

int run_te(const TeOptions& options, std::ostream& out, std::ostream& err) {
  auto table = load_table(options.file);
  if (!table) {
    print_error("te", table.error(), err);
    return 1;
  }
  auto source = find_column(*table, options.source);
  if (!source) {
    print_error("te", source.error(), err);
    return 1;
  }
  auto target = find_column(*table, options.target);
  if (!target) {
    print_error("te", target.error(), err);
    return 1;
  }
  const auto reply = call_route(
      "te", te_request(options, table->columns[*source], table->columns[*target]), "te", err);
  if (!reply) return 1;
  if (options.json) {
    out << reply->body << "\n";
    return 0;
  }
  const json& r = reply->parsed;
  char line[256];
  std::snprintf(line, sizeof line, "TE(%s -> %s) = %.7f nats  (%s, %ld observations)\n",
                table->column_names[*source].c_str(), table->column_names[*target].c_str(),
                r["te"].get<double>(), r["estimator"].get<std::string>().c_str(),
                r["observations"].get<long>());
  out << line;
  if (r.contains("significance")) {
    const json& s = r["significance"];
    std::snprintf(line, sizeof line, "p = %.4g against %ld surrogates (mean %.5f, sd %.5f)\n",
                  s["p_value"].get<double>(), s["surrogates"]["count"].get<long>(),
                  s["surrogate_mean"].get<double>(), s["surrogate_std"].get<double>());
    out << line;
  }
  return 0;
}

}  // namespace lf::cli
