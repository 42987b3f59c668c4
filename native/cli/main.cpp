// lf: the LatticeForge command line.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/detect_command.hpp"
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
  detect->add_flag("--drop-invalid", options.drop_invalid,
                   "drop missing/non-finite values and out-of-order timestamps instead of failing");
  detect
      ->add_option("--clip-sigma", options.clip_sigma,
                   "clip values beyond K standard deviations of the running baseline (0: off)")
      ->check(CLI::NonNegativeNumber);
  detect->add_flag("--json", options.json, "print the API's JSON response instead of a table");
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
  return lf::cli::run_detect(detect_options, std::cout, std::cerr);
}
