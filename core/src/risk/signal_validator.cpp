#include "lf/risk/signal_validator.hpp"

#include <cmath>
#include <string>
#include <unsupported/Eigen/SpecialFunctions>
#include <utility>

namespace lf::risk {
namespace {

bool in_unit_interval(double x) {
  return x >= 0.0 && x <= 1.0;
}

Error bad_threshold(std::string_view field, double value, std::string_view range) {
  return make_error(
      ErrorCode::invalid_parameter,
      std::string(field) + " must be " + std::string(range) + ", got " + std::to_string(value));
}

// I_x(a, b), the regularised incomplete beta function (Eigen's port of
// Cephes' incbet).
double regularised_incomplete_beta(double a, double b, double x) {
  Eigen::Array<double, 1, 1> aa, bb, xx;
  aa << a;
  bb << b;
  xx << x;
  return Eigen::betainc(aa, bb, xx)(0);
}

}  // namespace

Status validate(const ValidatorThresholds& t) {
  if (!(std::isfinite(t.max_p_value) && t.max_p_value > 0.0 && t.max_p_value <= 1.0)) {
    return bad_threshold("max_p_value", t.max_p_value, "in (0, 1]");
  }
  if (!std::isfinite(t.min_expected_value)) {
    return bad_threshold("min_expected_value", t.min_expected_value, "finite");
  }
  if (!std::isfinite(t.min_sharpe)) return bad_threshold("min_sharpe", t.min_sharpe, "finite");
  if (!in_unit_interval(t.min_confidence)) {
    return bad_threshold("min_confidence", t.min_confidence, "in [0, 1]");
  }
  return {};
}

std::string_view to_string(SignalRejection reason) noexcept {
  switch (reason) {
    case SignalRejection::p_value_too_high: return "p_value_too_high";
    case SignalRejection::expected_value_not_positive: return "expected_value_not_positive";
    case SignalRejection::sharpe_too_low: return "sharpe_too_low";
    case SignalRejection::confidence_too_low: return "confidence_too_low";
  }
  return "p_value_too_high";
}

Result<SignalVerdict> validate_signal(const SignalStatistics& s,
                                      const ValidatorThresholds& thresholds) {
  if (auto status = validate(thresholds); !status) return std::move(status).error();
  const std::pair<std::string_view, double> figures[] = {{"p_value", s.p_value},
                                                         {"expected_value", s.expected_value},
                                                         {"sharpe", s.sharpe},
                                                         {"confidence", s.confidence}};
  for (const auto& [name, value] : figures) {
    if (!std::isfinite(value)) {
      return make_error(ErrorCode::non_finite_value,
                        std::string(name) + " must be finite, got " + std::to_string(value));
    }
  }
  if (!in_unit_interval(s.p_value)) {
    return make_error(ErrorCode::invalid_argument,
                      "p_value must be in [0, 1], got " + std::to_string(s.p_value));
  }
  if (!in_unit_interval(s.confidence)) {
    return make_error(ErrorCode::invalid_argument,
                      "confidence must be in [0, 1], got " + std::to_string(s.confidence));
  }
  SignalVerdict verdict;
  verdict.statistics = s;
  if (s.p_value >= thresholds.max_p_value) {
    verdict.rejections.push_back(SignalRejection::p_value_too_high);
  }
  if (s.expected_value <= thresholds.min_expected_value) {
    verdict.rejections.push_back(SignalRejection::expected_value_not_positive);
  }
  if (s.sharpe < thresholds.min_sharpe)
    verdict.rejections.push_back(SignalRejection::sharpe_too_low);
  if (s.confidence < thresholds.min_confidence) {
    verdict.rejections.push_back(SignalRejection::confidence_too_low);
  }
  verdict.accepted = verdict.rejections.empty();
  return verdict;
}

double student_t_survival(double t, double df) {
  // P(|T| > |t|) = I_{df/(df+t^2)}(df/2, 1/2); each tail holds half of it.
  const double tail = 0.5 * regularised_incomplete_beta(0.5 * df, 0.5, df / (df + t * t));
  return t >= 0.0 ? tail : 1.0 - tail;
}

Result<ReturnStatistics> return_statistics(std::span<const double> returns,
                                           double periods_per_year) {
  if (!(std::isfinite(periods_per_year) && periods_per_year > 0.0)) {
    return make_error(
        ErrorCode::invalid_parameter,
        "periods_per_year must be finite and > 0, got " + std::to_string(periods_per_year));
  }
  if (returns.size() < 2) {
    return make_error(
        ErrorCode::insufficient_data,
        "a return sample needs at least 2 returns, got " + std::to_string(returns.size()));
  }
  double sum = 0.0;
  for (std::size_t i = 0; i < returns.size(); ++i) {
    if (!std::isfinite(returns[i])) {
      return make_error(ErrorCode::non_finite_value,
                        "returns[" + std::to_string(i) + "] is not finite");
    }
    sum += returns[i];
  }
  const double n = static_cast<double>(returns.size());
  const double mean = sum / n;
  double squares = 0.0;
  for (double r : returns) squares += (r - mean) * (r - mean);
  const double sd = std::sqrt(squares / (n - 1.0));
  if (sd == 0.0) {
    return make_error(ErrorCode::degenerate_input,
                      "every return is equal: the standard deviation is 0 and t is undefined");
  }
  ReturnStatistics out;
  out.samples = returns.size();
  out.mean = mean;
  out.standard_deviation = sd;
  out.t_statistic = mean / (sd / std::sqrt(n));
  out.p_value = student_t_survival(out.t_statistic, n - 1.0);
  out.sharpe = mean / sd * std::sqrt(periods_per_year);
  return out;
}

}  // namespace lf::risk
