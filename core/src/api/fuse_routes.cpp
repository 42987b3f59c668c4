// POST fuse, vote, gate: evidence fusion (lf/fuse). Shapes in docs/API.md.
//
// fuse request:
//   {"hypotheses"?: [string...],              default: the belief-bin frame
//    "sources": [{"name"?: string, "reliability"?: number,
//                 "masses": [{"set": [string...], "mass": number}...]}
//              | {"name"?: string, "reliability"?: number, "signal": number,
//                 "bins"?: {"bearish_below"?, "bullish_above"?, "margin"?}}],
//    "rule"?: string, "contested_threshold"?: number, "unnormalised"?: bool,
//    "tolerance"?: number, "measures"?: [string...], "sets"?: [[string...]...]}
// fuse response:
//   {"rule", "hypotheses", "conflict", "weight_of_conflict", "contested",
//    "contested_threshold", "masses": [{"set", "mass"}],
//    "measures": [{"set", "belief"?, "plausibility"?, "commonality"?, "pignistic"?}],
//    "sources": [{"name"?, "masses"}]}
//
// vote request:  {"samples": [{"answer": string, "entropy": number}
//                            | {"answer": string, "token_entropies": [number...]}]}
// vote response: {"samples", "winner", "weight_share", "majority", "majority_share",
//                 "divergent", "groups": [{"answer", "count", "weight", "share", "first_index"}]}
//
// gate request:  {"experts": [string...], "baseline"?: string, "top_k"?: integer,
//                 "margin"?: number, "feature_weights"?: {string: number},
//                 "rounds": [[{"expert": string, "confidence": number,
//                              "features"?: {string: number}}...]...]}
// gate response: {"config": {...}, "decisions": [{"selected", "reason", "baseline",
//                 "challenger", "margin", "ranking": [{"expert", "score"}]}],
//                 "counts": [{"expert", "selections"}]}
#include <array>
#include <cmath>
#include <optional>

#include "lf/fuse/belief_bins.hpp"
#include "lf/fuse/combination.hpp"
#include "lf/fuse/discounting.hpp"
#include "lf/fuse/gating.hpp"
#include "lf/fuse/measures.hpp"
#include "lf/fuse/voting.hpp"
#include "routes.hpp"

