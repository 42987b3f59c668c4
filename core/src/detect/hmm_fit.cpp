#include "lf/detect/hmm_fit.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <string>

#include "hmm_lattice.hpp"

namespace lf::detect::hmm {
namespace {

using lattice::RowMatrix;

// SplitMix64 (Steele, Lea, Flood 2014): tiny, fully specified, identical on
// every target.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1), 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1p-53; }
  // Uniform in [0, n): the bias of a 53-bit draw is far below anything an
  // initial guess can notice.
  std::size_t below(std::size_t n) {
    return std::min(n - 1, static_cast<std::size_t>(uniform() * static_cast<double>(n)));
  }

 private:
  std::uint64_t state_;
};

// The generator of restart r: the seed's stream and the restart's number are
// both scrambled so that neighbouring seeds and restarts share no draws.
SplitMix64 restart_generator(std::uint64_t seed, std::size_t restart) {
  SplitMix64 mix(restart + 1);
  return SplitMix64(SplitMix64(seed).next() ^ mix.next());
}

struct DataSummary {
  double mean = 0.0;
  double variance = 0.0;  // population variance (ddof 0), as the M-step computes it
};

DataSummary summarise(std::span<const double> x) {
  DataSummary s;
  for (double v : x) s.mean += v;
  s.mean /= static_cast<double>(x.size());
  for (double v : x) s.variance += (v - s.mean) * (v - s.mean);
  s.variance /= static_cast<double>(x.size());
  return s;
}

Status check_options(const FitOptions& o) {
  auto bad = [](const std::string& message) {
    return make_error(ErrorCode::invalid_parameter, message);
  };
  if (o.states < 1 || o.states > kMaxStates) {
    return bad("states must be in [1, " + std::to_string(kMaxStates) + "]");
  }
  if (o.restarts < 1 || o.restarts > 1000) return bad("restarts must be in [1, 1000]");
  if (o.max_iterations < 1 || o.max_iterations > 1000000) {
    return bad("max_iterations must be in [1, 1000000]");
  }
  if (!(std::isfinite(o.tolerance) && o.tolerance >= 0.0)) {
    return bad("tolerance must be finite and >= 0");
  }
  if (!(o.variance_floor > 0.0 && o.variance_floor <= 1.0)) {
    return bad("variance_floor must be in (0, 1]");
  }
  if (o.emissions == EmissionKind::categorical && o.symbols > kMaxSymbols) {
    return bad("symbols must be at most " + std::to_string(kMaxSymbols));
  }
  return {};
}

// M for categorical observations: the given count, or the largest symbol + 1.
Result<std::size_t> symbol_count(std::span<const double> x, const FitOptions& o) {
  const double limit = static_cast<double>(o.symbols > 0 ? o.symbols : kMaxSymbols);
  double largest = 0.0;
  for (std::size_t t = 0; t < x.size(); ++t) {
    if (!(x[t] >= 0.0 && x[t] == std::floor(x[t]) && x[t] < limit)) {
      return make_error(ErrorCode::invalid_argument,
                        "observation " + std::to_string(t) +
                            " must be a symbol, an integer in [0, " +
                            std::to_string(static_cast<std::size_t>(limit)) + ")");
    }
    largest = std::max(largest, x[t]);
  }
  return o.symbols > 0 ? o.symbols : static_cast<std::size_t>(largest) + 1;
}

// Rows of weight 1 on every entry plus `diagonal` on the diagonal, each
// entry jittered by a uniform draw, normalised.
std::vector<double> random_rows(std::size_t rows, std::size_t cols, double base, double diagonal,
                                SplitMix64& rng) {
  std::vector<double> m(rows * cols);
  for (std::size_t r = 0; r < rows; ++r) {
    double sum = 0.0;
    for (std::size_t c = 0; c < cols; ++c) {
      m[r * cols + c] = base + rng.uniform() + (r == c ? diagonal : 0.0);
      sum += m[r * cols + c];
    }
    for (std::size_t c = 0; c < cols; ++c) m[r * cols + c] /= sum;
  }
  return m;
}

Model initial_model(std::span<const double> x, const FitOptions& o, std::size_t symbols,
                    const DataSummary& data, std::size_t restart) {
  SplitMix64 rng = restart_generator(o.seed, restart);
  const std::size_t k = o.states;
  Model model;
  model.initial.assign(k, 1.0 / static_cast<double>(k));
  model.transitions = random_rows(k, k, 0.0, static_cast<double>(k), rng);
  if (o.emissions == EmissionKind::categorical) {
    model.emissions = CategoricalEmissions{symbols, random_rows(k, symbols, 0.5, 0.0, rng)};
    return model;
  }
  GaussianEmissions g{std::vector<double>(k), std::vector<double>(k, data.variance)};
  if (restart == 0) {
    std::vector<double> sorted(x.begin(), x.end());
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t s = 0; s < k; ++s) {
      const auto at = static_cast<std::size_t>(
          (static_cast<double>(s) + 0.5) * static_cast<double>(x.size()) / static_cast<double>(k));
      g.means[s] = sorted[std::min(at, sorted.size() - 1)];
    }
  } else {
    for (auto& mean : g.means) mean = x[rng.below(x.size())];
  }
  model.emissions = std::move(g);
  return model;
}

