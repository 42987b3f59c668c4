#include "lf/detect/phase_transition.hpp"

#include <algorithm>

#include "lf/detect/variance_ratio.hpp"
#include "lf/signal/kernels.hpp"

namespace lf::detect {

const std::array<ParameterSpec, 5> PhaseTransitionDetector::kParameters{{
    {"short_window", 20, 2, 1e6, true, "differences in the recent variance window"},
    {"baseline_window", 100, 2, 1e6, true, "differences in the lagged baseline window"},
    {"threshold", 4.0, 1, 1e6, false, "recent/baseline variance ratio that counts as unstable"},
    {"trend_window", 5, 1, 1e6, true, "lag of the smoothed derivative x[t] - x[t-k]"},
    {"cooldown", 20, 0, 1e9, true, "samples of silence after an alert"},
}};

Result<PhaseTransitionDetector::Params> PhaseTransitionDetector::params_from(
    std::span<const double> v) {
  return Params{static_cast<std::size_t>(v[0]), static_cast<std::size_t>(v[1]), v[2],
                static_cast<std::size_t>(v[3]), static_cast<std::size_t>(v[4])};
}

PhaseTransitionDetector::PhaseTransitionDetector(const Params& params)
    : params_(params),
      recent_(params.short_window),
      baseline_(params.baseline_window),
      trend_values_(params.trend_window + 1) {}

ParameterList PhaseTransitionDetector::parameters() const {
  const std::array<double, 5> values{static_cast<double>(params_.short_window),
                                     static_cast<double>(params_.baseline_window),
                                     params_.threshold, static_cast<double>(params_.trend_window),
                                     static_cast<double>(params_.cooldown)};
  return name_parameters(kParameters, values);
}

void PhaseTransitionDetector::process(std::span<const double> values, std::size_t first_index) {
  std::size_t i = 0;
  if (!has_previous_value_) {
    // The very first sample has no difference; it only seeds the state.
    trend_values_.push(values[0]);
    previous_value_ = values[0];
    has_previous_value_ = true;
    i = 1;
  }
  // Differences are computed a chunk at a time with the SIMD kernel; the
  // chunk's first difference links to the previous call's last value.
  constexpr std::size_t kChunk = 4096;
  while (i < values.size()) {
    const std::size_t n = std::min(kChunk, values.size() - i);
    differences_.resize(n);
    differences_[0] = values[i] - previous_value_;
    signal::kernels::first_differences(values.subspan(i, n),
                                       std::span<double>(differences_).subspan(1));
    for (std::size_t j = 0; j < n; ++j) step(first_index + i + j, values[i + j], differences_[j]);
    previous_value_ = values[i + n - 1];
    i += n;
  }
}

void PhaseTransitionDetector::step(std::size_t index, double x, double difference) {
  trend_values_.push(x);
  if (!recent_.full()) {
    recent_.push(difference);
  } else if (const double evicted = recent_.slide(difference); baseline_.full()) {
    baseline_.slide(evicted);
  } else {
    baseline_.push(evicted);
  }
  if (!trend_values_.full()) return;

  const bool slope_positive = x - trend_values_[0] > 0.0;
  const bool turned = has_previous_slope_ && slope_positive != previous_slope_positive_;
  previous_slope_positive_ = slope_positive;
  has_previous_slope_ = true;

  // The ratio (a division) is only needed when the trend turns.
  if (!turned || !baseline_.full() || index < quiet_until_) return;
  const double ratio = variance_ratio(recent_.variance(), baseline_.variance());
  if (ratio > params_.threshold) {
    emit(index, "phase_transition",
         ratio >= 2 * params_.threshold ? Severity::critical : Severity::warning, ratio);
    quiet_until_ = index + params_.cooldown + 1;
  }
}

void PhaseTransitionDetector::clear_state() {
  recent_.reset();
  baseline_.reset();
  trend_values_.clear();
  has_previous_value_ = false;
  previous_value_ = 0.0;
  has_previous_slope_ = false;
  previous_slope_positive_ = false;
  quiet_until_ = 0;
}

}  // namespace lf::detect
