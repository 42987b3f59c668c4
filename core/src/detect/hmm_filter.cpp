#include "lf/detect/hmm_filter.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "hmm_lattice.hpp"

namespace lf::detect::hmm {

using VectorMap = Eigen::Map<Eigen::RowVectorXd>;

Result<ForwardFilter> ForwardFilter::create(Model model) {
  if (auto s = validate(model); !s) return std::move(s).error();
  return ForwardFilter(std::move(model));
}

ForwardFilter::ForwardFilter(Model model)
    : model_(std::move(model)),
      posterior_(model_.initial),
      next_(model_.states()),
      emissions_(model_.states()) {}

Result<bool> ForwardFilter::update(double x) {
  if (!std::isfinite(x)) {
    return make_error(ErrorCode::non_finite_value, "the observation is not finite");
  }
  if (const auto* c = std::get_if<CategoricalEmissions>(&model_.emissions);
      c != nullptr && !(x >= 0.0 && x == std::floor(x) && x < static_cast<double>(c->symbols))) {
    return make_error(ErrorCode::invalid_argument, "the observation must be an integer in [0, " +
                                                       std::to_string(c->symbols) + ")");
  }
  const auto states = static_cast<Eigen::Index>(model_.states());
  VectorMap scaled(emissions_.data(), states);
  VectorMap next(next_.data(), states);
  const VectorMap posterior(posterior_.data(), states);

  // Scaled exactly as lattice::emissions() scales a row, so filtering
  // reproduces the batch forward pass bit for bit.
  lattice::log_emissions(model_, x, scaled);
  const double shift = scaled.maxCoeff();
  if (shift == -std::numeric_limits<double>::infinity()) return false;
  for (Eigen::Index k = 0; k < states; ++k) scaled(k) = std::exp(scaled(k) - shift);

  double normaliser = 0.0;
  if (observations_ == 0) {
    next = posterior.cwiseProduct(scaled);  // the posterior is still the initial distribution
    normaliser = lattice::ordered_sum(next);
    if (normaliser > 0.0) next /= normaliser;
  } else {
    const lattice::ConstRowMap transitions(model_.transitions.data(), states, states);
    normaliser = lattice::filter_step(transitions, posterior, scaled, next);
  }
  if (!(normaliser > 0.0)) return false;
  posterior_.swap(next_);
  ++observations_;
  return true;
}

std::size_t ForwardFilter::map_state() const noexcept {
  std::size_t best = 0;
  for (std::size_t k = 1; k < posterior_.size(); ++k) {
    if (posterior_[k] > posterior_[best]) best = k;
  }
  return best;
}

void ForwardFilter::reset() {
  posterior_ = model_.initial;
  observations_ = 0;
}

}  // namespace lf::detect::hmm
