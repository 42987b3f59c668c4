#include "lf/detect/early_warning.hpp"

#include <algorithm>
#include <cmath>

#include "lf/detect/early_warning_indicators.hpp"

namespace lf::detect {

const std::array<ParameterSpec, 5> EarlyWarningDetector::kParameters{{
    {"window", 100, 4, 1e6, true, "samples in the rolling indicator window"},
    {"detrend_bandwidth", 80, 0, 1e6, false,
     "causal EMA detrending matching a Gaussian kernel of this bandwidth (samples); 0: off"},
    {"trend_span", 300, 3, 1e5, true, "trailing indicator values the Kendall taus are taken over"},
    {"variance_threshold", 0.7, -1, 1, false, "Kendall tau of the variance that counts as rising"},
    {"ac_threshold", 0.7, -1, 1, false,
     "Kendall tau of the lag-1 autocorrelation that counts as rising"},
}};

Result<EarlyWarningDetector::Params> EarlyWarningDetector::params_from(std::span<const double> v) {
  return Params{static_cast<std::size_t>(v[0]), v[1], static_cast<std::size_t>(v[2]), v[3], v[4]};
}

double EarlyWarningDetector::smoothing_weight(double bandwidth) noexcept {
  // sqrt(1 - a) / a = sigma  <=>  sigma^2 a^2 + a - 1 = 0.
  const double sigma = gaussian_sigma(bandwidth);
  const double s2 = sigma * sigma;
  return (std::sqrt(1.0 + 4.0 * s2) - 1.0) / (2.0 * s2);
}

EarlyWarningDetector::EarlyWarningDetector(const Params& params)
    : params_(params),
      smoothing_weight_(params.detrend_bandwidth > 0.0 ? smoothing_weight(params.detrend_bandwidth)
                                                       : 0.0),
      indicators_(params.window),
      variance_trend_(params.trend_span),
      ac_trend_(params.trend_span) {}

ParameterList EarlyWarningDetector::parameters() const {
  const std::array<double, 5> values{static_cast<double>(params_.window), params_.detrend_bandwidth,
                                     static_cast<double>(params_.trend_span),
                                     params_.variance_threshold, params_.ac_threshold};
  return name_parameters(kParameters, values);
}

void EarlyWarningDetector::process(std::span<const double> values, std::size_t first_index) {
  for (std::size_t i = 0; i < values.size(); ++i) step(first_index + i, values[i]);
}

void EarlyWarningDetector::step(std::size_t index, double x) {
  double residual = x;
  if (smoothing_weight_ > 0.0) {
    level_ = has_level_ ? level_ + smoothing_weight_ * (x - level_) : x;
    has_level_ = true;
    residual = x - level_;
  }
  indicators_.push(residual, x);
  if (!indicators_.full()) return;

  const double ac1 = indicators_.ac1();
  if (std::isnan(ac1)) {
    variance_trend_.clear();
    ac_trend_.clear();
    warning_ = false;
    return;
  }
  variance_trend_.push(indicators_.variance());
  ac_trend_.push(ac1);
  if (!variance_trend_.full()) return;

  const double variance_tau = variance_trend_.tau();
  const double ac_tau = ac_trend_.tau();
  // NaN (a flat trend span) compares false: no warning.
  const bool warning = variance_tau >= params_.variance_threshold && ac_tau >= params_.ac_threshold;
  if (warning && !warning_) {
    const double score = std::min(variance_tau, ac_tau);
    const bool critical = variance_tau >= (1.0 + params_.variance_threshold) / 2.0 &&
                          ac_tau >= (1.0 + params_.ac_threshold) / 2.0;
    emit(index, "critical_slowing_down", critical ? Severity::critical : Severity::warning, score);
  }
  warning_ = warning;
}

void EarlyWarningDetector::clear_state() {
  has_level_ = false;
  level_ = 0.0;
  indicators_.reset();
  variance_trend_.clear();
  ac_trend_.clear();
  warning_ = false;
}

}  // namespace lf::detect
