#include "cli/grok_command.hpp"

#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdio>
#include <ostream>

#include "cli/route_call.hpp"
#include "lf/common/result.hpp"
#include "storage/audit_log_file.hpp"

namespace lf::cli {
namespace {

using nlohmann::json;

Status apply_parameter(const std::string& spec, json& parameters) {
  const auto equals = spec.find('=');
  double value = 0.0;
  const char* begin = spec.data() + (equals == std::string::npos ? 0 : equals + 1);
  const char* end = spec.data() + spec.size();
  const auto [stop, ec] = std::from_chars(begin, end, value);
  if (equals == std::string::npos || equals == 0 || ec != std::errc{} || stop != end) {
    return make_error(ErrorCode::invalid_argument,
                      "--parameter must be NAME=NUMBER, got '" + spec + "'");
  }
  parameters[spec.substr(0, equals)] = value;
  return {};
}

// The request from the file's JSON: a request object is passed on as it is
// (the route checks it); a bare array becomes logits or log_probs.
Result<json> load_request(const GrokOptions& options) {
  auto text = storage::read_text_file(options.file);
  if (!text) return std::move(text).error();
  json parsed = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return make_error(ErrorCode::json_parse_error, "'" + options.file + "' is not valid JSON");
  }
  json request = parsed;
  if (parsed.is_array()) request = json{{options.log_probs ? "log_probs" : "logits", parsed}};
  if (!request.is_object()) {
    return make_error(ErrorCode::schema_error,
                      "'" + options.file + "' must hold a grok request or an array of arrays");
  }
  if (!options.parameters.empty()) {
    json parameters = request.contains("parameters") ? request["parameters"] : json::object();
    for (const auto& spec : options.parameters) {
      if (auto s = apply_parameter(spec, parameters); !s) return std::move(s).error();
    }
    request["parameters"] = parameters;
  }
  return request;
}

std::string cell(const json& value, const char* pattern) {
  if (value.is_null()) return "-";
  char text[32];
  std::snprintf(text, sizeof text, pattern, value.get<double>());
  return text;
}

void print_report(const json& r, std::ostream& out) {
  out << r["tokens"].get<long>() << " tokens, vocabulary " << r["vocab_size"].get<long>() << " ("
      << r["input"].get<std::string>() << ")\n\n";
  char line[128];
  std::snprintf(line, sizeof line, "%7s %10s %10s %11s  %s\n", "token", "entropy", "smoothed",
                "curvature", "state");
  out << line;
  for (std::size_t t = 0; t < r["entropy"].size(); ++t) {
    std::snprintf(
        line, sizeof line, "%7zu %10s %10s %11s  %s\n", t, cell(r["entropy"][t], "%.4f").c_str(),
        cell(r["smoothed_entropy"][t], "%.4f").c_str(), cell(r["curvature"][t], "%.5f").c_str(),
        r["state"][t].get<std::string>().c_str());
    out << line;
  }
  out << "\n";
  for (const auto& a : r["alerts"]) {
    std::snprintf(line, sizeof line, "alert at token %ld: %s (%s, score %.4g)\n",
                  a["index"].get<long>(), a["kind"].get<std::string>().c_str(),
                  a["severity"].get<std::string>().c_str(), a["score"].get<double>());
    out << line;
  }
  if (r["should_early_stop"].get<bool>()) {
    out << "early stop: yes, since token " << r["early_stop_index"].get<long>() << "\n";
  } else {
    out << "early stop: no\n";
  }
}

}  // namespace

CLI::App* add_grok_command(CLI::App& app, GrokOptions& options) {
  auto* grok = app.add_subcommand(
      "grok", "Micro-grokking monitor over an LLM generation's per-token logits (JSON file)");
  grok->add_option("file", options.file,
                   "JSON: a grok request, or an array of per-token logit arrays")
      ->required()
      ->check(CLI::ExistingFile);
  grok->add_flag("--log-probs", options.log_probs,
                 "a bare array holds log-probabilities rather than logits");
  grok->add_option("--parameter,-p", options.parameters,
                   "NAME=VALUE, a micro_grokking parameter; repeatable (see 'lf detectors')");
  grok->add_flag("--json", options.json, "print the API's JSON response");
  return grok;
}

int run_grok(const GrokOptions& options, std::ostream& out, std::ostream& err) {
  auto request = load_request(options);
  if (!request) {
    print_error("grok", request.error(), err);
    return 1;
  }
  const auto reply = call_route("grok", *request, "grok", err);
  if (!reply) return 1;
  if (options.json) {
    out << reply->body << "\n";
  } else {
    print_report(reply->parsed, out);
  }
  return 0;
}

}  // namespace lf::cli
