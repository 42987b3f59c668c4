#include "lf/graph/transfer_entropy.hpp"

#include <string>

#include "lf/graph/discrete_te.hpp"
#include "lf/graph/gaussian_te.hpp"

namespace lf::graph {
namespace {

// Noise streams of one series: target next, target past, source past.
constexpr std::uint64_t kStreamsPerSeries = 3;

// The series standardised as a whole (Normalisation::series).
std::vector<double> standardised(std::span<const double> series) {
  Samples column(series.size(), 1);
  column.values.assign(series.begin(), series.end());
  // check_series has already rejected a constant series.
  (void)standardise_columns(column);
  return std::move(column.values);
}

// The series a continuous estimator embeds.
std::vector<double> continuous_input(std::span<const double> series, const TeParams& params) {
  if (params.estimator == Estimator::ksg && params.ksg.normalisation == Normalisation::series) {
    return standardised(series);
  }
  return {series.begin(), series.end()};
}

// Symbols as doubles, so the embedding code serves both kinds of data.
Result<std::vector<double>> symbol_input(std::span<const double> series, const TeParams& params,
                                         std::uint32_t& alphabet) {
  auto symbols = symbolise(series, params.discrete);
  if (!symbols) return std::move(symbols).error();
  alphabet = symbols->alphabet;
  return std::vector<double>(symbols->values.begin(), symbols->values.end());
}

Status check_length(std::span<const double> series, const EmbeddingParams& embedding,
                    std::string_view what) {
  if (observation_count(series.size(), embedding) >= 2) return {};
  return make_error(ErrorCode::insufficient_data,
                    std::string(what) + " has " + std::to_string(series.size()) +
                        " samples, too few for the embedding (at least " +
                        std::to_string(first_observation(embedding) + 2) + " are needed)");
}

}  // namespace

class TransferEntropy::Estimate {
 public:
  virtual ~Estimate() = default;
  virtual Result<double> operator()(const PreparedSource& source) const = 0;
};

namespace {

class KsgEstimate final : public TransferEntropy::Estimate {
 public:
  explicit KsgEstimate(KsgConditionalMi cmi) : cmi_(std::move(cmi)) {}
  Result<double> operator()(const PreparedSource& source) const override {
    return cmi_.estimate(source.past);
  }

 private:
  KsgConditionalMi cmi_;
};

class GaussianEstimate final : public TransferEntropy::Estimate {
 public:
  explicit GaussianEstimate(GaussianConditionalMi cmi) : cmi_(std::move(cmi)) {}
  Result<double> operator()(const PreparedSource& source) const override {
    return cmi_.estimate(source.past);
  }

 private:
  GaussianConditionalMi cmi_;
};

class DiscreteEstimate final : public TransferEntropy::Estimate {
 public:
  explicit DiscreteEstimate(DiscreteConditionalMi cmi) : cmi_(std::move(cmi)) {}
  Result<double> operator()(const PreparedSource& source) const override {
    return cmi_.estimate(source.codes);
  }

