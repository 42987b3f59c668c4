#include "lf/risk/risk_limits.hpp"

#include <cmath>
#include <string>

namespace lf::risk {
namespace {

Error out_of_range(const char* field, double value, const char* domain) {
  return make_error(ErrorCode::invalid_parameter,
                    std::string(field) + " = " + std::to_string(value) + " must be " + domain);
}

}  // namespace

Status validate(const RiskLimits& limits) {
  struct Fraction {
    const char* name;
    double value;
  };
  for (const Fraction& f :
       {Fraction{"max_position_fraction", limits.max_position_fraction},
        Fraction{"min_stop_distance", limits.min_stop_distance},
        Fraction{"max_stop_distance", limits.max_stop_distance},
        Fraction{"max_correlation", limits.max_correlation},
        Fraction{"max_drawdown", limits.max_drawdown},
        Fraction{"min_liquidation_distance", limits.min_liquidation_distance}}) {
    // The negated form also rejects NaN.
    if (!(f.value > 0.0 && f.value <= 1.0)) return out_of_range(f.name, f.value, "in (0, 1]");
  }
  if (limits.min_stop_distance > limits.max_stop_distance) {
    return out_of_range("min_stop_distance", limits.min_stop_distance, "<= max_stop_distance");
  }
  if (!(limits.maintenance_margin_rate >= 0.0 && limits.maintenance_margin_rate < 1.0)) {
    return out_of_range("maintenance_margin_rate", limits.maintenance_margin_rate, "in [0, 1)");
  }
  if (limits.correlation_window < 2) {
    return out_of_range("correlation_window", static_cast<double>(limits.correlation_window),
                        ">= 2");
  }
  if (!(limits.margin_buffer >= 1.0 && std::isfinite(limits.margin_buffer))) {
    return out_of_range("margin_buffer", limits.margin_buffer, "finite and >= 1");
  }
  if (!(limits.max_leverage >= 1.0 && std::isfinite(limits.max_leverage))) {
    return out_of_range("max_leverage", limits.max_leverage, "finite and >= 1");
  }
  if (!(limits.max_order_notional > 0.0 && std::isfinite(limits.max_order_notional))) {
    return out_of_range("max_order_notional", limits.max_order_notional, "finite and > 0");
  }
  if (limits.max_submits < 1) {
    return out_of_range("max_submits", static_cast<double>(limits.max_submits), ">= 1");
  }
  if (!(limits.submit_interval > 0.0 && std::isfinite(limits.submit_interval))) {
    return out_of_range("submit_interval", limits.submit_interval, "finite and > 0");
  }
  return {};
}

}  // namespace lf::risk
