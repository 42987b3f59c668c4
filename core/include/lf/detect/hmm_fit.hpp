// Baum-Welch (expectation-maximisation) fitting of a hidden Markov model to
// one observation sequence, from several seeded starting points.
//
// Each restart r starts from a model drawn with SplitMix64 seeded by
// (seed, r) (so the same seed gives the same fit on every target; std::
// distributions are never used, their outputs differ across standard
// libraries), then alternates an E-step (scaled forward-backward) and an
// M-step until the log-likelihood gains less than `tolerance` or
// `max_iterations` M-steps have run. The restart with the highest final
// log-likelihood wins (ties: the earlier restart).
//
// Starting points. Gaussian: restart 0 puts the means at the data's
// quantiles (k + 0.5)/K, later restarts at K data points drawn at random;
// every variance starts at the data's variance; transitions start persistent
// (random rows with weight K added on the diagonal); initial is uniform.
// Categorical: random emission rows near uniform, the same transitions.
//
// M-step safeguards: a state with (numerically) no posterior weight keeps its
// previous parameters; Gaussian variances are floored at variance_floor times
// the data's variance, so no state collapses onto one point. The floored
// update is still the constrained maximum, so EM's log-likelihood never
// decreases (up to rounding).
//
// Gaussian results are relabelled in ascending order of their means, so the
// same regimes get the same labels whatever the starting point. Cost:
// O(restarts x iterations x T x K^2) time, O(T x K) memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/detect/hmm.hpp"

namespace lf::detect::hmm {

enum class EmissionKind { gaussian, categorical };

struct FitOptions {
  EmissionKind emissions = EmissionKind::gaussian;
  std::size_t states = 2;            // K, 1..kMaxStates
  std::size_t symbols = 0;           // categorical M; 0: the largest observation + 1
  std::size_t restarts = 4;          // >= 1
  std::uint64_t seed = 0;            // restart r uses the stream (seed, r)
  std::size_t max_iterations = 100;  // M-steps per restart, >= 1
  double tolerance = 1e-4;           // least log-likelihood gain that continues, >= 0
  double variance_floor = 1e-3;      // Gaussian: fraction of the data variance, in (0, 1]
};

struct Fit {
  Model model;
  double log_likelihood = 0.0;  // of `model` on the observations
  std::size_t iterations = 0;   // M-steps of the chosen restart
  bool converged = false;       // stopped by the tolerance rather than max_iterations
  std::size_t restart = 0;      // which restart was chosen
  // The chosen restart's log-likelihood after 0, 1, ..., iterations M-steps.
  std::vector<double> trace;
};

// invalid_parameter for options out of range; empty_input; non_finite_value;
// invalid_argument for categorical observations that are not integer
// symbols (or not below `symbols`); insufficient_data for fewer observations
// than states; degenerate_input for a constant Gaussian series.
Result<Fit> fit(std::span<const double> observations, const FitOptions& options);

}  // namespace lf::detect::hmm
