#include "lf/signal/lowess.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "lf/signal/kernels.hpp"

namespace lf::signal {
namespace {

// One local regression: the fitted value at x = i from the samples in
// [left, right), weighted by distance (tricube) times `robustness`.
// `weights` is scratch of size n.
double fit_point(std::span<const double> y, std::size_t i, std::size_t left, std::size_t right,
                 std::span<const double> robustness, bool robust, std::vector<double>& weights) {
  const double x = static_cast<double>(i);
  const double radius = std::max(x - static_cast<double>(left), static_cast<double>(right - 1) - x);
  double total = 0.0;
  std::size_t non_zero = 0;
  for (std::size_t j = left; j < right; ++j) {
    const double d = std::fabs(static_cast<double>(j) - x) / radius;
    const double one_minus_cube = 1.0 - d * (d * d);
    double w = one_minus_cube * (one_minus_cube * one_minus_cube);
    if (robust) w *= robustness[j];
    weights[j] = w;
    total += w;
    non_zero += w != 0.0;
  }
  // Fewer than two points carry weight: the regression is undefined.
  if (!(total > 0.0) || non_zero == 1) return y[i];

  double mean_x = 0.0;
  for (std::size_t j = left; j < right; ++j) {
    weights[j] /= total;
    mean_x += weights[j] * static_cast<double>(j);
  }
  double spread_x = 0.0;
  for (std::size_t j = left; j < right; ++j) {
    const double dx = static_cast<double>(j) - mean_x;
    spread_x += weights[j] * (dx * dx);
  }
  // The weighted least-squares line evaluated at x, written as a weighted
  // sum of the y's (a ratio of sums, not a sum of ratios).
  double fitted = 0.0;
  for (std::size_t j = left; j < right; ++j) {
    const double leverage =
        weights[j] * (1.0 + (x - mean_x) * (static_cast<double>(j) - mean_x) / spread_x);
    fitted += leverage * y[j];
  }
  return fitted;
}

double median(std::vector<double> values) {
  const std::size_t n = values.size();
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(n / 2);
  std::nth_element(values.begin(), middle, values.end());
  if (n % 2 == 1) return *middle;
  const double upper = *middle;
  const double lower = *std::max_element(values.begin(), middle);
  return (lower + upper) / 2.0;
}

// Bisquare weights of the residuals, scaled by six median absolute residuals.
std::vector<double> robustness_weights(std::span<const double> y, std::span<const double> fitted) {
  std::vector<double> u(y.size());
  for (std::size_t i = 0; i < y.size(); ++i) u[i] = std::fabs(y[i] - fitted[i]);
  const double scale = 6.0 * median(u);
  for (double& r : u) {
    // A zero median (most points fitted exactly) keeps exact fits at full
    // weight and gives every other point weight 0.
    r = scale == 0.0 ? (r > 0.0 ? 1.0 : 0.0) : std::min(r / scale, 1.0);
    const double one_minus_square = 1.0 - r * r;
    r = one_minus_square * one_minus_square;
  }
  return u;
}

}  // namespace

Result<std::vector<double>> lowess(std::span<const double> y, const LowessOptions& options) {
  const std::size_t n = y.size();
  if (n < 2) {
    return make_error(ErrorCode::insufficient_data,
                      "lowess needs at least 2 values, got " + std::to_string(n));
  }
  if (const auto bad = kernels::first_non_finite(y); bad != kernels::npos) {
    return make_error(ErrorCode::non_finite_value,
                      "value at index " + std::to_string(bad) + " is not finite");
  }
  if (!(options.frac > 0.0) || !(options.frac <= 1.0)) {
    return make_error(ErrorCode::invalid_parameter,
                      "lowess frac must be in (0, 1], got " + std::to_string(options.frac));
  }
  if (options.iterations > kMaxLowessIterations) {
    return make_error(ErrorCode::invalid_parameter, "lowess iterations must be at most 100, got " +
                                                        std::to_string(options.iterations));
  }
  // As statsmodels: the nudge makes frac * n that should be an integer one.
  const auto k = std::clamp<std::size_t>(
      static_cast<std::size_t>(options.frac * static_cast<double>(n) + 1e-10), 2, n);

  std::vector<double> fitted(n);
  std::vector<double> robustness;
  std::vector<double> weights(n);
  for (std::size_t pass = 0; pass <= options.iterations; ++pass) {
    const bool robust = pass > 0;
    if (robust) robustness = robustness_weights(y, fitted);
    // The window of k neighbours slides right while the point is past the
    // midpoint of the window's ends (ties keep the window to the left).
    std::size_t left = 0;
    std::size_t right = k;
    for (std::size_t i = 0; i < n; ++i) {
      while (right<n&& static_cast<double>(i)>(static_cast<double>(left) +
                                               static_cast<double>(right)) /
             2.0) {
        ++left;
        ++right;
      }
      fitted[i] = fit_point(y, i, left, right, robustness, robust, weights);
    }
  }
  return fitted;
}

}  // namespace lf::signal
