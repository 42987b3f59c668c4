// lf: the LatticeForge command line.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/audit_command.hpp"
#include "cli/detect_command.hpp"
#include "cli/emergence_command.hpp"
#include "cli/ews_command.hpp"
#include "cli/fuse_command.hpp"
#include "cli/gpio_command.hpp"
#include "cli/graph_command.hpp"
#include "cli/grok_command.hpp"
#include "cli/hmm_command.hpp"
#include "cli/pcs_command.hpp"
#include "cli/receipt_command.hpp"
#include "cli/risk_command.hpp"
#include "cli/risk_validate_command.hpp"
#include "cli/score_command.hpp"
#include "cli/serve_command.hpp"
#include "cli/te_command.hpp"
#include "lf/detect/registry.hpp"

namespace {

void add_detect_command(CLI::App& app, lf::cli::DetectOptions& options) {
  auto* detect =
      app.add_subcommand("detect", "Run detectors over one column of a CSV or TCPD JSON file");
  detect->add_option("file", options.file, "CSV (header row) or TCPD JSON file")
      ->required()
      ->check(CLI::ExistingFile);
  detect->add_option("--column,-c", options.input.column,
                     "column to analyse, by name or 0-based index (default: the first)");
  detect->add_option("--time-column,-t", options.input.time_column,
                     "CSV time column (numbers or ISO-8601); default: row indices");
  detect->add_option("--delimiter", options.input.delimiter,
                     "CSV delimiter (default: detected from the header)");
  detect->add_option("--detector,-d", options.detectors,
                     "NAME[:key=value,...]; repeatable; default: every detector with its defaults "
                     "(see 'lf detectors')");
  detect->add_option("--member", options.members,
                     "NAME[:key=value,...,weight=W]; repeatable: the members of every consensus "
                     "detector (default: its five default members, weight 1)");
  detect->add_flag("--drop-invalid", options.drop_invalid,
                   "drop missing/non-finite values and out-of-order timestamps instead of failing");
  detect
      ->add_option("--clip-sigma", options.clip_sigma,
                   "clip values beyond K standard deviations of the running baseline (0: off)")
      ->check(CLI::NonNegativeNumber);
  detect->add_flag("--json", options.json, "print the API's JSON response instead of a table");
}

CLI::App* add_fuse_command(CLI::App& app, lf::cli::FuseOptions& options) {
  auto* fuse = app.add_subcommand(
      "fuse", "Combine evidence (Dempster-Shafer) from a JSON file holding a fuse request");
  fuse->add_option("file", options.file, "JSON fuse request (see docs/API.md)")
      ->required()
      ->check(CLI::ExistingFile);
  fuse->add_option("--rule,-r", options.rule,
                   "combination rule, overriding the file's: dempster, conjunctive, disjunctive, "
                   "yager, dubois_prade, pcr5, murphy");
  fuse->add_flag("--json", options.json, "print the API's JSON response instead of a report");
  return fuse;
}

void print_catalog(std::ostream& out) {
  for (const auto& info : lf::detect::detector_catalog()) {
    out << info.name << " " << info.version << ": " << info.summary << "\n";
    for (const auto& spec : info.parameters) {
      out << "    " << spec.name << " = " << spec.default_value << "  [" << spec.min << ", "
          << spec.max << "]" << (spec.integer ? " integer" : "") << "  " << spec.description
          << "\n";
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"LatticeForge: streaming detectors, fusion, verification and risk"};
  app.require_subcommand(1);
  lf::cli::DetectOptions detect_options;
  add_detect_command(app, detect_options);
  auto* detectors =
      app.add_subcommand("detectors", "List detectors with their parameters and defaults");
  lf::cli::FuseOptions fuse_options;
  auto* fuse = add_fuse_command(app, fuse_options);
  lf::cli::PcsOptions pcs_options;
  const auto pcs = lf::cli::add_pcs_command(app, pcs_options);
  lf::cli::AuditOptions audit_options;
  const auto audit = lf::cli::add_audit_command(app, audit_options);
  lf::cli::ReceiptOptions receipt_options;
  const auto receipt = lf::cli::add_receipt_command(app, receipt_options);
  lf::cli::TeOptions te_options;
  auto* te = lf::cli::add_te_command(app, te_options);
  lf::cli::GraphOptions graph_options;
  auto* graph = lf::cli::add_graph_command(app, graph_options);
  lf::cli::EmergenceOptions emergence_options;
  auto* emergence = lf::cli::add_emergence_command(app, emergence_options);
  lf::cli::EwsOptions ews_options;
  auto* ews = lf::cli::add_ews_command(app, ews_options);
  lf::cli::GrokOptions grok_options;
  auto* grok = lf::cli::add_grok_command(app, grok_options);
  lf::cli::HmmOptions hmm_options;
  auto* hmm = lf::cli::add_hmm_command(app, hmm_options);
  lf::cli::ScoreOptions score_options;
  auto* score = lf::cli::add_score_command(app, score_options);
  lf::cli::ServeOptions serve_options;
  auto* serve = lf::cli::add_serve_command(app, serve_options);
  lf::cli::GpioOptions gpio_options;
  const auto gpio = lf::cli::add_gpio_command(app, gpio_options);
  lf::cli::RiskOptions risk_options;
  const auto risk = lf::cli::add_risk_command(app, risk_options);
  lf::cli::RiskValidateOptions risk_validate_options;
  auto* risk_validate = lf::cli::add_risk_validate_command(*risk.command, risk_validate_options);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help prints and exits 0; usage errors exit 2, distinct from rejected input (1).
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (detectors->parsed()) {
    print_catalog(std::cout);
    return 0;
  }
  if (fuse->parsed()) return lf::cli::run_fuse(fuse_options, std::cout, std::cerr);
  if (pcs.command->parsed()) return lf::cli::run_pcs(pcs, pcs_options, std::cout, std::cerr);
  if (audit.command->parsed()) {
    return lf::cli::run_audit(audit, audit_options, std::cout, std::cerr);
  }
  if (receipt.command->parsed()) {
    return lf::cli::run_receipt(receipt, receipt_options, std::cout, std::cerr);
  }
  if (te->parsed()) return lf::cli::run_te(te_options, std::cout, std::cerr);
  if (graph->parsed()) return lf::cli::run_graph(graph_options, std::cout, std::cerr);
  if (emergence->parsed()) return lf::cli::run_emergence(emergence_options, std::cout, std::cerr);
  if (ews->parsed()) return lf::cli::run_ews(ews_options, std::cout, std::cerr);
  if (grok->parsed()) return lf::cli::run_grok(grok_options, std::cout, std::cerr);
  if (hmm->parsed()) return lf::cli::run_hmm(hmm_options, std::cout, std::cerr);
  if (score->parsed()) return lf::cli::run_score(score_options, std::cout, std::cerr);
  if (serve->parsed()) return lf::cli::run_serve(serve_options, std::cout, std::cerr);
  if (gpio.command->parsed()) return lf::cli::run_gpio(gpio, gpio_options, std::cout, std::cerr);
  if (risk_validate->parsed()) {
    return lf::cli::run_risk_validate(risk_validate_options, std::cout, std::cerr);
  }
  if (risk.command->parsed()) return lf::cli::run_risk(risk_options, std::cout, std::cerr);
  return lf::cli::run_detect(detect_options, std::cout, std::cerr);
}
