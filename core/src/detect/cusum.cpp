#include "lf/detect/cusum.hpp"

#include <algorithm>
#include <cmath>

namespace lf::detect {
namespace {

// Standardised deviation of a sample off a constant warm-up (sigma = 0).
constexpr double kOffConstant = 1e12;

}  // namespace

const std::array<ParameterSpec, 3> CusumDetector::kParameters{{
    {"warmup", 30, 2, 1e9, true, "samples that estimate the reference mean and deviation"},
    {"drift", 0.5, 0, 1e6, false,
     "allowance k, in standard deviations: half the shift to detect quickly"},
    {"threshold", 5, 1e-6, 1e6, false, "decision interval h, in standard deviations"},
}};

Result<CusumDetector::Params> CusumDetector::params_from(std::span<const double> v) {
  return Params{static_cast<std::size_t>(v[0]), v[1], v[2]};
}

CusumDetector::CusumDetector(const Params& params) : params_(params) {}

ParameterList CusumDetector::parameters() const {
  const std::array<double, 3> values{static_cast<double>(params_.warmup), params_.drift,
                                     params_.threshold};
  return name_parameters(kParameters, values);
}

void CusumDetector::process(std::span<const double> values, std::size_t first_index) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double x = values[i];
    if (warmup_seen_ < params_.warmup) {
      learn_reference(x);
      continue;
    }
    const double z = standardise(x);
    upper_ = std::max(0.0, upper_ + z - params_.drift);
    lower_ = std::max(0.0, lower_ - z - params_.drift);
    const bool up = upper_ > params_.threshold;
    if (up || lower_ > params_.threshold) {
      emit(first_index + i, up ? "increase" : "decrease", Severity::warning, up ? upper_ : lower_);
      clear_state();
    }
  }
}

void CusumDetector::learn_reference(double x) {
  ++warmup_seen_;
  const double delta = x - warmup_mean_;
  warmup_mean_ += delta / static_cast<double>(warmup_seen_);
  warmup_m2_ += delta * (x - warmup_mean_);
  if (warmup_seen_ == params_.warmup) {
    mean_ = warmup_mean_;
    sigma_ = std::sqrt(std::max(0.0, warmup_m2_) / static_cast<double>(warmup_seen_ - 1));
  }
}

double CusumDetector::standardise(double x) const {
  if (sigma_ > 0.0) return (x - mean_) / sigma_;
  if (x == mean_) return 0.0;
  return x > mean_ ? kOffConstant : -kOffConstant;
}

void CusumDetector::clear_state() {
  warmup_seen_ = 0;
  warmup_mean_ = 0.0;
  warmup_m2_ = 0.0;
  mean_ = 0.0;
  sigma_ = 0.0;
  upper_ = 0.0;
  lower_ = 0.0;
}

}  // namespace lf::detect
