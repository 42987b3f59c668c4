#include "hmm_lattice.hpp"

#include <cmath>
#include <limits>
#include <numbers>

namespace lf::detect::hmm::lattice {
void log_emissions(const Model& model, double x, Eigen::Ref<Eigen::RowVectorXd> out) {
  if (const auto* g = std::get_if<GaussianEmissions>(&model.emissions)) {
    const double log_two_pi = std::log(2.0 * std::numbers::pi);
    for (Eigen::Index k = 0; k < out.size(); ++k) {
      const double variance = g->variances[static_cast<std::size_t>(k)];
      const double deviation = x - g->means[static_cast<std::size_t>(k)];
      out(k) = -0.5 * (log_two_pi + std::log(variance) + deviation * deviation / variance);
    }
    return;
  }
  const auto& c = std::get<CategoricalEmissions>(model.emissions);
  const auto symbol = static_cast<std::size_t>(x);
  for (Eigen::Index k = 0; k < out.size(); ++k) {
    out(k) = std::log(c.probabilities[static_cast<std::size_t>(k) * c.symbols + symbol]);
  }
}

Emissions emissions(const Model& model, std::span<const double> observations) {
  const auto steps = static_cast<Eigen::Index>(observations.size());
  const auto states = static_cast<Eigen::Index>(model.states());
  Emissions e{RowMatrix(steps, states), Eigen::VectorXd(steps)};
  Eigen::RowVectorXd logs(states);
  for (Eigen::Index t = 0; t < steps; ++t) {
    log_emissions(model, observations[static_cast<std::size_t>(t)], logs);
    const double shift = logs.maxCoeff();  // a max is exact in any order
    if (shift == -std::numeric_limits<double>::infinity()) {
      // No state can emit x_t: a zero row makes the forward pass stop here.
      e.scaled.row(t).setZero();
      e.shift(t) = 0.0;
      continue;
    }
    for (Eigen::Index k = 0; k < states; ++k) e.scaled(t, k) = std::exp(logs(k) - shift);
    e.shift(t) = shift;
  }
  return e;
}

double filter_step(const ConstRowMap& transitions,
                   const Eigen::Ref<const Eigen::RowVectorXd>& previous,
                   const Eigen::Ref<const Eigen::RowVectorXd>& scaled_emissions,
                   Eigen::Ref<Eigen::RowVectorXd> next) {
  const Eigen::Index states = previous.size();
  for (Eigen::Index j = 0; j < states; ++j) {
    double predicted = 0.0;
    for (Eigen::Index i = 0; i < states; ++i) predicted += previous(i) * transitions(i, j);
    next(j) = predicted * scaled_emissions(j);
  }
  const double normaliser = ordered_sum(next);
  if (normaliser > 0.0) next /= normaliser;
  return normaliser;
}

Forward forward(const Model& model, const Emissions& e) {
  const Eigen::Index steps = e.scaled.rows();
  const Eigen::Index states = e.scaled.cols();
  const ConstRowMap transitions(model.transitions.data(), states, states);
  Forward f{RowMatrix(steps, states), Eigen::VectorXd::Zero(steps), 0.0,
            static_cast<std::size_t>(steps)};
  for (Eigen::Index t = 0; t < steps; ++t) {
    double scale = 0.0;
    if (t == 0) {
      const Eigen::Map<const Eigen::RowVectorXd> initial(model.initial.data(), states);
      f.alpha.row(0) = initial.cwiseProduct(e.scaled.row(0));
      scale = ordered_sum(f.alpha.row(0));
      if (scale > 0.0) f.alpha.row(0) /= scale;
    } else {
      scale = filter_step(transitions, f.alpha.row(t - 1), e.scaled.row(t), f.alpha.row(t));
    }
    if (!(scale > 0.0)) {
      f.impossible_at = static_cast<std::size_t>(t);
      return f;
    }
    f.scale(t) = scale;
    f.log_likelihood += std::log(scale) + e.shift(t);
  }
  return f;
}

RowMatrix backward(const Model& model, const Emissions& e, const Forward& f) {
  const Eigen::Index steps = e.scaled.rows();
  const Eigen::Index states = e.scaled.cols();
  const ConstRowMap transitions(model.transitions.data(), states, states);
  RowMatrix beta(steps, states);
  beta.row(steps - 1).setOnes();
  Eigen::RowVectorXd weighted(states);
  for (Eigen::Index t = steps - 2; t >= 0; --t) {
    weighted = e.scaled.row(t + 1).cwiseProduct(beta.row(t + 1)) / f.scale(t + 1);
    for (Eigen::Index i = 0; i < states; ++i) {
      double sum = 0.0;
      for (Eigen::Index j = 0; j < states; ++j) sum += transitions(i, j) * weighted(j);
      beta(t, i) = sum;
    }
  }
  return beta;
}

RowMatrix smoothed(const Forward& f, const RowMatrix& beta) {
  RowMatrix gamma = f.alpha.cwiseProduct(beta);
  for (Eigen::Index t = 0; t < gamma.rows(); ++t) gamma.row(t) /= ordered_sum(gamma.row(t));
  return gamma;
}

}  // namespace lf::detect::hmm::lattice
