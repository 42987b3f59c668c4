#include "lf/signal/gaussian_filter.hpp"

#include <cmath>
#include <string>

#include "lf/signal/kernels.hpp"

namespace lf::signal {
namespace {

// Index into the series for position `i` of the infinitely reflected
// extension: the pattern repeats with period 2n, mirrored in its second half.
std::size_t reflected_index(long long i, std::size_t n) {
  const long long period = 2 * static_cast<long long>(n);
  long long m = i % period;
  if (m < 0) m += period;
  return static_cast<std::size_t>(m < static_cast<long long>(n) ? m : period - 1 - m);
}

std::vector<double> gaussian_weights(double sigma, std::size_t radius) {
  // As scipy: exp(-0.5 / sigma^2 * k^2), then divided by the sum.
  const double scale = -0.5 / (sigma * sigma);
  std::vector<double> weights(2 * radius + 1);
  double total = 0.0;
  for (std::size_t j = 0; j < weights.size(); ++j) {
    const double k = static_cast<double>(j) - static_cast<double>(radius);
    weights[j] = std::exp(scale * (k * k));
    total += weights[j];
  }
  for (double& w : weights) w /= total;
  return weights;
}

}  // namespace

Result<std::vector<double>> gaussian_filter(std::span<const double> values, double sigma) {
  if (values.empty()) return make_error(ErrorCode::empty_input, "the series is empty");
  if (const auto bad = kernels::first_non_finite(values); bad != kernels::npos) {
    return make_error(ErrorCode::non_finite_value,
                      "value at index " + std::to_string(bad) + " is not finite");
  }
  if (!(sigma > 0.0) || !(sigma <= kMaxGaussianSigma)) {
    return make_error(ErrorCode::invalid_parameter,
                      "Gaussian sigma must be in (0, 1e6], got " + std::to_string(sigma));
  }
  const auto radius = static_cast<std::size_t>(kGaussianTruncate * sigma + 0.5);
  const std::vector<double> weights = gaussian_weights(sigma, radius);

  // The extended line (radius reflected samples on each side) makes the inner
  // loop a plain dot product.
  const std::size_t n = values.size();
  std::vector<double> extended(n + 2 * radius);
  for (std::size_t j = 0; j < extended.size(); ++j) {
    extended[j] =
        values[reflected_index(static_cast<long long>(j) - static_cast<long long>(radius), n)];
  }
  std::vector<double> smoothed(n);
  for (std::size_t i = 0; i < n; ++i) {
    double total = 0.0;
    for (std::size_t j = 0; j < weights.size(); ++j) total += weights[j] * extended[i + j];
    smoothed[i] = total;
  }
  return smoothed;
}

}  // namespace lf::signal