namespace lf::api::routes {
namespace {

using namespace json_read;

std::string child(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

// The core's message, prefixed with the JSON path it concerns.
Error at(const std::string& path, Error error) {
  error.message = path + ": " + error.message;
  return error;
}

Result<std::vector<std::string>> strings(const Json& value, const std::string& path) {
  if (!value.is_array()) {
    return make_error(ErrorCode::schema_error, path + " must be an array of strings");
  }
  std::vector<std::string> out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto text = string(value[i], child(path, i));
    if (!text) return std::move(text).error();
    out.push_back(std::move(*text));
  }
  return out;
}

Result<bool> boolean(const Json& value, const std::string& path) {
  if (!value.is_boolean()) return make_error(ErrorCode::schema_error, path + " must be a boolean");
  return value.get<bool>();
}

// `fallback` when `key` is absent.
Result<double> number_or(const Json& object, std::string_view key, const std::string& path,
                         double fallback) {
  const Json* node = find(object, key);
  if (node == nullptr) return fallback;
  return number(*node, path + "." + std::string(key));
}

Status expect_array(const Json& value, const std::string& path) {
  if (value.is_array()) return {};
  return make_error(ErrorCode::schema_error, path + " must be an array");
}

// Named numbers of a JSON object, in key order.
Result<std::vector<fuse::FeatureValue>> named_numbers(const Json& value, const std::string& path) {
  if (auto s = expect_object(value, path); !s) return std::move(s).error();
  std::vector<fuse::FeatureValue> out;
  for (auto it = value.begin(); it != value.end(); ++it) {
    auto v = number(it.value(), path + "." + it.key());
    if (!v) return std::move(v).error();
    out.push_back({it.key(), *v});
  }
  return out;
}

Json number_or_null(double value) {
  return std::isfinite(value) ? number_value(value) : Json(nullptr);
}

// ---- fuse ------------------------------------------------------------------

enum class Measure { belief, plausibility, commonality, pignistic };
constexpr std::array<std::string_view, 4> kMeasureNames{"belief", "plausibility", "commonality",
                                                        "pignistic"};

struct FuseRequest {
  fuse::Frame frame = fuse::BeliefBins::frame();  // the default when hypotheses is absent
  fuse::Rule rule = fuse::Rule::dempster;
  fuse::CombineOptions options;
  std::vector<fuse::MassFunction> sources;
  std::vector<std::optional<std::string>> names;
  std::vector<Measure> measures;
  std::vector<fuse::FocalSet> sets;
};

Result<fuse::FocalSet> decode_set(const Json& value, const std::string& path,
                                  const fuse::Frame& frame) {
  auto names = strings(value, path);
  if (!names) return std::move(names).error();
  auto set = frame.set_of(*names);
  if (!set) return at(path, std::move(set).error());
  return *set;
}

Result<fuse::MassFunction> decode_masses(const Json& value, const std::string& path,
                                         const fuse::Frame& frame,
                                         const fuse::MassOptions& options) {
  if (auto s = expect_array(value, path); !s) return std::move(s).error();
  std::vector<fuse::FocalElement> elements;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const Json& node = value[i];
    const std::string element_path = child(path, i);
    if (auto s = expect_object(node, element_path); !s) return std::move(s).error();
    if (auto s = only_keys(node, element_path, {"set", "mass"}); !s) return std::move(s).error();
    auto set_node = require(node, "set", element_path);
    if (!set_node) return std::move(set_node).error();
    auto set = decode_set(**set_node, element_path + ".set", frame);
    if (!set) return std::move(set).error();
    auto mass_node = require(node, "mass", element_path);
    if (!mass_node) return std::move(mass_node).error();
    auto mass = number(**mass_node, element_path + ".mass");
    if (!mass) return std::move(mass).error();
    elements.push_back({*set, *mass});
  }
  auto m = fuse::MassFunction::create(frame.size(), std::move(elements), options);
  if (!m) return at(path, std::move(m).error());
  return std::move(*m);
}

Result<fuse::MassFunction> decode_signal(const Json& source, const std::string& path, double score,
                                         std::optional<double> reliability) {
  fuse::BinEdges edges;
  if (reliability) edges.reliability = *reliability;
  if (const Json* bins = find(source, "bins")) {
    const std::string bins_path = path + ".bins";
    if (auto s = expect_object(*bins, bins_path); !s) return std::move(s).error();
    if (auto s = only_keys(*bins, bins_path, {"bearish_below", "bullish_above", "margin"}); !s) {
      return std::move(s).error();
    }
    auto lower = number_or(*bins, "bearish_below", bins_path, edges.bearish_below);
    if (!lower) return std::move(lower).error();
    auto upper = number_or(*bins, "bullish_above", bins_path, edges.bullish_above);
    if (!upper) return std::move(upper).error();
    auto margin = number_or(*bins, "margin", bins_path, edges.margin);
    if (!margin) return std::move(margin).error();
    edges.bearish_below = *lower;
    edges.bullish_above = *upper;
    edges.margin = *margin;
  }
  auto bins = fuse::BeliefBins::create(edges);
  if (!bins) return at(path, std::move(bins).error());
  auto m = bins->mass(score);
  if (!m) return at(path, std::move(m).error());
  return std::move(*m);
}

// One source's mass function, as it enters the combination: validated, then
// discounted (masses) or binned (signal) with its reliability.
Result<fuse::MassFunction> decode_source(const Json& source, const std::string& path,
                                         const fuse::Frame& frame,
                                         const fuse::MassOptions& mass_options) {
  std::optional<double> reliability;
  if (const Json* r = find(source, "reliability")) {
    auto value = number(*r, path + ".reliability");
    if (!value) return std::move(value).error();
    reliability = *value;
  }
  const Json* masses = find(source, "masses");
  const Json* signal = find(source, "signal");
  if ((masses == nullptr) == (signal == nullptr)) {
    return make_error(ErrorCode::schema_error,
                      path + " must have exactly one of 'masses' and 'signal'");
  }
  if (signal != nullptr) {
    if (!(frame == fuse::BeliefBins::frame())) {
      return make_error(ErrorCode::invalid_argument,
                        path +
                            ": signal sources need the belief-bin frame "
                            "[\"bullish\", \"bearish\", \"neutral\"] (omit hypotheses)");
    }
    auto score = number(*signal, path + ".signal");
    if (!score) return std::move(score).error();
    return decode_signal(source, path, *score, reliability);
  }
  if (find(source, "bins") != nullptr) {
    return make_error(ErrorCode::schema_error, path + ".bins applies to signal sources only");
  }
  auto m = decode_masses(*masses, path + ".masses", frame, mass_options);
  if (!m || !reliability) return m;
  auto discounted = fuse::discount(*m, *reliability);
  if (!discounted) return at(path + ".reliability", std::move(discounted).error());
  return discounted;
}

Status decode_sources(const Json& request, const fuse::MassOptions& mass_options,
                      FuseRequest& out) {
  auto node = require(request, "sources", "request");
  if (!node) return std::move(node).error();
  const Json& list = **node;
  if (auto s = expect_array(list, "sources"); !s) return std::move(s).error();
  if (list.empty()) return make_error(ErrorCode::empty_input, "sources is empty");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Json& source = list[i];
    const std::string path = child("sources", i);
    if (auto s = expect_object(source, path); !s) return std::move(s).error();
    if (auto s = only_keys(source, path, {"name", "reliability", "masses", "signal", "bins"}); !s) {
      return std::move(s).error();
    }
    std::optional<std::string> name;
    if (const Json* n = find(source, "name")) {
      auto text = string(*n, path + ".name");
      if (!text) return std::move(text).error();
      name = std::move(*text);
    }
    auto m = decode_source(source, path, out.frame, mass_options);
    if (!m) return std::move(m).error();
    out.sources.push_back(std::move(*m));
    out.names.push_back(std::move(name));
  }
  return {};
}

