// The digamma function ψ, as the KSG estimators need it: at positive integers
// (neighbour counts), where ψ(n) = −γ + Σ_{m<n} 1/m.
#pragma once

#include <cstddef>
#include <vector>

namespace lf::graph {

// ψ(x) for real x > 0: recurrence up to x >= 10, then the asymptotic series.
double digamma(double x);

// ψ(1), ..., ψ(n) by the harmonic recurrence ψ(m + 1) = ψ(m) + 1/m. Only
// additions and divisions, so the table is bit-identical on every target
// (no libm call whose last ulp could differ between glibc and musl).
class DigammaTable {
 public:
  explicit DigammaTable(std::size_t n);

  // ψ(m) for 1 <= m <= n.
  double operator()(std::size_t m) const { return values_[m]; }
  std::size_t size() const noexcept { return values_.size() - 1; }

 private:
  std::vector<double> values_;  // values_[m] = ψ(m); values_[0] unused
};

}  // namespace lf::graph
