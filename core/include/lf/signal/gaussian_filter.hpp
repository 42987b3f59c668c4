// Gaussian kernel smoothing of a series, with the semantics of
// scipy.ndimage.gaussian_filter1d(values, sigma, mode='reflect') (the
// smoother ewstools detrends with):
//   - weights exp(-k^2 / (2 sigma^2)) for k = -r..r, r = int(truncate*sigma + 0.5),
//     normalised to sum 1;
//   - the series is extended at both ends by reflection about its edges
//     (d c b a | a b c d | d c b a), repeatedly when the kernel is longer than
//     the series, so every output is a weighted mean of real samples.
// Cost: O(n * r) time, O(n + r) memory.
#pragma once

#include <span>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::signal {

// Kernels wider than this many standard deviations would only add weights
// below exp(-8); scipy's default.
inline constexpr double kGaussianTruncate = 4.0;
// Larger sigmas are rejected: the kernel alone would take gigabytes.
inline constexpr double kMaxGaussianSigma = 1e6;

// empty_input for an empty series, non_finite_value for a NaN or infinity
// (naming its index), invalid_parameter unless 0 < sigma <= kMaxGaussianSigma.
Result<std::vector<double>> gaussian_filter(std::span<const double> values, double sigma);

}  // namespace lf::signal
