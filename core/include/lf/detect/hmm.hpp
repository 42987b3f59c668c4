// Hidden Markov models with K hidden states and either Gaussian (one normal
// density per state) or categorical (a distribution over M symbols per state)
// emissions, on one forward-backward core: the emissions only decide how the
// likelihood of an observation under each state is computed.
//
//   posteriors(): the scaled forward-backward recursions (Rabiner 1989,
//     section V.A): P(state at t | all observations) and ln P(observations).
//   viterbi(): the most probable state path, in log space.
//
// Matrices are row-major in flat vectors. Observations are doubles: any
// finite number for Gaussian emissions, an integer symbol 0..M-1 for
// categorical ones. Fitting (Baum-Welch) is in hmm_fit.hpp, online filtering
// in hmm_filter.hpp.
#pragma once

#include <cstddef>
#include <span>
#include <variant>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::detect::hmm {

inline constexpr std::size_t kMaxStates = 32;
inline constexpr std::size_t kMaxSymbols = 65536;
// How far a probability vector may sum from 1 (models typed by hand, such as
// hmmlearn's examples, are used as given, not rescaled).
inline constexpr double kStochasticTolerance = 1e-6;

struct GaussianEmissions {
  std::vector<double> means;      // one per state, finite
  std::vector<double> variances;  // one per state, finite and > 0
};

struct CategoricalEmissions {
  std::size_t symbols = 0;            // M: observations are the integers 0..M-1
  std::vector<double> probabilities;  // K x M: P(symbol m | state k), rows sum to 1
};

struct Model {
  std::vector<double> initial;      // pi, K: P(first state = k)
  std::vector<double> transitions;  // A, K x K: A[i*K + j] = P(next state j | state i)
  std::variant<GaussianEmissions, CategoricalEmissions> emissions;

  std::size_t states() const noexcept { return initial.size(); }
  bool gaussian() const noexcept { return emissions.index() == 0; }
};

// invalid_parameter naming the member at fault: 1..kMaxStates states, shapes
// that agree, probabilities in [0, 1] with rows summing to 1 (within
// kStochasticTolerance), finite means, finite positive variances,
// 1..kMaxSymbols symbols.
Status validate(const Model& model);

// empty_input for no observations; non_finite_value, or invalid_argument for
// a categorical observation that is not an integer in [0, M), naming the
// index.
Status validate_observations(const Model& model, std::span<const double> observations);

struct Posteriors {
  double log_likelihood = 0.0;        // ln P(observations | model)
  std::vector<double> probabilities;  // T x K: P(state k at t | observations)
};

// The model and observations are validated first (errors above), and
// invalid_argument when the observations are impossible under the model
// (probability 0, e.g. a symbol no reachable state emits).
Result<Posteriors> posteriors(const Model& model, std::span<const double> observations);

struct Path {
  std::vector<std::size_t> states;  // the most probable state sequence
  double log_probability = 0.0;     // ln P(observations, states | model)
};

// Ties go to the lower state index. Errors as posteriors().
Result<Path> viterbi(const Model& model, std::span<const double> observations);

}  // namespace lf::detect::hmm
