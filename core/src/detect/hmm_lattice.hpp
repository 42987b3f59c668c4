// The forward-backward core shared by inference (hmm.cpp), Baum-Welch
// (hmm_fit.cpp) and the online filter (hmm_filter.cpp). Private to lf_core:
// it exposes Eigen types, which the public headers do not.
//
// Determinism: every reduction (sums, matrix-vector products) is an explicit
// loop in index order. Eigen's own reductions and its vectorised exp() take a
// different order (and approximation) on native builds (AVX2) than on wasm
// (scalar in Eigen 3.4), and figures must be bit-identical across targets.
// Coefficient-wise arithmetic is exact per element, so Eigen does that.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <span>

#include "lf/detect/hmm.hpp"

namespace lf::detect::hmm::lattice {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstRowMap = Eigen::Map<const RowMatrix>;

// ln of the density (Gaussian) or probability (categorical) of observation x
// under each state, written to `out` (K values). Observations are validated.
void log_emissions(const Model& model, double x, Eigen::Ref<Eigen::RowVectorXd> out);

// Emission likelihoods scaled per time step: row t holds
// exp(ln b_k(x_t) - shift_t) with shift_t = max_k ln b_k(x_t), so the largest
// is 1 and no density underflows; the shifts are added back to the
// log-likelihood.
struct Emissions {
  RowMatrix scaled;       // T x K
  Eigen::VectorXd shift;  // T
};
Emissions emissions(const Model& model, std::span<const double> observations);

// The scaled forward pass: alpha.row(t) = P(state at t | x_0..x_t) and
// scale(t) = P(x_t | x_0..x_{t-1}) (up to the emission shift).
struct Forward {
  RowMatrix alpha;        // T x K
  Eigen::VectorXd scale;  // T
  double log_likelihood = 0.0;
  // First index at which the observations became impossible (scale 0), or T.
  std::size_t impossible_at = 0;
};
Forward forward(const Model& model, const Emissions& e);

// The scaled backward pass matching `f`: alpha(t, k) * beta(t, k) is the
// posterior P(state k at t | x_0..x_{T-1}).
RowMatrix backward(const Model& model, const Emissions& e, const Forward& f);

// The posteriors alpha(t, k) * beta(t, k), each row renormalised: in exact
// arithmetic it sums to 1, in floating point it can exceed 1 by an ulp or
// two, and probabilities above 1 would fail validation when fed back.
RowMatrix smoothed(const Forward& f, const RowMatrix& beta);

// One filtering step: predicted(j) = sum_i previous(i) A(i, j), times the
// scaled emissions, normalised. Returns the normaliser (0 when the
// observation is impossible from `previous`; `next` is then unspecified).
double filter_step(const ConstRowMap& transitions,
                   const Eigen::Ref<const Eigen::RowVectorXd>& previous,
                   const Eigen::Ref<const Eigen::RowVectorXd>& scaled_emissions,
                   Eigen::Ref<Eigen::RowVectorXd> next);

// Sums in index order (see the determinism note above).
template <class Vector>
double ordered_sum(const Vector& v) {
  double sum = 0.0;
  for (Eigen::Index i = 0; i < v.size(); ++i) sum += v(i);
  return sum;
}

}  // namespace lf::detect::hmm::lattice
