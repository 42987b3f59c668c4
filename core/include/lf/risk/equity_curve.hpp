// The account's equity over time, reduced to what the drawdown rule needs:
// the values (for display and audit) and their running peak.
#pragma once

#include <span>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::risk {

class EquityCurve {
 public:
  // Errors (nothing changes): non_finite_value, or invalid_argument for a
  // value <= 0 (a drawdown is a fraction of a positive peak).
  Status append(double equity);

  // The curve of `values`, oldest first; the same errors, naming the index.
  static Result<EquityCurve> from(std::span<const double> values);

  bool empty() const noexcept { return values_.empty(); }
  std::span<const double> values() const noexcept { return values_; }
  // The largest value so far; 0 while empty.
  double peak() const noexcept { return peak_; }

 private:
  std::vector<double> values_;
  double peak_ = 0.0;
};

// Drawdown of `equity` from the peak of `curve` and `equity` itself:
// (peak - equity) / peak, so 0 at a new high and >= 1 once equity is <= 0.
// The curve must not be empty.
double drawdown(const EquityCurve& curve, double equity) noexcept;

}  // namespace lf::risk
