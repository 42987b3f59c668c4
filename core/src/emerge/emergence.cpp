#include "lf/emerge/emergence.hpp"

#include <algorithm>
#include <memory>
#include <string>

#include "lf/emerge/mutual_information.hpp"
#include "lf/graph/samples.hpp"

namespace lf::emerge {
namespace {

// I(A_t; B_{t+τ}) between two prepared series.
class LaggedInformation {
 public:
  virtual ~LaggedInformation() = default;
  virtual Result<double> operator()(std::size_t a, std::size_t b) const = 0;
};

// Series 0 is V, series 1 + j is X^j.
class GaussianLagged final : public LaggedInformation {
 public:
  GaussianLagged(std::vector<std::span<const double>> series, std::size_t lag)
      : series_(std::move(series)), lag_(lag) {}
  Result<double> operator()(std::size_t a, std::size_t b) const override {
    const std::size_t n = series_[a].size() - lag_;
    graph::Samples past(n, 1), future(n, 1);
    std::copy_n(series_[a].begin(), n, past.values.begin());
    std::copy_n(series_[b].begin() + static_cast<std::ptrdiff_t>(lag_), n, future.values.begin());
    return gaussian_mutual_information(past, future);
  }

 private:
  std::vector<std::span<const double>> series_;
  std::size_t lag_;
};

class DiscreteLagged final : public LaggedInformation {
 public:
  DiscreteLagged(std::vector<std::vector<std::uint32_t>> symbols, std::size_t lag)
      : symbols_(std::move(symbols)), lag_(lag) {}
  Result<double> operator()(std::size_t a, std::size_t b) const override {
    const std::size_t n = symbols_[a].size() - lag_;
    return discrete_mutual_information(std::span(symbols_[a]).first(n),
                                       std::span(symbols_[b]).subspan(lag_, n));
  }

 private:
  std::vector<std::vector<std::uint32_t>> symbols_;
  std::size_t lag_;
};

}  // namespace

std::string_view to_string(Estimator estimator) noexcept {
  return estimator == Estimator::gaussian ? "gaussian" : "discrete";
}

Result<Estimator> parse_estimator(std::string_view name) {
  if (name == "gaussian") return Estimator::gaussian;
  if (name == "discrete") return Estimator::discrete;
  return make_error(ErrorCode::invalid_parameter,
                    "estimator must be gaussian or discrete, not '" + std::string(name) + "'");
}

std::string_view units(Estimator estimator) noexcept {
  return estimator == Estimator::gaussian ? "nats" : "bits";
}

Status check_emergence_params(const EmergenceParams& params) {
  if (params.lag < 1 || params.lag > 1000000) {
    return make_error(ErrorCode::invalid_parameter, "lag must be an integer in [1, 1000000]");
  }
  if (auto s = graph::check_discrete(params.macro_symbols); !s) return s;
  return graph::check_discrete(params.micro_symbols);
}

Result<Emergence> emergence(std::span<const double> macro,
                            std::span<const std::vector<double>> micro,
                            const EmergenceParams& params) {
  if (auto s = check_emergence_params(params); !s) return std::move(s).error();
  if (micro.empty()) return make_error(ErrorCode::empty_input, "no micro signals");
  if (auto s = graph::check_series(macro, "macro"); !s) return std::move(s).error();
  for (std::size_t j = 0; j < micro.size(); ++j) {
    const std::string what = "micro[" + std::to_string(j) + "]";
    if (micro[j].size() != macro.size()) {
      return make_error(ErrorCode::length_mismatch,
                        what + " has " + std::to_string(micro[j].size()) +
                            " samples but macro has " + std::to_string(macro.size()));
    }
    if (auto s = graph::check_series(micro[j], what); !s) return std::move(s).error();
  }
  if (macro.size() < params.lag + 3) {
    return make_error(ErrorCode::insufficient_data,
                      std::to_string(macro.size()) + " samples are too few for lag " +
                          std::to_string(params.lag) + " (at least " +
                          std::to_string(params.lag + 3) + " are needed)");
  }

  std::unique_ptr<LaggedInformation> info;
  if (params.estimator == Estimator::gaussian) {
    std::vector<std::span<const double>> series{macro};
    for (const auto& m : micro) series.emplace_back(m);
    info = std::make_unique<GaussianLagged>(std::move(series), params.lag);
  } else {
    std::vector<std::vector<std::uint32_t>> symbols;
    auto v = graph::symbolise(macro, params.macro_symbols);
    if (!v) return std::move(v).error();
    symbols.push_back(std::move(v->values));
    for (const auto& m : micro) {
      auto x = graph::symbolise(m, params.micro_symbols);
      if (!x) return std::move(x).error();
      symbols.push_back(std::move(x->values));
    }
    info = std::make_unique<DiscreteLagged>(std::move(symbols), params.lag);
  }

  const std::size_t m = micro.size();
  Emergence out;
  auto self = (*info)(0, 0);
  if (!self) return std::move(self).error();
  out.macro_information = *self;
  double micro_sum = 0.0;
  for (std::size_t j = 0; j < m; ++j) {
    auto to_macro = (*info)(1 + j, 0);
    if (!to_macro) return std::move(to_macro).error();
    out.micro_to_macro.push_back(*to_macro);
    micro_sum += *to_macro;

    auto from_macro = (*info)(0, 1 + j);
    if (!from_macro) return std::move(from_macro).error();
    out.macro_to_micro.push_back(*from_macro);

    double among_micro = 0.0;
    for (std::size_t i = 0; i < m; ++i) {
      auto term = (*info)(1 + i, 1 + j);
      if (!term) return std::move(term).error();
      among_micro += *term;
    }
    out.micro_to_micro.push_back(among_micro);
  }
  out.psi = out.macro_information - micro_sum;
  out.delta = out.macro_to_micro[0] - out.micro_to_micro[0];
  out.gamma = out.macro_to_micro[0];
  for (std::size_t j = 1; j < m; ++j) {
    out.delta = std::max(out.delta, out.macro_to_micro[j] - out.micro_to_micro[j]);
    out.gamma = std::max(out.gamma, out.macro_to_micro[j]);
  }
  return out;
}

}  // namespace lf::emerge
