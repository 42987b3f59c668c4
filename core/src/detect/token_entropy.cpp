#include "lf/detect/token_entropy.hpp"

#include <cmath>
#include <limits>
#include <string>

namespace lf::detect {

Result<double> token_entropy(std::span<const double> logits) {
  if (logits.empty()) return make_error(ErrorCode::empty_input, "the logits are empty");
  constexpr double kMinusInfinity = -std::numeric_limits<double>::infinity();
  double top = kMinusInfinity;
  for (std::size_t i = 0; i < logits.size(); ++i) {
    const double z = logits[i];
    if (std::isnan(z) || z == std::numeric_limits<double>::infinity()) {
      return make_error(ErrorCode::non_finite_value,
                        "logit " + std::to_string(i) + " is " + (std::isnan(z) ? "NaN" : "+inf"));
    }
    if (z > top) top = z;
  }
  if (top == kMinusInfinity) {
    return make_error(ErrorCode::non_finite_value,
                      "every logit is -inf: the distribution has no token left");
  }
  double total = 0.0;
  double weighted = 0.0;
  for (const double z : logits) {
    if (z == kMinusInfinity) continue;
    const double shifted = z - top;
    const double e = std::exp(shifted);
    total += e;
    weighted += e * shifted;
  }
  // total >= 1 (the top term is exactly 1) and the result is >= 0 in exact
  // arithmetic; rounding can leave -1e-17 for a one-hot distribution.
  return std::fmax(std::log(total) - weighted / total, 0.0);
}

}  // namespace lf::detect
