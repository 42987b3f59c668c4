#include "lf/risk/equity_curve.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace lf::risk {
namespace {

Status check_equity(double equity, std::size_t index) {
  const std::string where = "equity_curve[" + std::to_string(index) + "]";
  if (!std::isfinite(equity))
    return make_error(ErrorCode::non_finite_value, where + " is not finite");
  if (equity <= 0.0) {
    return make_error(ErrorCode::invalid_argument,
                      where + " = " + std::to_string(equity) + " must be > 0");
  }
  return {};
}

}  // namespace

Status EquityCurve::append(double equity) {
  if (auto status = check_equity(equity, values_.size()); !status) return status;
  values_.push_back(equity);
  peak_ = std::max(peak_, equity);
  return {};
}

Result<EquityCurve> EquityCurve::from(std::span<const double> values) {
  EquityCurve curve;
  curve.values_.reserve(values.size());
  for (double value : values) {
    if (auto status = curve.append(value); !status) return std::move(status).error();
  }
  return curve;
}

double drawdown(const EquityCurve& curve, double equity) noexcept {
  const double peak = std::max(curve.peak(), equity);
  return (peak - equity) / peak;
}

}  // namespace lf::risk
