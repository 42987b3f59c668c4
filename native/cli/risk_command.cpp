#include "cli/risk_command.hpp"

#include <CLI/CLI.hpp>
#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "cli/route_call.hpp"
#include "cli/verify_cli_io.hpp"

namespace lf::cli {
namespace {

using nlohmann::json;

constexpr int kNotApproved = 3;

// A figure of the response, or "-" where the check did not compute it.
std::string figure(const json& value) {
  if (!value.is_number()) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", value.get<double>());
  return text;
}

void print_decision(const json& request, const json& d, std::ostream& out) {
  std::string verdict = d["decision"].get<std::string>();
  for (char& c : verdict) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const json& order = request["order"];
  out << verdict << "  " << order.value("side", "?") << " " << figure(order["quantity"]) << " "
      << order.value("instrument", "?") << " @ "
      << (order.contains("price") ? figure(order["price"]) : std::string("market")) << " ("
      << d["intent"].get<std::string>() << ", mode " << d["mode"].get<std::string>() << ")\n";
  if (d["kill_switch_tripped"].get<bool>()) {
    out << "KILL SWITCH TRIPPED: the trading state is now " << d["mode"].get<std::string>() << "\n";
  }
  if (d["reason"].is_string()) {
    out << d["reason"].get<std::string>() << ": " << d["message"].get<std::string>() << "\n";
  } else {
    out << "risk score " << figure(d["risk_score"]) << ", stop-loss " << figure(d["stop_loss"])
        << ", take-profit " << figure(d["take_profit"]) << "\n";
  }
  if (d["suggested_quantity"].is_number()) {
    out << "suggested quantity " << figure(d["suggested_quantity"]) << "\n";
  }
  if (d["suggested_stop_loss"].is_number()) {
    out << "suggested stop-loss " << figure(d["suggested_stop_loss"]) << "\n";
  }
  const json& f = d["figures"];
  out << "figures: entry " << figure(f["entry_price"]) << ", notional " << figure(f["notional"])
      << ", position " << figure(f["position_notional"]) << ", margin "
      << figure(f["margin_required"]) << ", liquidation " << figure(f["liquidation_price"])
      << ", drawdown " << figure(f["drawdown"]) << ", max correlation "
      << figure(f["max_correlation"]) << "\n";
}

}  // namespace

int run_risk(const RiskOptions& options, std::ostream& out, std::ostream& err) {
  auto text = read_whole_file(options.file);
  if (!text) return report(err, "risk check", text.error());
  const auto reply = call_route("risk/check", std::string_view(*text), "risk check", err);
  if (!reply) return 1;
  if (options.json) {
    out << reply->body << "\n";
  } else {
    // The route accepted it, so the request is a JSON object with an order.
    print_decision(json::parse(*text, nullptr, false), reply->parsed, out);
  }
  return reply->parsed["decision"] == "approved" ? 0 : kNotApproved;
}

RiskCommand add_risk_command(CLI::App& app, RiskOptions& options) {
  RiskCommand command;
  command.command = app.add_subcommand("risk", "Pre-trade risk checks (docs/RISK.md)");
  command.command->require_subcommand(1);
  command.check = command.command->add_subcommand(
      "check", "Judge one order from a JSON risk/check request; exit 0 approved, 3 not approved");
  command.check->add_option("file", options.file, "JSON risk/check request (see docs/API.md)")
      ->required()
      ->check(CLI::ExistingFile);
  command.check->add_flag("--json", options.json,
                          "print the API's JSON response instead of a report");
  return command;
}

}  // namespace lf::cli