// What the E-step hands the M-step.
struct Expectations {
  double log_likelihood = -std::numeric_limits<double>::infinity();
  RowMatrix gamma;        // T x K posteriors
  RowMatrix transitions;  // K x K expected transition counts
};

// False when the observations are impossible under `model` (cannot happen
// from the starting points above, which give every symbol and every
// transition positive probability, and EM never lowers the likelihood).
bool expect(const Model& model, std::span<const double> x, Expectations& out) {
  const auto e = lattice::emissions(model, x);
  const auto f = lattice::forward(model, e);
  if (f.impossible_at < x.size()) return false;
  const RowMatrix beta = lattice::backward(model, e, f);
  const Eigen::Index steps = e.scaled.rows();
  const Eigen::Index states = e.scaled.cols();
  const lattice::ConstRowMap a(model.transitions.data(), states, states);

  out.log_likelihood = f.log_likelihood;
  out.gamma = lattice::smoothed(f, beta);
  out.transitions = RowMatrix::Zero(states, states);
  Eigen::RowVectorXd weighted(states);
  for (Eigen::Index t = 0; t + 1 < steps; ++t) {
    weighted = e.scaled.row(t + 1).cwiseProduct(beta.row(t + 1)) / f.scale(t + 1);
    for (Eigen::Index i = 0; i < states; ++i) {
      for (Eigen::Index j = 0; j < states; ++j) {
        out.transitions(i, j) += f.alpha(t, i) * a(i, j) * weighted(j);
      }
    }
  }
  return true;
}

// Rows of `counts` normalised into `target`; a row with no weight keeps the
// target's previous row.
void normalise_rows(const RowMatrix& counts, std::vector<double>& target) {
  const auto cols = static_cast<std::size_t>(counts.cols());
  for (Eigen::Index r = 0; r < counts.rows(); ++r) {
    const double total = lattice::ordered_sum(counts.row(r));
    if (!(total > 0.0)) continue;
    for (std::size_t c = 0; c < cols; ++c) {
      target[static_cast<std::size_t>(r) * cols + c] =
          counts(r, static_cast<Eigen::Index>(c)) / total;
    }
  }
}

void maximise_gaussian(std::span<const double> x, const RowMatrix& gamma, double floor,
                       GaussianEmissions& g) {
  for (Eigen::Index k = 0; k < gamma.cols(); ++k) {
    const double weight = lattice::ordered_sum(gamma.col(k));
    if (!(weight > 0.0)) continue;
    double mean = 0.0;
    for (std::size_t t = 0; t < x.size(); ++t)
      mean += gamma(static_cast<Eigen::Index>(t), k) * x[t];
    mean /= weight;
    double variance = 0.0;
    for (std::size_t t = 0; t < x.size(); ++t) {
      const double d = x[t] - mean;
      variance += gamma(static_cast<Eigen::Index>(t), k) * d * d;
    }
    const auto s = static_cast<std::size_t>(k);
    g.means[s] = mean;
    g.variances[s] = std::max(variance / weight, floor);
  }
}

