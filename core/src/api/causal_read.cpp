#include "causal_read.hpp"

#include <cmath>

namespace lf::api::causal_read {
namespace {

using namespace json_read;

constexpr std::uint64_t kMaxExactInteger = std::uint64_t{1} << 53;

Result<std::string> text(const Json& value, const std::string& path) {
  return json_read::string(value, path);
}

// Reads member `key` of `object` (if present) as an integer into `out`.
Status read_integer(const Json& object, std::string_view key, const std::string& path,
                    std::uint64_t min, std::uint64_t max, std::size_t& out) {
  const Json* node = find(object, key);
  if (node == nullptr) return {};
  auto value = integer(*node, path + "." + std::string(key), min, max);
  if (!value) return std::move(value).error();
  out = static_cast<std::size_t>(*value);
  return {};
}

Result<graph::EmbeddingParams> embedding(const Json& request) {
  graph::EmbeddingParams out;
  const Json* node = find(request, "embedding");
  if (node == nullptr) return out;
  if (auto s = expect_object(*node, "embedding"); !s) return std::move(s).error();
  if (auto s =
          only_keys(*node, "embedding",
                    {"target_history", "target_delay", "source_history", "source_delay", "lag"});
      !s) {
    return std::move(s).error();
  }
  if (auto s = read_integer(*node, "target_history", "embedding", 1, 64, out.target_history); !s) {
    return std::move(s).error();
  }
  if (auto s = read_integer(*node, "source_history", "embedding", 1, 64, out.source_history); !s) {
    return std::move(s).error();
  }
  if (auto s = read_integer(*node, "target_delay", "embedding", 1, 10000, out.target_delay); !s) {
    return std::move(s).error();
  }
  if (auto s = read_integer(*node, "source_delay", "embedding", 1, 10000, out.source_delay); !s) {
    return std::move(s).error();
  }
  if (auto s = read_integer(*node, "lag", "embedding", 1, 10000, out.lag); !s) {
    return std::move(s).error();
  }
  return out;
}

Result<graph::KsgParams> ksg(const Json& request) {
  graph::KsgParams out;
  const Json* node = find(request, "ksg");
  if (node == nullptr) return out;
  if (auto s = expect_object(*node, "ksg"); !s) return std::move(s).error();
  if (auto s =
          only_keys(*node, "ksg", {"k", "theiler_window", "normalisation", "noise", "noise_seed"});
      !s) {
    return std::move(s).error();
  }
  if (auto s = read_integer(*node, "k", "ksg", 1, 1000, out.k); !s) return std::move(s).error();
  if (auto s = read_integer(*node, "theiler_window", "ksg", 0, 1000000, out.theiler_window); !s) {
    return std::move(s).error();
  }
  if (const Json* v = find(*node, "normalisation")) {
    auto name = text(*v, "ksg.normalisation");
    if (!name) return std::move(name).error();
    auto mode = graph::parse_normalisation(*name);
    if (!mode) return std::move(mode).error();
    out.normalisation = *mode;
  }
  if (const Json* v = find(*node, "noise")) {
    auto noise = number(*v, "ksg.noise");
    if (!noise) return std::move(noise).error();
    out.noise = *noise;
  }
  if (const Json* v = find(*node, "noise_seed")) {
    auto seed = integer(*v, "ksg.noise_seed", 0, kMaxExactInteger);
    if (!seed) return std::move(seed).error();
    out.noise_seed = *seed;
  }
  if (auto s = graph::check_ksg(out); !s) return std::move(s).error();
  return out;
}

}  // namespace

Result<std::uint64_t> integer(const Json& value, const std::string& path, std::uint64_t min,
                              std::uint64_t max) {
  auto n = number(value, path);
  if (!n) return std::move(n).error();
  if (*n != std::floor(*n) || *n < static_cast<double>(min) || *n > static_cast<double>(max)) {
    return make_error(
        ErrorCode::invalid_parameter,
        path + " must be an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
  }
  return static_cast<std::uint64_t>(*n);
}

Result<std::vector<double>> series(const Json& value, const std::string& path) {
  return numbers(value, path, /*null_as_nan=*/true);
}

Result<std::vector<std::vector<double>>> series_list(const Json& value, const std::string& path,
                                                     std::size_t min_count) {
  if (!value.is_array()) {
    return make_error(ErrorCode::schema_error, path + " must be an array of series");
  }
  if (value.size() < min_count) {
    return make_error(ErrorCode::insufficient_data,
                      path + " needs at least " + std::to_string(min_count) + " series");
  }
  std::vector<std::vector<double>> out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto s = series(value[i], path + "[" + std::to_string(i) + "]");
    if (!s) return std::move(s).error();
    out.push_back(std::move(*s));
  }
  return out;
}

Result<graph::DiscreteParams> binning(const Json* node, const std::string& path) {
  graph::DiscreteParams out;
  if (node == nullptr) return out;
  if (auto s = expect_object(*node, path); !s) return std::move(s).error();
  if (auto s = only_keys(*node, path, {"binning", "bins"}); !s) return std::move(s).error();
  if (const Json* v = find(*node, "binning")) {
    auto name = text(*v, path + ".binning");
    if (!name) return std::move(name).error();
    auto mode = graph::parse_binning(*name);
    if (!mode) return std::move(mode).error();
    out.binning = *mode;
  }
  if (auto s = read_integer(*node, "bins", path, 2, 65536, out.bins); !s) {
    return std::move(s).error();
  }
  return out;
}

Result<graph::TeParams> te_params(const Json& request) {
  graph::TeParams out;
  if (const Json* v = find(request, "estimator")) {
    auto name = text(*v, "estimator");
    if (!name) return std::move(name).error();
    auto estimator = graph::parse_estimator(*name);
    if (!estimator) return std::move(estimator).error();
    out.estimator = *estimator;
  }
  auto e = embedding(request);
  if (!e) return std::move(e).error();
  out.embedding = *e;
  auto k = ksg(request);
  if (!k) return std::move(k).error();
  out.ksg = *k;
  auto d = binning(find(request, "discrete"), "discrete");
  if (!d) return std::move(d).error();
  out.discrete = *d;
  return out;
}

Result<graph::SurrogateParams> surrogates(const Json& request) {
  graph::SurrogateParams out;
  const Json* node = find(request, "surrogates");
  if (node == nullptr) return out;
  if (auto s = expect_object(*node, "surrogates"); !s) return std::move(s).error();
  if (auto s = only_keys(*node, "surrogates", {"count", "seed", "method", "min_shift"}); !s) {
    return std::move(s).error();
  }
  if (auto s = read_integer(*node, "count", "surrogates", 0, 100000, out.count); !s) {
    return std::move(s).error();
  }
  if (const Json* v = find(*node, "seed")) {
    auto seed = integer(*v, "surrogates.seed", 0, kMaxExactInteger);
    if (!seed) return std::move(seed).error();
    out.seed = *seed;
  }
  if (const Json* v = find(*node, "method")) {
    auto name = text(*v, "surrogates.method");
    if (!name) return std::move(name).error();
    auto method = graph::parse_surrogate_method(*name);
    if (!method) return std::move(method).error();
    out.method = *method;
  }
  if (auto s = read_integer(*node, "min_shift", "surrogates", 0, 100000000, out.min_shift); !s) {
    return std::move(s).error();
  }
  return out;
}

Json encode(const graph::DiscreteParams& params) {
  return {{"binning", std::string(graph::to_string(params.binning))}, {"bins", params.bins}};
}

Json encode(const graph::TeParams& params) {
  const auto& e = params.embedding;
  Json out{{"estimator", std::string(graph::to_string(params.estimator))},
           {"embedding",
            {{"target_history", e.target_history},
             {"target_delay", e.target_delay},
             {"source_history", e.source_history},
             {"source_delay", e.source_delay},
             {"lag", e.lag}}}};
  if (params.estimator == graph::Estimator::ksg) {
    out["ksg"] = {{"k", params.ksg.k},
                  {"theiler_window", params.ksg.theiler_window},
                  {"normalisation", std::string(graph::to_string(params.ksg.normalisation))},
                  {"noise", number_value(params.ksg.noise)},
                  {"noise_seed", params.ksg.noise_seed}};
  }
  if (params.estimator == graph::Estimator::discrete) out["discrete"] = encode(params.discrete);
  return out;
}

Json encode(const graph::SurrogateParams& params) {
  Json out{{"count", params.count},
           {"seed", params.seed},
           {"method", std::string(graph::to_string(params.method))}};
  if (params.method == graph::SurrogateMethod::circular_shift) out["min_shift"] = params.min_shift;
  return out;
}

Json number_list(const std::vector<double>& values) {
  Json out = Json::array();
  for (double v : values) out.push_back(number_value(v));
  return out;
}

Json encode(const detect::Alert& alert) {
  return {{"detector", alert.detector},
          {"version", alert.version},
          {"index", alert.index},
          {"timestamp", number_value(alert.timestamp)},
          {"kind", alert.kind},
          {"severity", std::string(detect::to_string(alert.severity))},
          {"score", number_value(alert.score)}};
}

}  // namespace lf::api::causal_read