Status decode_measures(const Json& request, FuseRequest& out) {
  const Json* node = find(request, "measures");
  if (node == nullptr) {
    out.measures = {Measure::belief, Measure::plausibility, Measure::commonality,
                    Measure::pignistic};
    return {};
  }
  auto names = strings(*node, "measures");
  if (!names) return std::move(names).error();
  for (std::size_t i = 0; i < names->size(); ++i) {
    std::size_t k = 0;
    while (k < kMeasureNames.size() && kMeasureNames[k] != (*names)[i]) ++k;
    if (k == kMeasureNames.size()) {
      return make_error(ErrorCode::schema_error,
                        child("measures", i) +
                            " must be \"belief\", \"plausibility\", \"commonality\" or "
                            "\"pignistic\"");
    }
    const auto measure = static_cast<Measure>(k);
    for (Measure seen : out.measures) {
      if (seen == measure) {
        return make_error(ErrorCode::schema_error, child("measures", i) + " repeats a measure");
      }
    }
    out.measures.push_back(measure);
  }
  return {};
}

Status decode_sets(const Json& request, FuseRequest& out) {
  const Json* node = find(request, "sets");
  if (node == nullptr) {
    for (std::size_t i = 0; i < out.frame.size(); ++i) out.sets.push_back(fuse::FocalSet{1} << i);
    return {};
  }
  if (auto s = expect_array(*node, "sets"); !s) return std::move(s).error();
  for (std::size_t i = 0; i < node->size(); ++i) {
    auto set = decode_set((*node)[i], child("sets", i), out.frame);
    if (!set) return std::move(set).error();
    out.sets.push_back(*set);
  }
  return {};
}

