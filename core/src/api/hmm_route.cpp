// POST hmm: fit a hidden Markov model to a series (Baum-Welch), or decode
// the series with a given model; either way the log-likelihood, the Viterbi
// path and the posteriors.
//
// Request:
//   {"values": [number...], "emissions"?: "gaussian"|"categorical",
//    "states"?: integer, "symbols"?: integer,
//    "fit"?: {"restarts"?, "seed"?, "max_iterations"?, "tolerance"?, "variance_floor"?},
//    "model"?: {"initial": [...], "transitions": [[...]...],
//               "means": [...], "variances": [...]            (gaussian)
//             | "emission_probabilities": [[...]...]},         (categorical)
//    "posteriors"?: boolean}
// "model" decodes with the given parameters and excludes "states", "symbols"
// and "fit".
// Response:
//   {"emissions", "states", "samples", "model": {...as in the request, plus "symbols"},
//    "log_likelihood", "viterbi": {"path", "log_probability"},
//    "posteriors"?: [[...] per sample],
//    "fit"?: {"restarts", "seed", "max_iterations", "tolerance", "variance_floor",
//             "iterations", "converged", "restart", "trace"}}
#include <string>

#include "causal_read.hpp"
#include "lf/detect/hmm.hpp"
#include "lf/detect/hmm_fit.hpp"
#include "routes.hpp"

