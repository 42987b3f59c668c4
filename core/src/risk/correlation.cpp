#include "lf/risk/correlation.hpp"

#include <cmath>
#include <limits>
#include <string>

namespace lf::risk {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double mean(std::span<const double> values) noexcept {
  double sum = 0.0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

Status all_finite(std::span<const double> values, const char* name) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      return make_error(ErrorCode::non_finite_value,
                        std::string(name) + "[" + std::to_string(i) + "] is not finite");
    }
  }
  return {};
}

}  // namespace

double pearson(std::span<const double> x, std::span<const double> y) noexcept {
  // Two passes (means first) keep the sums of squares free of the
  // cancellation the one-pass formula suffers on price-like levels.
  const double mean_x = mean(x);
  const double mean_y = mean(y);
  double sxy = 0.0;
  double sxx = 0.0;
  double syy = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double dx = x[i] - mean_x;
    const double dy = y[i] - mean_y;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // ddof 1 cancels between the covariance and the standard deviations.
  if (sxx == 0.0 || syy == 0.0) return kNaN;
  return sxy / std::sqrt(sxx * syy);
}

Result<std::vector<double>> simple_returns(std::span<const double> prices) {
  if (prices.size() < 2) {
    return make_error(ErrorCode::empty_input,
                      "returns need at least two prices, got " + std::to_string(prices.size()));
  }
  if (auto status = all_finite(prices, "prices"); !status) return std::move(status).error();
  for (std::size_t i = 0; i < prices.size(); ++i) {
    if (prices[i] <= 0.0) {
      return make_error(
          ErrorCode::invalid_argument,
          "prices[" + std::to_string(i) + "] = " + std::to_string(prices[i]) + " must be > 0");
    }
  }
  std::vector<double> returns(prices.size() - 1);
  for (std::size_t i = 0; i + 1 < prices.size(); ++i) returns[i] = prices[i + 1] / prices[i] - 1.0;
  return returns;
}

Result<std::vector<double>> rolling_pearson(std::span<const double> x, std::span<const double> y,
                                            std::size_t window) {
  if (x.size() != y.size()) {
    return make_error(
        ErrorCode::length_mismatch,
        "x has " + std::to_string(x.size()) + " values but y has " + std::to_string(y.size()));
  }
  if (window < 2) {
    return make_error(ErrorCode::invalid_parameter,
                      "window = " + std::to_string(window) + " must be >= 2");
  }
  if (auto status = all_finite(x, "x"); !status) return std::move(status).error();
  if (auto status = all_finite(y, "y"); !status) return std::move(status).error();
  std::vector<double> out(x.size(), kNaN);
  for (std::size_t end = window; end <= x.size(); ++end) {
    out[end - 1] = pearson(x.subspan(end - window, window), y.subspan(end - window, window));
  }
  return out;
}

}  // namespace lf::risk