Result<FuseRequest> decode_fuse(const Json& request) {
  if (auto s = only_keys(request, "request",
                         {"hypotheses", "sources", "rule", "contested_threshold", "unnormalised",
                          "tolerance", "measures", "sets"});
      !s) {
    return std::move(s).error();
  }
  FuseRequest out;
  if (const Json* node = find(request, "hypotheses")) {
    auto names = strings(*node, "hypotheses");
    if (!names) return std::move(names).error();
    auto frame = fuse::Frame::create(std::move(*names));
    if (!frame) return at("hypotheses", std::move(frame).error());
    out.frame = std::move(*frame);
  }
  if (const Json* node = find(request, "rule")) {
    auto name = string(*node, "rule");
    if (!name) return std::move(name).error();
    auto rule = fuse::rule_from_string(*name);
    if (!rule) return std::move(rule).error();
    out.rule = *rule;
  }
  auto threshold =
      number_or(request, "contested_threshold", "request", fuse::kDefaultContestedThreshold);
  if (!threshold) return std::move(threshold).error();
  out.options.contested_threshold = *threshold;
  fuse::MassOptions mass_options;
  if (const Json* node = find(request, "unnormalised")) {
    auto flag = boolean(*node, "unnormalised");
    if (!flag) return std::move(flag).error();
    mass_options.allow_empty = *flag;
  }
  auto tolerance = number_or(request, "tolerance", "request", mass_options.tolerance);
  if (!tolerance) return std::move(tolerance).error();
  if (!(*tolerance >= 0.0 && *tolerance <= 1e-3)) {
    return make_error(ErrorCode::invalid_parameter, "tolerance must be in [0, 0.001]");
  }
  mass_options.tolerance = *tolerance;
  if (auto s = decode_sources(request, mass_options, out); !s) return std::move(s).error();
  if (auto s = decode_measures(request, out); !s) return std::move(s).error();
  if (auto s = decode_sets(request, out); !s) return std::move(s).error();
  return out;
}

Json encode_set(const fuse::Frame& frame, fuse::FocalSet set) {
  Json names = Json::array();
  for (auto& name : frame.names_of(set)) names.push_back(std::move(name));
  return names;
}

Json encode_masses(const fuse::Frame& frame, const fuse::MassFunction& m) {
  Json list = Json::array();
  for (const auto& e : m.focal_elements()) {
    list.push_back({{"set", encode_set(frame, e.set)}, {"mass", number_value(e.mass)}});
  }
  return list;
}

Result<Json> encode_measures(const FuseRequest& request, const fuse::MassFunction& m) {
  Json list = Json::array();
  for (fuse::FocalSet set : request.sets) {
    Json entry = {{"set", encode_set(request.frame, set)}};
    for (Measure measure : request.measures) {
      const std::string key(kMeasureNames[static_cast<std::size_t>(measure)]);
      switch (measure) {
        case Measure::belief: entry[key] = number_value(fuse::belief(m, set)); break;
        case Measure::plausibility: entry[key] = number_value(fuse::plausibility(m, set)); break;
        case Measure::commonality: entry[key] = number_value(fuse::commonality(m, set)); break;
        case Measure::pignistic: {
          auto p = fuse::pignistic(m, set);
          if (!p) return std::move(p).error();
          entry[key] = number_value(*p);
          break;
        }
      }
    }
    list.push_back(std::move(entry));
  }
  return list;
}

// ---- vote ------------------------------------------------------------------

// A sample's entropy: given, or the mean of its per-token entropies.
Result<double> decode_entropy(const Json& sample, const std::string& path) {
  const Json* entropy = find(sample, "entropy");
  const Json* tokens = find(sample, "token_entropies");
  if ((entropy == nullptr) == (tokens == nullptr)) {
    return make_error(ErrorCode::schema_error,
                      path + " must have exactly one of 'entropy' and 'token_entropies'");
  }
  if (entropy != nullptr) return number(*entropy, path + ".entropy");
  auto values = numbers(*tokens, path + ".token_entropies", /*null_as_nan=*/false);
  if (!values) return std::move(values).error();
  auto mean = fuse::mean_entropy(*values);
  if (!mean) return at(path + ".token_entropies", std::move(mean).error());
  return mean;
}