namespace lf::api::routes {
namespace {

using namespace json_read;
namespace hmm = detect::hmm;

// 2^53: every integer up to it is exact as a JSON number.
constexpr std::uint64_t kMaxSeed = 9007199254740992ULL;

Result<hmm::EmissionKind> decode_kind(const Json& request) {
  const Json* node = find(request, "emissions");
  if (node == nullptr) return hmm::EmissionKind::gaussian;
  auto text = string(*node, "emissions");
  if (!text) return std::move(text).error();
  if (*text == "gaussian") return hmm::EmissionKind::gaussian;
  if (*text == "categorical") return hmm::EmissionKind::categorical;
  return make_error(ErrorCode::schema_error, "emissions must be \"gaussian\" or \"categorical\"");
}

// A rows x (any) matrix as one flat row-major vector; every row `cols` long.
Result<std::vector<double>> matrix(const Json& value, const std::string& path, std::size_t rows,
                                   std::size_t& cols) {
  if (!value.is_array() || value.size() != rows) {
    return make_error(ErrorCode::schema_error, path + " must be an array of " +
                                                   std::to_string(rows) + " rows (one per state)");
  }
  std::vector<double> flat;
  for (std::size_t r = 0; r < rows; ++r) {
    const std::string row_path = path + "[" + std::to_string(r) + "]";
    auto row = numbers(value[r], row_path, /*null_as_nan=*/false);
    if (!row) return std::move(row).error();
    if (r == 0) cols = row->size();
    if (row->size() != cols) {
      return make_error(ErrorCode::schema_error, row_path + " must have " + std::to_string(cols) +
                                                     " entries like the first row");
    }
    flat.insert(flat.end(), row->begin(), row->end());
  }
  return flat;
}

Result<std::vector<double>> member_numbers(const Json& object, std::string_view key) {
  const std::string path = "model." + std::string(key);
  auto node = require(object, key, "model");
  if (!node) return std::move(node).error();
  return numbers(**node, path, /*null_as_nan=*/false);
}

Result<hmm::Model> decode_model(const Json& node, hmm::EmissionKind kind) {
  if (auto s = expect_object(node, "model"); !s) return std::move(s).error();
  const bool gaussian = kind == hmm::EmissionKind::gaussian;
  auto keys = gaussian
                  ? only_keys(node, "model", {"initial", "transitions", "means", "variances"})
                  : only_keys(node, "model", {"initial", "transitions", "emission_probabilities"});
  if (!keys) return std::move(keys).error();

  hmm::Model model;
  auto initial = member_numbers(node, "initial");
  if (!initial) return std::move(initial).error();
  model.initial = std::move(*initial);
  const std::size_t states = model.initial.size();
  std::size_t cols = 0;
  auto transitions_node = require(node, "transitions", "model");
  if (!transitions_node) return std::move(transitions_node).error();
  auto transitions = matrix(**transitions_node, "model.transitions", states, cols);
  if (!transitions) return std::move(transitions).error();
  model.transitions = std::move(*transitions);

  if (gaussian) {
    auto means = member_numbers(node, "means");
    if (!means) return std::move(means).error();
    auto variances = member_numbers(node, "variances");
    if (!variances) return std::move(variances).error();
    model.emissions = hmm::GaussianEmissions{std::move(*means), std::move(*variances)};
  } else {
    auto b_node = require(node, "emission_probabilities", "model");
    if (!b_node) return std::move(b_node).error();
    std::size_t symbols = 0;
    auto b = matrix(**b_node, "model.emission_probabilities", states, symbols);
    if (!b) return std::move(b).error();
    model.emissions = hmm::CategoricalEmissions{symbols, std::move(*b)};
  }
  if (auto s = hmm::validate(model); !s) return std::move(s).error();
  return model;
}

Result<hmm::FitOptions> decode_fit(const Json& request, hmm::EmissionKind kind) {
  hmm::FitOptions o;
  o.emissions = kind;
  if (const Json* v = find(request, "states")) {
    auto states = causal_read::integer(*v, "states", 1, hmm::kMaxStates);
    if (!states) return std::move(states).error();
    o.states = static_cast<std::size_t>(*states);
  }
  if (const Json* v = find(request, "symbols")) {
    if (kind != hmm::EmissionKind::categorical) {
      return make_error(ErrorCode::schema_error, "symbols is for categorical emissions only");
    }
    auto symbols = causal_read::integer(*v, "symbols", 1, hmm::kMaxSymbols);
    if (!symbols) return std::move(symbols).error();
    o.symbols = static_cast<std::size_t>(*symbols);
  }
  const Json* fit = find(request, "fit");
  if (fit == nullptr) return o;
  if (auto s = expect_object(*fit, "fit"); !s) return std::move(s).error();
  if (auto s = only_keys(*fit, "fit",
                         {"restarts", "seed", "max_iterations", "tolerance", "variance_floor"});
      !s) {
    return std::move(s).error();
  }
  if (const Json* v = find(*fit, "restarts")) {
    auto n = causal_read::integer(*v, "fit.restarts", 1, 1000);
    if (!n) return std::move(n).error();
    o.restarts = static_cast<std::size_t>(*n);
  }
  if (const Json* v = find(*fit, "seed")) {
    auto n = causal_read::integer(*v, "fit.seed", 0, kMaxSeed);
    if (!n) return std::move(n).error();
    o.seed = *n;
  }
  if (const Json* v = find(*fit, "max_iterations")) {
    auto n = causal_read::integer(*v, "fit.max_iterations", 1, 1000000);
    if (!n) return std::move(n).error();
    o.max_iterations = static_cast<std::size_t>(*n);
  }
  if (const Json* v = find(*fit, "tolerance")) {
    auto x = number(*v, "fit.tolerance");
    if (!x) return std::move(x).error();
    o.tolerance = *x;
  }
  if (const Json* v = find(*fit, "variance_floor")) {
    auto x = number(*v, "fit.variance_floor");
    if (!x) return std::move(x).error();
    o.variance_floor = *x;
  }
  return o;
}

// Rows of a row-major matrix as nested arrays.
Json rows(const std::vector<double>& flat, std::size_t cols) {
  Json out = Json::array();
  for (std::size_t r = 0; r * cols < flat.size(); ++r) {
    out.push_back(causal_read::number_list(
        std::vector<double>(flat.begin() + static_cast<std::ptrdiff_t>(r * cols),
                            flat.begin() + static_cast<std::ptrdiff_t>((r + 1) * cols))));
  }
  return out;
}

Json encode(const hmm::Model& model) {
  Json out = {{"initial", causal_read::number_list(model.initial)},
              {"transitions", rows(model.transitions, model.states())}};
  if (const auto* g = std::get_if<hmm::GaussianEmissions>(&model.emissions)) {
    out["means"] = causal_read::number_list(g->means);
    out["variances"] = causal_read::number_list(g->variances);
  } else {
    const auto& c = std::get<hmm::CategoricalEmissions>(model.emissions);
    out["symbols"] = c.symbols;
    out["emission_probabilities"] = rows(c.probabilities, c.symbols);
  }
  return out;
}

Json encode(const hmm::FitOptions& o, const hmm::Fit& fit) {
  return {{"restarts", o.restarts},
          {"seed", o.seed},
          {"max_iterations", o.max_iterations},
          {"tolerance", number_value(o.tolerance)},
          {"variance_floor", number_value(o.variance_floor)},
          {"iterations", fit.iterations},
          {"converged", fit.converged},
          {"restart", fit.restart},
          {"trace", causal_read::number_list(fit.trace)}};
}

Result<bool> wants_posteriors(const Json& request) {
  const Json* node = find(request, "posteriors");
  if (node == nullptr) return true;
  if (!node->is_boolean())
    return make_error(ErrorCode::schema_error, "posteriors must be a boolean");
  return node->get<bool>();
}

}  // namespace

Result<Json> hmm(const Json& request) {
  if (auto s =
          only_keys(request, "request",
                    {"values", "emissions", "states", "symbols", "fit", "model", "posteriors"});
      !s) {
    return std::move(s).error();
  }
  auto values_node = require(request, "values", "request");
  if (!values_node) return std::move(values_node).error();
  auto values = causal_read::series(**values_node, "values");
  if (!values) return std::move(values).error();
  auto kind = decode_kind(request);
  if (!kind) return std::move(kind).error();
  auto with_posteriors = wants_posteriors(request);
  if (!with_posteriors) return std::move(with_posteriors).error();

  Json response;
  hmm::Model model;
  if (const Json* given = find(request, "model")) {
    for (const char* key : {"states", "symbols", "fit"}) {
      if (find(request, key) != nullptr) {
        return make_error(ErrorCode::schema_error,
                          std::string(key) + " configures a fit; a request with a model decodes");
      }
    }
    auto decoded = decode_model(*given, *kind);
    if (!decoded) return std::move(decoded).error();
    model = std::move(*decoded);
  } else {
    auto options = decode_fit(request, *kind);
    if (!options) return std::move(options).error();
    auto fitted = hmm::fit(*values, *options);
    if (!fitted) return std::move(fitted).error();
    response["fit"] = encode(*options, *fitted);
    model = std::move(fitted->model);
  }

  auto posteriors = hmm::posteriors(model, *values);
  if (!posteriors) return std::move(posteriors).error();
  auto path = hmm::viterbi(model, *values);
  if (!path) return std::move(path).error();

  response["emissions"] = *kind == hmm::EmissionKind::gaussian ? "gaussian" : "categorical";
  response["states"] = model.states();
  response["samples"] = values->size();
  response["model"] = encode(model);
  response["log_likelihood"] = posteriors->log_likelihood;
  response["viterbi"] = {{"path", path->states}, {"log_probability", path->log_probability}};
  if (*with_posteriors) response["posteriors"] = rows(posteriors->probabilities, model.states());
  return response;
}

}  // namespace lf::api::routes