 private:
  DiscreteConditionalMi cmi_;
};

}  // namespace

std::string_view to_string(Estimator estimator) noexcept {
  switch (estimator) {
    case Estimator::ksg: return "ksg";
    case Estimator::gaussian: return "gaussian";
    case Estimator::discrete: return "discrete";
  }
  return "ksg";
}

Result<Estimator> parse_estimator(std::string_view name) {
  if (name == "ksg") return Estimator::ksg;
  if (name == "gaussian") return Estimator::gaussian;
  if (name == "discrete") return Estimator::discrete;
  return make_error(ErrorCode::invalid_parameter,
                    "estimator must be ksg, gaussian or discrete, not '" + std::string(name) + "'");
}

Status check_te_params(const TeParams& params) {
  if (auto s = check_embedding(params.embedding); !s) return s;
  if (auto s = check_ksg(params.ksg); !s) return s;
  return check_discrete(params.discrete);
}

PreparedSource permute(const PreparedSource& source, std::span<const std::size_t> order) {
  PreparedSource out;
  if (!source.codes.empty()) {
    out.codes.resize(order.size());
    for (std::size_t r = 0; r < order.size(); ++r) out.codes[r] = source.codes[order[r]];
  } else {
    out.past = permute_rows(source.past, order);
  }
  return out;
}

Result<TransferEntropy> TransferEntropy::for_target(std::span<const double> target,
                                                    const TeParams& params, std::uint64_t stream) {
  if (auto s = check_te_params(params); !s) return std::move(s).error();
  if (auto s = check_series(target, "target"); !s) return std::move(s).error();
  if (auto s = check_length(target, params.embedding, "target"); !s) return std::move(s).error();

  if (params.estimator == Estimator::discrete) {
    std::uint32_t alphabet = 0;
    auto symbols = symbol_input(target, params, alphabet);
    if (!symbols) return std::move(symbols).error();
    auto next = state_codes(embed_target_next(*symbols, params.embedding), alphabet);
    if (!next) return std::move(next).error();
    auto past = state_codes(embed_target_past(*symbols, params.embedding), alphabet);
    if (!past) return std::move(past).error();
    return TransferEntropy(params, target.size(),
                           std::make_shared<DiscreteEstimate>(
                               DiscreteConditionalMi(std::move(*next), std::move(*past))));
  }

  const std::vector<double> input = continuous_input(target, params);
  Samples next = embed_target_next(input, params.embedding);
  Samples past = embed_target_past(input, params.embedding);
  const std::size_t source_dims = params.embedding.source_history;
  if (params.estimator == Estimator::gaussian) {
    auto estimate = GaussianConditionalMi::create(std::move(next), std::move(past), source_dims);
    if (!estimate) return std::move(estimate).error();
    return TransferEntropy(params, target.size(),
                           std::make_shared<GaussianEstimate>(std::move(*estimate)));
  }
  if (auto s = ksg_preprocess(next, params.ksg, kStreamsPerSeries * stream); !s) {
    return std::move(s).error();
  }
  if (auto s = ksg_preprocess(past, params.ksg, kStreamsPerSeries * stream + 1); !s) {
    return std::move(s).error();
  }
  auto estimate = KsgConditionalMi::create(std::move(next), std::move(past), source_dims,
                                           params.ksg.k, params.ksg.theiler_window);
  if (!estimate) return std::move(estimate).error();
  return TransferEntropy(params, target.size(),
                         std::make_shared<KsgEstimate>(std::move(*estimate)));
}

Result<PreparedSource> TransferEntropy::prepare_source(std::span<const double> source,
                                                       std::string_view what,
                                                       std::uint64_t stream) const {
  if (source.size() != length_) {
    return make_error(ErrorCode::length_mismatch,
                      std::string(what) + " has " + std::to_string(source.size()) +
                          " samples but the target has " + std::to_string(length_));
  }
  if (auto s = check_series(source, what); !s) return std::move(s).error();
  PreparedSource out;
  if (params_.estimator == Estimator::discrete) {
    std::uint32_t alphabet = 0;
    auto symbols = symbol_input(source, params_, alphabet);
    if (!symbols) return std::move(symbols).error();
    auto codes = state_codes(embed_source_past(*symbols, params_.embedding), alphabet);
    if (!codes) return std::move(codes).error();
    out.codes = std::move(*codes);
    return out;
  }
  out.past = embed_source_past(continuous_input(source, params_), params_.embedding);
  if (params_.estimator == Estimator::ksg) {
    if (auto s = ksg_preprocess(out.past, params_.ksg, kStreamsPerSeries * stream + 2); !s) {
      return std::move(s).error();
    }
  }
  return out;
}

Result<double> TransferEntropy::estimate(const PreparedSource& source) const {
  return (*estimate_)(source);
}

std::size_t TransferEntropy::observations() const noexcept {
  return observation_count(length_, params_.embedding);
}

Result<double> transfer_entropy(std::span<const double> source, std::span<const double> target,
                                const TeParams& params) {
  auto te = TransferEntropy::for_target(target, params);
  if (!te) return std::move(te).error();
  auto prepared = te->prepare_source(source);
  if (!prepared) return std::move(prepared).error();
  return te->estimate(*prepared);
}

}  // namespace lf::graph