Result<std::vector<fuse::Vote>> decode_votes(const Json& request) {
  if (auto s = only_keys(request, "request", {"samples"}); !s) return std::move(s).error();
  auto node = require(request, "samples", "request");
  if (!node) return std::move(node).error();
  const Json& list = **node;
  if (auto s = expect_array(list, "samples"); !s) return std::move(s).error();
  if (list.empty()) return make_error(ErrorCode::empty_input, "samples is empty");
  std::vector<fuse::Vote> votes;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Json& sample = list[i];
    const std::string path = child("samples", i);
    if (auto s = expect_object(sample, path); !s) return std::move(s).error();
    if (auto s = only_keys(sample, path, {"answer", "entropy", "token_entropies"}); !s) {
      return std::move(s).error();
    }
    auto answer_node = require(sample, "answer", path);
    if (!answer_node) return std::move(answer_node).error();
    auto answer = string(**answer_node, path + ".answer");
    if (!answer) return std::move(answer).error();
    auto entropy = decode_entropy(sample, path);
    if (!entropy) return std::move(entropy).error();
    votes.push_back({std::move(*answer), *entropy});
  }
  return votes;
}

// ---- gate ------------------------------------------------------------------

Result<fuse::GateConfig> decode_gate_config(const Json& request) {
  fuse::GateConfig config;
  auto experts_node = require(request, "experts", "request");
  if (!experts_node) return std::move(experts_node).error();
  auto experts = strings(**experts_node, "experts");
  if (!experts) return std::move(experts).error();
  config.experts = std::move(*experts);
  if (const Json* node = find(request, "baseline")) {
    auto baseline = string(*node, "baseline");
    if (!baseline) return std::move(baseline).error();
    if (baseline->empty()) return make_error(ErrorCode::invalid_parameter, "baseline is empty");
    config.baseline = std::move(*baseline);
  }
  if (const Json* node = find(request, "top_k")) {
    auto k = number(*node, "top_k");
    if (!k) return std::move(k).error();
    if (*k != std::floor(*k) || *k < 1 || *k > 1e9) {
      return make_error(ErrorCode::invalid_parameter, "top_k must be an integer >= 1");
    }
    config.top_k = static_cast<std::size_t>(*k);
  }
  auto margin = number_or(request, "margin", "request", config.margin);
  if (!margin) return std::move(margin).error();
  config.margin = *margin;
  if (const Json* node = find(request, "feature_weights")) {
    auto weights = named_numbers(*node, "feature_weights");
    if (!weights) return std::move(weights).error();
    config.feature_weights = std::move(*weights);
  }
  return config;
}

Result<std::vector<fuse::ExpertReport>> decode_round(const Json& value, const std::string& path) {
  if (auto s = expect_array(value, path); !s) return std::move(s).error();
  std::vector<fuse::ExpertReport> reports;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const Json& node = value[i];
    const std::string report_path = child(path, i);
    if (auto s = expect_object(node, report_path); !s) return std::move(s).error();
    if (auto s = only_keys(node, report_path, {"expert", "confidence", "features"}); !s) {
      return std::move(s).error();
    }
    auto expert_node = require(node, "expert", report_path);
    if (!expert_node) return std::move(expert_node).error();
    auto expert = string(**expert_node, report_path + ".expert");
    if (!expert) return std::move(expert).error();
    auto confidence_node = require(node, "confidence", report_path);
    if (!confidence_node) return std::move(confidence_node).error();
    auto confidence = number(**confidence_node, report_path + ".confidence");
    if (!confidence) return std::move(confidence).error();
    fuse::ExpertReport report{std::move(*expert), *confidence, {}};
    if (const Json* features = find(node, "features")) {
      auto values = named_numbers(*features, report_path + ".features");
      if (!values) return std::move(values).error();
      report.features = std::move(*values);
    }
    reports.push_back(std::move(report));
  }
  return reports;
}

Json encode_decision(const fuse::GateDecision& d) {
  Json ranking = Json::array();
  for (const auto& entry : d.ranking) {
    ranking.push_back({{"expert", entry.expert}, {"score", number_value(entry.score)}});
  }
  return {{"selected", d.selected},
          {"reason", std::string(fuse::to_string(d.reason))},
          {"baseline", d.baseline},
          {"challenger", d.challenger ? Json(*d.challenger) : Json(nullptr)},
          {"margin", d.margin ? number_value(*d.margin) : Json(nullptr)},
          {"ranking", std::move(ranking)}};
}

}  // namespace

