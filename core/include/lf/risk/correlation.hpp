// Return correlation, the statistic behind the pre-trade correlation rule.
//
// simple_returns turns prices into r[t] = p[t+1] / p[t] - 1. rolling_pearson
// is pandas' x.rolling(window).corr(y): at each t, Pearson's r of the
// `window` samples ending at t (sample covariance over the product of sample
// standard deviations, ddof 1), NaN for the first window - 1 positions and
// for windows where either series is constant (the statistic is undefined).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::risk {

// Pearson's r of two equally long spans of finite values (at least two);
// NaN when either is constant. The caller guarantees the preconditions.
double pearson(std::span<const double> x, std::span<const double> y) noexcept;

// Errors: empty_input (fewer than two prices), non_finite_value, and
// invalid_argument for a price <= 0.
Result<std::vector<double>> simple_returns(std::span<const double> prices);

// Errors: length_mismatch, invalid_parameter (window < 2), non_finite_value.
Result<std::vector<double>> rolling_pearson(std::span<const double> x, std::span<const double> y,
                                            std::size_t window);

}  // namespace lf::risk
