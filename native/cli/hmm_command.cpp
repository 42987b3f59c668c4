#include "cli/hmm_command.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <ostream>

#include "cli/route_call.hpp"
#include "cli/table_input.hpp"
#include "cli/verify_cli_io.hpp"

namespace lf::cli {
namespace {

using nlohmann::json;

void print_numbers(const json& values, std::ostream& out) {
  char cell[32];
  for (const auto& v : values) {
    std::snprintf(cell, sizeof cell, " %10.4g", v.get<double>());
    out << cell;
  }
}

void print_model(const json& r, std::ostream& out) {
  const json& model = r["model"];
  const bool gaussian = r["emissions"] == "gaussian";
  out << "state     initial" << (gaussian ? "        mean    variance" : "") << "  transitions"
      << (gaussian ? "" : " | emission probabilities") << "\n";
  for (std::size_t k = 0; k < model["initial"].size(); ++k) {
    char line[96];
    std::snprintf(line, sizeof line, "%5zu  %10.4g", k, model["initial"][k].get<double>());
    out << line;
    if (gaussian) {
      std::snprintf(line, sizeof line, "  %10.4g  %10.4g", model["means"][k].get<double>(),
                    model["variances"][k].get<double>());
      out << line;
    }
    print_numbers(model["transitions"][k], out);
    if (!gaussian) {
      out << " |";
      print_numbers(model["emission_probabilities"][k], out);
    }
    out << "\n";
  }
}

// The Viterbi path as runs of one state.
void print_regimes(const json& path, std::ostream& out) {
  out << "Viterbi regimes:\n     from        to  state\n";
  std::size_t start = 0;
  for (std::size_t t = 1; t <= path.size(); ++t) {
    if (t < path.size() && path[t] == path[start]) continue;
    char line[64];
    std::snprintf(line, sizeof line, "%9zu %9zu  %5zu\n", start, t - 1,
                  path[start].get<std::size_t>());
    out << line;
    start = t;
  }
}

void print_report(const HmmOptions& options, const std::string& column, const json& r,
                  std::ostream& out) {
  out << options.file << ", column \"" << column << "\": " << r["samples"].get<std::size_t>()
      << " samples, " << r["emissions"].get<std::string>() << " HMM with "
      << r["states"].get<std::size_t>() << " states";
  if (r.contains("fit")) {
    const json& fit = r["fit"];
    out << ", fitted (restart " << fit["restart"].get<std::size_t>() << " of "
        << fit["restarts"].get<std::size_t>() << ", " << fit["iterations"].get<std::size_t>()
        << " iterations, " << (fit["converged"].get<bool>() ? "converged" : "not converged") << ")";
  } else {
    out << ", given model";
  }
  char line[64];
  std::snprintf(line, sizeof line, "\nlog-likelihood %.10g\n", r["log_likelihood"].get<double>());
  out << line;
  print_model(r, out);
  print_regimes(r["viterbi"]["path"], out);
}

}  // namespace

CLI::App* add_hmm_command(CLI::App& app, HmmOptions& options) {
  auto* hmm = app.add_subcommand(
      "hmm", "Fit a hidden Markov model to one column (or decode it with a given model)");
  hmm->add_option("file", options.file,
                  "CSV (header row), TCPD JSON, or whitespace-separated numeric text")
      ->required()
      ->check(CLI::ExistingFile);
  hmm->add_option("--column,-c", options.column,
                  "column to model, by name or 0-based index (default: the first)");
  hmm->add_option("--emissions,-e", options.emissions,
                  "gaussian (default) or categorical (integer symbols 0..M-1)")
      ->check(CLI::IsMember({"gaussian", "categorical"}));
  auto* model = hmm->add_option("--model,-m", options.model,
                                "JSON file with a model (as the API's \"model\"): decode only")
                    ->check(CLI::ExistingFile);
  const auto fit_option = [&](CLI::Option* option) { model->excludes(option); };
  fit_option(hmm->add_option("--states,-k", options.states, "hidden states (default 2)"));
  fit_option(hmm->add_option("--symbols", options.symbols,
                             "categorical: symbols M (default: the largest + 1)"));
  fit_option(hmm->add_option("--restarts", options.restarts, "Baum-Welch restarts (default 4)"));
  fit_option(hmm->add_option("--seed", options.seed, "seed of the restarts (default 0)"));
  fit_option(hmm->add_option("--max-iterations", options.max_iterations,
                             "EM iterations per restart at most (default 100)"));
  fit_option(hmm->add_option("--tolerance", options.tolerance,
                             "log-likelihood gain below which EM stops (default 1e-4)"));
  hmm->add_flag("--posteriors", options.posteriors,
                "with --json, include the per-sample state posteriors");
  hmm->add_flag("--json", options.json, "print the API's JSON response");
  return hmm;
}

int run_hmm(const HmmOptions& options, std::ostream& out, std::ostream& err) {
  auto table = load_table(options.file);
  if (!table) {
    print_error("hmm", table.error(), err);
    return 1;
  }
  auto column = find_column(*table, options.column);
  if (!column) {
    print_error("hmm", column.error(), err);
    return 1;
  }
  json request{{"values", table->columns[*column]},
               {"emissions", options.emissions},
               {"posteriors", options.posteriors && options.json}};
  if (!options.model.empty()) {
    auto text = read_whole_file(options.model);
    if (!text) {
      print_error("hmm", text.error(), err);
      return 1;
    }
    json model = json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (model.is_discarded()) {
      print_error("hmm",
                  make_error(ErrorCode::json_parse_error,
                             "--model '" + options.model + "' is not valid JSON"),
                  err);
      return 1;
    }
    request["model"] = std::move(model);
  } else {
    request["states"] = options.states;
    if (options.symbols > 0) request["symbols"] = options.symbols;
    request["fit"] = {{"restarts", options.restarts},
                      {"seed", options.seed},
                      {"max_iterations", options.max_iterations},
                      {"tolerance", options.tolerance}};
  }
  const auto reply = call_route("hmm", request, "hmm", err);
  if (!reply) return 1;
  if (options.json) {
    out << reply->body << "\n";
  } else {
    print_report(options, table->column_names[*column], reply->parsed, out);
  }
  return 0;
}

}  // namespace lf::cli