Result<Json> fuse(const Json& request) {
  auto decoded = decode_fuse(request);
  if (!decoded) return std::move(decoded).error();
  const FuseRequest& req = *decoded;
  auto combined = fuse::combine_all(req.sources, req.rule, req.options);
  if (!combined) return std::move(combined).error();
  auto measures = encode_measures(req, combined->result);
  if (!measures) return std::move(measures).error();

  Json hypotheses = Json::array();
  for (const auto& name : req.frame.hypotheses()) hypotheses.push_back(name);
  Json sources = Json::array();
  for (std::size_t i = 0; i < req.sources.size(); ++i) {
    Json source = {{"masses", encode_masses(req.frame, req.sources[i])}};
    if (req.names[i]) source["name"] = *req.names[i];
    sources.push_back(std::move(source));
  }
  return Json{{"rule", std::string(fuse::to_string(req.rule))},
              {"hypotheses", std::move(hypotheses)},
              {"conflict", number_value(combined->conflict)},
              {"weight_of_conflict", number_or_null(combined->weight_of_conflict)},
              {"contested", combined->contested},
              {"contested_threshold", number_value(req.options.contested_threshold)},
              {"masses", encode_masses(req.frame, combined->result)},
              {"measures", std::move(*measures)},
              {"sources", std::move(sources)}};
}

Result<Json> vote(const Json& request) {
  auto votes = decode_votes(request);
  if (!votes) return std::move(votes).error();
  auto outcome = fuse::entropy_weighted_vote(*votes);
  if (!outcome) return std::move(outcome).error();
  Json groups = Json::array();
  for (const auto& g : outcome->groups) {
    groups.push_back({{"answer", g.answer},
                      {"count", g.count},
                      {"weight", number_value(g.weight)},
                      {"share", number_value(g.share)},
                      {"first_index", g.first_index}});
  }
  return Json{{"samples", votes->size()},
              {"winner", outcome->winner},
              {"weight_share", number_value(outcome->weight_share)},
              {"majority", outcome->majority},
              {"majority_share", number_value(outcome->majority_share)},
              {"divergent", outcome->divergent},
              {"groups", std::move(groups)}};
}

Result<Json> gate(const Json& request) {
  if (auto s = only_keys(request, "request",
                         {"experts", "baseline", "top_k", "margin", "feature_weights", "rounds"});
      !s) {
    return std::move(s).error();
  }
  auto config = decode_gate_config(request);
  if (!config) return std::move(config).error();
  auto gate = fuse::Gate::create(std::move(*config));
  if (!gate) return std::move(gate).error();

  auto rounds_node = require(request, "rounds", "request");
  if (!rounds_node) return std::move(rounds_node).error();
  const Json& rounds = **rounds_node;
  if (auto s = expect_array(rounds, "rounds"); !s) return std::move(s).error();
  if (rounds.empty()) return make_error(ErrorCode::empty_input, "rounds is empty");
  Json decisions = Json::array();
  for (std::size_t i = 0; i < rounds.size(); ++i) {
    const std::string path = child("rounds", i);
    auto reports = decode_round(rounds[i], path);
    if (!reports) return std::move(reports).error();
    auto decision = gate->select(*reports);
    if (!decision) return at(path, std::move(decision).error());
    decisions.push_back(encode_decision(*decision));
  }

  const auto& captured = gate->config();
  Json weights = Json::object();
  for (const auto& w : captured.feature_weights) weights[w.name] = number_value(w.value);
  Json counts = Json::array();
  for (std::size_t i = 0; i < captured.experts.size(); ++i) {
    counts.push_back(
        {{"expert", captured.experts[i]}, {"selections", gate->selection_counts()[i]}});
  }
  return Json{{"config",
               {{"experts", captured.experts},
                {"baseline", captured.baseline},
                {"top_k", captured.top_k},
                {"margin", number_value(captured.margin)},
                {"feature_weights", std::move(weights)}}},
              {"decisions", std::move(decisions)},
              {"counts", std::move(counts)}};
}

}  // namespace lf::api::routes
