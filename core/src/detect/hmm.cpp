#include "lf/detect/hmm.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "hmm_lattice.hpp"

namespace lf::detect::hmm {
namespace {

Error bad_model(const std::string& message) {
  return make_error(ErrorCode::invalid_parameter, "model." + message);
}

// Every entry in [0, 1], the whole summing to 1 within kStochasticTolerance.
Status check_distribution(std::span<const double> p, const std::string& what) {
  double sum = 0.0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (!(p[i] >= 0.0 && p[i] <= 1.0)) {
      return bad_model(what + "[" + std::to_string(i) + "] must be a probability in [0, 1]");
    }
    sum += p[i];
  }
  if (!(std::fabs(sum - 1.0) <= kStochasticTolerance)) {
    return bad_model(what + " must sum to 1");
  }
  return {};
}

// Each row of a rows x cols row-major matrix is a distribution.
Status check_rows(std::span<const double> m, std::size_t rows, std::size_t cols,
                  const std::string& what) {
  if (m.size() != rows * cols) {
    return bad_model(what + " must have " + std::to_string(rows) + " rows of " +
                     std::to_string(cols));
  }
  for (std::size_t r = 0; r < rows; ++r) {
    if (auto s =
            check_distribution(m.subspan(r * cols, cols), what + "[" + std::to_string(r) + "]");
        !s) {
      return s;
    }
  }
  return {};
}

Status check_emissions(const GaussianEmissions& g, std::size_t states) {
  if (g.means.size() != states || g.variances.size() != states) {
    return bad_model("means and model.variances must have one entry per state (" +
                     std::to_string(states) + ")");
  }
  for (std::size_t k = 0; k < states; ++k) {
    if (!std::isfinite(g.means[k])) {
      return bad_model("means[" + std::to_string(k) + "] must be finite");
    }
    if (!(std::isfinite(g.variances[k]) && g.variances[k] > 0.0)) {
      return bad_model("variances[" + std::to_string(k) + "] must be finite and positive");
    }
  }
  return {};
}

Status check_emissions(const CategoricalEmissions& c, std::size_t states) {
  if (c.symbols < 1 || c.symbols > kMaxSymbols) {
    return bad_model("symbols must be in [1, " + std::to_string(kMaxSymbols) + "]");
  }
  return check_rows(c.probabilities, states, c.symbols, "emission_probabilities");
}

Error impossible(std::size_t index) {
  return make_error(ErrorCode::invalid_argument,
                    "the observations are impossible under the model (probability 0 from index " +
                        std::to_string(index) + ")");
}

Status validate_all(const Model& model, std::span<const double> observations) {
  if (auto s = validate(model); !s) return s;
  return validate_observations(model, observations);
}

}  // namespace

Status validate(const Model& model) {
  const std::size_t states = model.states();
  if (states < 1 || states > kMaxStates) {
    return bad_model("initial must have 1 to " + std::to_string(kMaxStates) +
                     " entries (one per state)");
  }
  if (auto s = check_distribution(model.initial, "initial"); !s) return s;
  if (auto s = check_rows(model.transitions, states, states, "transitions"); !s) return s;
  return std::visit([states](const auto& e) { return check_emissions(e, states); },
                    model.emissions);
}

Status validate_observations(const Model& model, std::span<const double> observations) {
  if (observations.empty()) return make_error(ErrorCode::empty_input, "no observations");
  const auto* categorical = std::get_if<CategoricalEmissions>(&model.emissions);
  for (std::size_t t = 0; t < observations.size(); ++t) {
    const double x = observations[t];
    if (!std::isfinite(x)) {
      return make_error(ErrorCode::non_finite_value,
                        "observation " + std::to_string(t) + " is not finite");
    }
    if (categorical != nullptr &&
        !(x >= 0.0 && x == std::floor(x) && x < static_cast<double>(categorical->symbols))) {
      return make_error(ErrorCode::invalid_argument, "observation " + std::to_string(t) +
                                                         " must be a symbol, an integer in [0, " +
                                                         std::to_string(categorical->symbols) +
                                                         ")");
    }
  }
  return {};
}

Result<Posteriors> posteriors(const Model& model, std::span<const double> observations) {
  if (auto s = validate_all(model, observations); !s) return std::move(s).error();
  const auto e = lattice::emissions(model, observations);
  const auto f = lattice::forward(model, e);
  if (f.impossible_at < observations.size()) return impossible(f.impossible_at);
  const auto beta = lattice::backward(model, e, f);

  Posteriors out;
  out.log_likelihood = f.log_likelihood;
  out.probabilities.resize(observations.size() * model.states());
  Eigen::Map<lattice::RowMatrix>(out.probabilities.data(), f.alpha.rows(), f.alpha.cols()) =
      lattice::smoothed(f, beta);
  return out;
}

Result<Path> viterbi(const Model& model, std::span<const double> observations) {
  if (auto s = validate_all(model, observations); !s) return std::move(s).error();
  const auto steps = static_cast<Eigen::Index>(observations.size());
  const auto states = static_cast<Eigen::Index>(model.states());

  lattice::RowMatrix log_transitions(states, states);
  for (Eigen::Index i = 0; i < states; ++i) {
    for (Eigen::Index j = 0; j < states; ++j) {
      log_transitions(i, j) = std::log(model.transitions[static_cast<std::size_t>(i * states + j)]);
    }
  }
  // delta: the best log-probability of a path ending in each state;
  // back(t, j): the predecessor of state j on that path.
  Eigen::RowVectorXd delta(states), next(states), logs(states);
  Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> back(steps, states);
  lattice::log_emissions(model, observations[0], logs);
  for (Eigen::Index k = 0; k < states; ++k) {
    delta(k) = std::log(model.initial[static_cast<std::size_t>(k)]) + logs(k);
  }
  for (Eigen::Index t = 1; t < steps; ++t) {
    lattice::log_emissions(model, observations[static_cast<std::size_t>(t)], logs);
    for (Eigen::Index j = 0; j < states; ++j) {
      Eigen::Index best = 0;
      for (Eigen::Index i = 1; i < states; ++i) {
        if (delta(i) + log_transitions(i, j) > delta(best) + log_transitions(best, j)) best = i;
      }
      back(t, j) = best;
      next(j) = delta(best) + log_transitions(best, j) + logs(j);
    }
    delta.swap(next);
  }

  Eigen::Index last = 0;
  for (Eigen::Index k = 1; k < states; ++k) {
    if (delta(k) > delta(last)) last = k;
  }
  if (delta(last) == -std::numeric_limits<double>::infinity()) {
    // Only the forward pass knows where probability 0 was first reached.
    return impossible(
        lattice::forward(model, lattice::emissions(model, observations)).impossible_at);
  }
  Path path;
  path.log_probability = delta(last);
  path.states.resize(observations.size());
  for (Eigen::Index t = steps - 1; t >= 0; --t) {
    path.states[static_cast<std::size_t>(t)] = static_cast<std::size_t>(last);
    if (t > 0) last = back(t, last);
  }
  return path;
}

}  // namespace lf::detect::hmm
