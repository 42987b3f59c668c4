// Time-delay embedding for transfer entropy, with JIDT's conventions
// (TransferEntropyCalculatorViaCondMutualInfo): for each observation time t
//
//   target next  y_t = target[t]
//   target past  z_t = (target[t−1], target[t−1−τ_k], ..., target[t−1−(k−1)τ_k])
//   source past  x_t = (source[t−u], source[t−u−τ_l], ..., source[t−u−(l−1)τ_l])
//
// for t from first_observation() to n − 1, so TE(source → target) =
// I(x_t; y_t | z_t). With k = l = τ = u = 1 the observations are t = 1..n−1.
#pragma once

#include <cstddef>
#include <span>

#include "lf/common/result.hpp"
#include "lf/graph/samples.hpp"

namespace lf::graph {

struct EmbeddingParams {
  std::size_t target_history = 1;  // k
  std::size_t target_delay = 1;    // τ_k
  std::size_t source_history = 1;  // l
  std::size_t source_delay = 1;    // τ_l
  std::size_t lag = 1;             // u, source-to-target delay

  bool operator==(const EmbeddingParams&) const = default;
};

// invalid_parameter unless every field is in [1, 10000] (histories at most 64).
Status check_embedding(const EmbeddingParams& params);

// The first observation time: max((k−1)τ_k, (l−1)τ_l + u − 1) + 1.
std::size_t first_observation(const EmbeddingParams& params) noexcept;

// Observations a series of length n yields (0 if too short).
std::size_t observation_count(std::size_t n, const EmbeddingParams& params) noexcept;

// The embedded variables of a series of length n >= first_observation() + 1.
Samples embed_target_next(std::span<const double> target, const EmbeddingParams& params);
Samples embed_target_past(std::span<const double> target, const EmbeddingParams& params);
Samples embed_source_past(std::span<const double> source, const EmbeddingParams& params);

}  // namespace lf::graph
