#include "lf/detect/page_hinkley.hpp"

#include <algorithm>

namespace lf::detect {

const std::array<ParameterSpec, 6> PageHinkleyDetector::kParameters{{
    {"min_instances", 30, 1, 1e9, true,
     "samples since the last reset before a change can be found"},
    {"delta", 0.005, 0, 1e12, false, "magnitude of change tolerated, in the data's units"},
    {"threshold", 50, 1e-12, 1e12, false, "change threshold (lambda), in the data's units"},
    {"alpha", 1 - 1e-4, 1e-6, 1, false, "forgetting factor of the cumulative sums"},
    {"detect_increase", 1, 0, 1, true, "1: report increases of the mean"},
    {"detect_decrease", 1, 0, 1, true, "1: report decreases of the mean"},
}};

Result<PageHinkleyDetector::Params> PageHinkleyDetector::params_from(std::span<const double> v) {
  if (v[4] == 0 && v[5] == 0) {
    return make_error(ErrorCode::invalid_parameter,
                      "parameters 'detect_increase' and 'detect_decrease' are both 0: enable at "
                      "least one direction");
  }
  return Params{static_cast<std::size_t>(v[0]), v[1], v[2], v[3], v[4] != 0, v[5] != 0};
}

PageHinkleyDetector::PageHinkleyDetector(const Params& params) : params_(params) {}

ParameterList PageHinkleyDetector::parameters() const {
  const std::array<double, 6> values{static_cast<double>(params_.min_instances),
                                     params_.delta,
                                     params_.threshold,
                                     params_.alpha,
                                     params_.detect_increase ? 1.0 : 0.0,
                                     params_.detect_decrease ? 1.0 : 0.0};
  return name_parameters(kParameters, values);
}

void PageHinkleyDetector::process(std::span<const double> values, std::size_t first_index) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double x = values[i];
    ++count_;
    // The same operations, in the same order, as River: its figures are
    // reproduced to the last bit.
    mean_ += (1.0 / static_cast<double>(count_)) * (x - mean_);
    const double deviation = x - mean_;
    sum_increase_ = params_.alpha * sum_increase_ + deviation - params_.delta;
    sum_decrease_ = params_.alpha * sum_decrease_ + deviation + params_.delta;
    min_increase_ = count_ == 1 ? sum_increase_ : std::min(min_increase_, sum_increase_);
    max_decrease_ = count_ == 1 ? sum_decrease_ : std::max(max_decrease_, sum_decrease_);
    if (count_ < params_.min_instances) continue;

    const double increase = params_.detect_increase ? sum_increase_ - min_increase_ : 0.0;
    const double decrease = params_.detect_decrease ? max_decrease_ - sum_decrease_ : 0.0;
    if (increase > params_.threshold || decrease > params_.threshold) {
      const bool up = increase >= decrease;
      emit(first_index + i, up ? "increase" : "decrease", Severity::warning,
           up ? increase : decrease);
      clear_state();
    }
  }
}

void PageHinkleyDetector::clear_state() {
  count_ = 0;
  mean_ = 0.0;
  sum_increase_ = 0.0;
  sum_decrease_ = 0.0;
  min_increase_ = 0.0;
  max_decrease_ = 0.0;
}

}  // namespace lf::detect
