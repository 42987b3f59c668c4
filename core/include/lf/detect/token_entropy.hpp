// The entropy of an LLM's next-token distribution, from the logits (or
// log-probabilities) it produced for one token position.
//
// H = -sum p_i ln p_i with p = softmax(z), computed stably with the
// log-sum-exp shift m = max z:
//   H = ln S - (1/S) sum e^(z_i - m) (z_i - m),   S = sum e^(z_i - m),
// in nats. Log-probabilities are logits whose log-sum-exp is 0, so the same
// formula serves both (and renormalises truncated top-k log-probabilities).
// -inf entries are masked tokens (probability 0) and contribute nothing.
#pragma once

#include <span>

#include "lf/common/result.hpp"

namespace lf::detect {

// empty_input for no logits; non_finite_value for a NaN or +inf (naming its
// index) or when every entry is -inf (no distribution left).
Result<double> token_entropy(std::span<const double> logits);

}  // namespace lf::detect