void maximise_categorical(std::span<const double> x, const RowMatrix& gamma,
                          CategoricalEmissions& c) {
  RowMatrix counts = RowMatrix::Zero(gamma.cols(), static_cast<Eigen::Index>(c.symbols));
  for (std::size_t t = 0; t < x.size(); ++t) {
    const auto symbol = static_cast<Eigen::Index>(x[t]);
    for (Eigen::Index k = 0; k < gamma.cols(); ++k) {
      counts(k, symbol) += gamma(static_cast<Eigen::Index>(t), k);
    }
  }
  normalise_rows(counts, c.probabilities);
}

void maximise(std::span<const double> x, const Expectations& ex, double variance_floor,
              Model& model) {
  for (std::size_t k = 0; k < model.states(); ++k) {
    model.initial[k] = ex.gamma(0, static_cast<Eigen::Index>(k));
  }
  normalise_rows(ex.transitions, model.transitions);
  if (auto* g = std::get_if<GaussianEmissions>(&model.emissions)) {
    maximise_gaussian(x, ex.gamma, variance_floor, *g);
  } else {
    maximise_categorical(x, ex.gamma, std::get<CategoricalEmissions>(model.emissions));
  }
}

// One restart's EM run; nothing when its model makes the data impossible.
std::optional<Fit> run_em(std::span<const double> x, const FitOptions& o, Model model,
                          double variance_floor) {
  Fit result;
  Expectations ex;
  for (std::size_t m_steps = 0;; ++m_steps) {
    if (!expect(model, x, ex)) return std::nullopt;
    result.trace.push_back(ex.log_likelihood);
    if (m_steps > 0 && ex.log_likelihood - result.trace[m_steps - 1] < o.tolerance) {
      result.converged = true;
    }
    if (result.converged || m_steps == o.max_iterations) {
      result.iterations = m_steps;
      break;
    }
    maximise(x, ex, variance_floor, model);
  }
  result.log_likelihood = result.trace.back();
  result.model = std::move(model);
  return result;
}

// Gaussian states relabelled in ascending order of their means.
void order_by_mean(Model& model) {
  auto& g = std::get<GaussianEmissions>(model.emissions);
  const std::size_t k = model.states();
  std::vector<std::size_t> order(k);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&g](std::size_t a, std::size_t b) { return g.means[a] < g.means[b]; });
  Model sorted = model;
  auto& sg = std::get<GaussianEmissions>(sorted.emissions);
  for (std::size_t a = 0; a < k; ++a) {
    sorted.initial[a] = model.initial[order[a]];
    sg.means[a] = g.means[order[a]];
    sg.variances[a] = g.variances[order[a]];
    for (std::size_t b = 0; b < k; ++b) {
      sorted.transitions[a * k + b] = model.transitions[order[a] * k + order[b]];
    }
  }
  model = std::move(sorted);
}

}  // namespace

Result<Fit> fit(std::span<const double> x, const FitOptions& o) {
  if (auto s = check_options(o); !s) return std::move(s).error();
  if (x.empty()) return make_error(ErrorCode::empty_input, "no observations");
  for (std::size_t t = 0; t < x.size(); ++t) {
    if (!std::isfinite(x[t])) {
      return make_error(ErrorCode::non_finite_value,
                        "observation " + std::to_string(t) + " is not finite");
    }
  }
  std::size_t symbols = 0;
  if (o.emissions == EmissionKind::categorical) {
    auto m = symbol_count(x, o);
    if (!m) return std::move(m).error();
    symbols = *m;
  }
  if (x.size() < o.states) {
    return make_error(ErrorCode::insufficient_data, std::to_string(x.size()) +
                                                        " observations cannot fit " +
                                                        std::to_string(o.states) + " states");
  }
  const DataSummary data = summarise(x);
  if (o.emissions == EmissionKind::gaussian && !(data.variance > 0.0)) {
    return make_error(ErrorCode::degenerate_input,
                      "the observations are constant: Gaussian states are undefined");
  }

  std::optional<Fit> best;
  for (std::size_t r = 0; r < o.restarts; ++r) {
    auto run =
        run_em(x, o, initial_model(x, o, symbols, data, r), o.variance_floor * data.variance);
    if (!run) continue;
    run->restart = r;
    if (!best || run->log_likelihood > best->log_likelihood) best = std::move(run);
  }
  if (!best) {
    return make_error(ErrorCode::degenerate_input, "no restart found a model with probability > 0");
  }
  if (best->model.gaussian()) order_by_mean(best->model);
  return std::move(*best);
}

}  // namespace lf::detect::hmm
