#include "lf/graph/digamma.hpp"

#include <cmath>

namespace lf::graph {
namespace {

constexpr double kEulerGamma = 0.57721566490153286060651209008240243;

}  // namespace

double digamma(double x) {
  double result = 0.0;
  while (x < 10.0) {
    result -= 1.0 / x;
    x += 1.0;
  }
  // ψ(x) ~ ln x − 1/(2x) − Σ_j B_2j / (2j x^2j); the terms through x^-12
  // leave an error below 1e-16 for x >= 10.
  const double r = 1.0 / (x * x);
  const double series =
      r *
      (1.0 / 12 -
       r * (1.0 / 120 - r * (1.0 / 252 - r * (1.0 / 240 - r * (1.0 / 132 - r * (691.0 / 32760))))));
  return result + std::log(x) - 0.5 / x - series;
}

DigammaTable::DigammaTable(std::size_t n) : values_(n + 1, 0.0) {
  if (n == 0) return;
  // Compensated (Kahan) summation keeps the table within an ulp or two of ψ
  // however long it is; plain summation would drift by ~n ulps.
  double sum = -kEulerGamma;
  double compensation = 0.0;
  values_[1] = sum;
  for (std::size_t m = 1; m < n; ++m) {
    const double term = 1.0 / static_cast<double>(m) - compensation;
    const double next = sum + term;
    compensation = (next - sum) - term;
    sum = next;
    values_[m + 1] = sum;
  }
}

}  // namespace lf::graph
