#include "cli/ews_command.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <ostream>

#include "cli/route_call.hpp"
#include "cli/table_input.hpp"

namespace lf::cli {
namespace {

using nlohmann::json;

constexpr const char* kIndicators[] = {"variance", "std", "cv", "ac1", "skew", "kurtosis"};

json ews_request(const EwsOptions& options, const std::vector<double>& values) {
  json detrend{{"method", options.detrend}};
  // Options of the other method are passed too, so the route rejects them
  // rather than the CLI silently dropping them.
  if (options.bandwidth) detrend["bandwidth"] = *options.bandwidth;
  if (options.span) detrend["span"] = *options.span;
  if (options.iterations) detrend["iterations"] = *options.iterations;
  return {{"values", values}, {"rolling_window", options.rolling_window}, {"detrend", detrend}};
}

std::string format(const json& value, const char* pattern) {
  if (value.is_null()) return "undefined";
  char text[64];
  std::snprintf(text, sizeof text, pattern, value.get<double>());
  return text;
}

void print_report(const std::string& file, const std::string& column, const json& r,
                  std::ostream& out) {
  const json& d = r["detrend"];
  out << file << ", column \"" << column << "\": " << r["samples"].get<long>()
      << " samples, rolling window " << r["window"].get<long>() << " samples, detrending "
      << d["method"].get<std::string>();
  if (d.contains("sigma")) {
    out << " (bandwidth " << format(d["bandwidth"], "%.6g") << " samples, sigma "
        << format(d["sigma"], "%.6g") << ")";
  }
  if (d.contains("span_fraction")) {
    out << " (span " << format(d["span_fraction"], "%.6g") << " of the series, "
        << d["iterations"].get<long>() << " robustifying iterations)";
  }
  out << "\n\n";
  char line[128];
  std::snprintf(line, sizeof line, "%-10s %12s %14s\n", "indicator", "kendall tau", "last value");
  out << line;
  for (const char* name : kIndicators) {
    std::snprintf(line, sizeof line, "%-10s %12s %14s\n", name,
                  format(r["kendall_tau"][name], "%.4f").c_str(),
                  format(r["indicators"][name].back(), "%.6g").c_str());
    out << line;
  }
}

}  // namespace

CLI::App* add_ews_command(CLI::App& app, EwsOptions& options) {
  auto* ews = app.add_subcommand(
      "ews", "Early-warning indicators of critical slowing down (ewstools' definitions)");
  ews->add_option("file", options.file,
                  "CSV (header row), TCPD JSON, or whitespace-separated numeric text")
      ->required()
      ->check(CLI::ExistingFile);
  ews->add_option("--column,-c", options.column,
                  "column to analyse, by name or 0-based index (default: the first)");
  ews->add_option("--window,-w", options.rolling_window,
                  "rolling window: a fraction of the series in (0, 1], or samples (default 0.25)");
  ews->add_option("--detrend,-d", options.detrend, "none (default), gaussian or lowess")
      ->check(CLI::IsMember({"none", "gaussian", "lowess"}));
  ews->add_option("--bandwidth", options.bandwidth,
                  "gaussian: kernel bandwidth, fraction or samples (default 0.2)");
  ews->add_option("--span", options.span, "lowess: span, fraction or samples (default 0.2)");
  ews->add_option("--iterations", options.iterations,
                  "lowess: robustifying iterations (default 3)");
  ews->add_flag("--json", options.json, "print the API's JSON response");
  return ews;
}

int run_ews(const EwsOptions& options, std::ostream& out, std::ostream& err) {
  auto table = load_table(options.file);
  if (!table) {
    print_error("ews", table.error(), err);
    return 1;
  }
  auto column = find_column(*table, options.column.value_or("0"));
  if (!column) {
    print_error("ews", column.error(), err);
    return 1;
  }
  const auto reply = call_route("ews", ews_request(options, table->columns[*column]), "ews", err);
  if (!reply) return 1;
  if (options.json) {
    out << reply->body << "\n";
  } else {
    print_report(options.file, table->column_names[*column], reply->parsed, out);
  }
  return 0;
}

}  // namespace lf::cli
