#include "cli/graph_command.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <ostream>

#include "cli/route_call.hpp"
#include "cli/table_input.hpp"

namespace lf::cli {
namespace {

using nlohmann::json;

void print_report(const json& r, std::ostream& out) {
  const auto& names = r["nodes"];
  char cell[64];
  out << "transfer entropy (nats), row = source, column = target\n";
  std::snprintf(cell, sizeof cell, "%12s", "");
  out << cell;
  for (const auto& name : names) {
    std::snprintf(cell, sizeof cell, " %10.10s", name.get<std::string>().c_str());
    out << cell;
  }
  out << "\n";
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::snprintf(cell, sizeof cell, "%12.12s", names[i].get<std::string>().c_str());
    out << cell;
    for (std::size_t j = 0; j < names.size(); ++j) {
      if (i == j) {
        std::snprintf(cell, sizeof cell, " %10s", "-");
      } else {
        std::snprintf(cell, sizeof cell, " %10.5f", r["te"][i][j].get<double>());
      }
      out << cell;
    }
    out << "\n";
  }
  out << "\n" << r["edges"].size() << (r["edges"].size() == 1 ? " edge\n" : " edges\n");
  for (const auto& e : r["edges"]) {
    std::snprintf(cell, sizeof cell, "%.5f", e["te"].get<double>());
    out << "  " << names[e["source"].get<std::size_t>()].get<std::string>() << " -> "
        << names[e["target"].get<std::size_t>()].get<std::string>() << "  TE " << cell;
    if (e.contains("p_value")) {
      std::snprintf(cell, sizeof cell, "%.4g", e["p_value"].get<double>());
      out << "  p " << cell;
    }
    out << "\n";
  }
  out << "\nnode          in  out  betweenness  weighted\n";
  const auto& c = r["centrality"];
  for (std::size_t i = 0; i < names.size(); ++i) {
    char line[128];
    std::snprintf(line, sizeof line, "%-12.12s %3.0f  %3.0f  %11.4f  %8.4f\n",
                  names[i].get<std::string>().c_str(), c["in_degree"][i].get<double>(),
                  c["out_degree"][i].get<double>(), c["betweenness"][i].get<double>(),
                  c["weighted_betweenness"][i].get<double>());
    out << line;
  }
  std::snprintf(cell, sizeof cell, "%.4f", r["concentration"]["in_degree_gini"].get<double>());
  out << "in-degree Gini " << cell;
  std::snprintf(cell, sizeof cell, "%.4f", r["concentration"]["betweenness_gini"].get<double>());
  out << ", betweenness Gini " << cell << "\n";
}

}  // namespace

CLI::App* add_graph_command(CLI::App& app, GraphOptions& options) {
  auto* graph = app.add_subcommand(
      "graph", "Pairwise transfer-entropy graph of several columns, with centralities");
  graph
      ->add_option("file", options.file,
                   "CSV (header row), TCPD JSON, or whitespace-separated numeric text")
      ->required()
      ->check(CLI::ExistingFile);
  graph
      ->add_option("--columns,-c", options.columns,
                   "columns (names or 0-based indices); default all")
      ->delimiter(',');
  graph->add_option("--estimator,-e", options.estimator, "ksg (default), gaussian or discrete")
      ->check(CLI::IsMember({"ksg", "gaussian", "discrete"}));
  graph->add_option("--k", options.k, "KSG nearest neighbours (default 4)");
  graph->add_option("--history", options.history, "target history length (default 1)");
  graph->add_option("--theiler", options.theiler, "KSG dynamic correlation exclusion window");
  graph->add_option("--bins", options.bins,
                    "discrete: quantile bins per series (default 0: the values are symbols)");
  graph->add_option("--threshold", options.threshold,
                    "an edge needs TE above this (nats, default 0.05)");
  graph->add_option("--surrogates", options.surrogates,
                    "surrogates per pair for p-values (default 0: threshold only)");
  graph->add_option("--seed", options.seed, "surrogate seed (default 0)");
  graph->add_option("--alpha", options.alpha, "with surrogates, an edge needs p <= alpha");
  graph->add_flag("--json", options.json, "print the API's JSON response");
  return graph;
}

int run_graph(const GraphOptions& options, std::ostream& out, std::ostream& err) {
  auto table = load_table(options.file);
  if (!table) {
    print_error("graph", table.error(), err);
    return 1;
  }
  auto columns = find_columns(*table, options.columns);
  if (!columns) {
    print_error("graph", columns.error(), err);
    return 1;
  }
  json series = json::array();
  json names = json::array();
  for (const std::size_t c : *columns) {
    series.push_back(table->columns[c]);
    names.push_back(table->column_names[c]);
  }
  json request{{"series", series},
               {"names", names},
               {"estimator", options.estimator},
               {"embedding", {{"target_history", options.history}}},
               {"threshold", options.threshold}};
  if (options.estimator == "ksg") {
    request["ksg"] = {{"k", options.k}, {"theiler_window", options.theiler}};
  }
  if (options.estimator == "discrete" && options.bins > 0) {
    request["discrete"] = {{"binning", "quantile"}, {"bins", options.bins}};
  }
  if (options.surrogates > 0) {
    request["surrogates"] = {{"count", options.surrogates}, {"seed", options.seed}};
    request["alpha"] = options.alpha;
  }
  const auto reply = call_route("graph", request, "graph", err);
  if (!reply) return 1;
  if (options.json) {
    out << reply->body << "\n";
  } else {
    print_report(reply->parsed, out);
  }
  return 0;
}

}  // namespace lf::cli
