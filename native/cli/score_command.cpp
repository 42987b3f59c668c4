#include "cli/score_command.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ostream>
#include <tuple>
#include <utility>

#include "cli/route_call.hpp"
#include "cli/verify_cli_io.hpp"

namespace lf::cli {
namespace {

using nlohmann::json;

// {"id": [...], ...} as one array per annotator: numeric ids in ascending
// order (TCPD's), then any other ids by name.
json annotators_by_id(const json& object) {
  std::vector<std::tuple<bool, long long, std::string>> keys;
  for (const auto& [id, unused] : object.items()) {
    char* end = nullptr;
    const long long number = std::strtoll(id.c_str(), &end, 10);
    const bool numeric = !id.empty() && *end == '\0';
    keys.emplace_back(!numeric, numeric ? number : 0, id);
  }
  std::sort(keys.begin(), keys.end());
  json annotations = json::array();
  for (const auto& key : keys) annotations.push_back(object[std::get<2>(key)]);
  return annotations;
}

Result<json> read_annotations(const ScoreOptions& options) {
  auto text = read_whole_file(options.annotations);
  if (!text) return std::move(text).error();
  const json doc = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return make_error(ErrorCode::json_parse_error,
                      "--annotations '" + options.annotations + "' is not valid JSON");
  }
  if (!options.series.empty()) {
    if (!doc.is_object() || !doc.contains(options.series) || !doc[options.series].is_object()) {
      return make_error(ErrorCode::schema_error, "--annotations '" + options.annotations +
                                                     "' has no series '" + options.series + "'");
    }
    return annotators_by_id(doc[options.series]);
  }
  if (doc.is_object()) return annotators_by_id(doc);
  return doc;  // an array of arrays, or a shape the route rejects with its message
}

void print_report(const ScoreOptions& options, const json& r, std::ostream& out) {
  char line[160];
  std::snprintf(line, sizeof line, "F1 %.4f (precision %.4f, recall %.4f), cover %.4f\n",
                r["f1"].get<double>(), r["precision"].get<double>(), r["recall"].get<double>(),
                r["cover"].get<double>());
  out << line << r["predictions"].size() << " change point"
      << (r["predictions"].size() == 1 ? "" : "s") << (options.clean ? " (cleaned)" : "")
      << " against " << r["annotators"].get<std::size_t>()
      << " annotators, n = " << r["n"].get<std::size_t>() << ", margin "
      << r["margin"].get<std::int64_t>() << "\n";
}

}  // namespace

CLI::App* add_score_command(CLI::App& app, ScoreOptions& options) {
  auto* score = app.add_subcommand(
      "score", "Score change points against annotations as TCPDBench does (F1, cover)");
  score
      ->add_option("--annotations,-a", options.annotations,
                   "JSON: [[indices] per annotator], {id: [indices]}, or TCPD's "
                   "annotations.json with --series")
      ->required()
      ->check(CLI::ExistingFile);
  score->add_option("--series,-s", options.series, "series in a TCPD annotations.json");
  score->add_option("--n", options.n, "samples in the series")->required();
  score
      ->add_option("--predictions,-p", options.predictions,
                   "predicted change points, 0-based, comma-separated (default: none)")
      ->delimiter(',');
  score->add_option("--margin,-m", options.margin, "F1 matching margin in samples (default 5)");
  score->add_flag("--clean", options.clean,
                  "TCPDBench's cleanup first: unique predictions in 1..n-2");
  score->add_flag("--json", options.json, "print the API's JSON response");
  return score;
}

int run_score(const ScoreOptions& options, std::ostream& out, std::ostream& err) {
  auto annotations = read_annotations(options);
  if (!annotations) {
    print_error("score", annotations.error(), err);
    return 1;
  }
  const json request{{"annotations", *annotations},
                     {"predictions", options.predictions},
                     {"n", options.n},
                     {"margin", options.margin},
                     {"clean", options.clean}};
  auto reply = call_route("score", request, "score", err);
  if (!reply) return 1;
  if (options.json) {
    out << reply->body << "\n";
  } else {
    print_report(options, reply->parsed, out);
  }
  return 0;
}

}  // namespace lf::cli
