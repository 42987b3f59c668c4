// LOWESS (Cleveland 1979) of a series against its sample index, with the
// semantics of statsmodels.nonparametric.lowess(values, range(n), frac, it,
// delta=0) (the smoother ewstools detrends with):
//   - each point is fitted by a weighted linear regression over its k nearest
//     neighbours, k = int(frac * n + 1e-10) clamped to [2, n], with tricube
//     distance weights (1 - (d / radius)^3)^3, radius the distance to the
//     farthest of the k;
//   - `iterations` robustifying passes follow, each multiplying the distance
//     weights by bisquare weights (1 - u^2)^2 of the previous residuals,
//     u = |residual| / (6 * median |residual|) capped at 1;
//   - a point whose neighbourhood has fewer than two non-zero weights keeps
//     its own value.
// Cost: O((iterations + 1) * n * k) time, O(n) memory.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::signal {

struct LowessOptions {
  double frac = 2.0 / 3.0;     // share of the series in each local regression, (0, 1]
  std::size_t iterations = 3;  // robustifying passes (statsmodels' `it`)
};

// Robustifying passes beyond this change nothing measurable and only cost.
inline constexpr std::size_t kMaxLowessIterations = 100;

// The smoothed series. insufficient_data for fewer than 2 values,
// non_finite_value for a NaN or infinity (naming its index), invalid_parameter
// for frac outside (0, 1] or iterations above kMaxLowessIterations.
Result<std::vector<double>> lowess(std::span<const double> values, const LowessOptions& options);

}  // namespace lf::signal
