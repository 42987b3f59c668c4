#include "lf/detect/variance_compression.hpp"

#include "lf/detect/variance_ratio.hpp"

namespace lf::detect {

const std::array<ParameterSpec, 6> VarianceCompressionDetector::kParameters{{
    {"short_window", 20, 2, 1e6, true, "samples in the recent variance window"},
    {"baseline_window", 100, 2, 1e6, true, "samples in the lagged baseline window"},
    {"low_ratio", 0.25, 1e-9, 1, false, "ratio below which the variance counts as compressed"},
    {"high_ratio", 3.0, 1, 1e6, false, "ratio above which a compression has expanded"},
    {"min_duration", 5, 1, 1e6, true, "consecutive compressed samples before the warning"},
    {"max_armed", 100, 1, 1e9, true, "samples a compression waits for its expansion"},
}};

Result<VarianceCompressionDetector::Params> VarianceCompressionDetector::params_from(
    std::span<const double> v) {
  if (!(v[2] < v[3])) {
    return make_error(ErrorCode::invalid_parameter, "low_ratio must be below high_ratio");
  }
  return Params{static_cast<std::size_t>(v[0]), static_cast<std::size_t>(v[1]), v[2], v[3],
                static_cast<std::size_t>(v[4]), static_cast<std::size_t>(v[5])};
}

VarianceCompressionDetector::VarianceCompressionDetector(const Params& params)
    : params_(params), recent_(params.short_window), baseline_(params.baseline_window) {}

ParameterList VarianceCompressionDetector::parameters() const {
  const std::array<double, 6> values{static_cast<double>(params_.short_window),
                                     static_cast<double>(params_.baseline_window),
                                     params_.low_ratio,
                                     params_.high_ratio,
                                     static_cast<double>(params_.min_duration),
                                     static_cast<double>(params_.max_armed)};
  return name_parameters(kParameters, values);
}

void VarianceCompressionDetector::process(std::span<const double> values, std::size_t first_index) {
  for (std::size_t i = 0; i < values.size(); ++i) step(first_index + i, values[i]);
}

void VarianceCompressionDetector::step(std::size_t index, double x) {
  if (!recent_.full()) {
    recent_.push(x);
    return;
  }
  const double evicted = recent_.slide(x);
  if (!baseline_.full()) {
    baseline_.push(evicted);
    if (!baseline_.full()) return;
  } else {
    baseline_.slide(evicted);
  }

  // Compared by multiplication: the division for the score is only paid when
  // an alert is raised.
  const double recent = recent_.variance();
  const double baseline = baseline_.variance();
  if (armed_ && index - armed_at_ > params_.max_armed) armed_ = false;

  if (!armed_) {
    compressed_run_ = recent < params_.low_ratio * baseline ? compressed_run_ + 1 : 0;
    if (compressed_run_ >= params_.min_duration) {
      emit(index, "compression", Severity::warning, variance_ratio(recent, baseline));
      armed_ = true;
      armed_at_ = index;
      compressed_run_ = 0;
    }
  } else if (recent > params_.high_ratio * baseline) {
    emit(index, "expansion", Severity::critical, variance_ratio(recent, baseline));
    armed_ = false;
  }
}

void VarianceCompressionDetector::clear_state() {
  recent_.reset();
  baseline_.reset();
  compressed_run_ = 0;
  armed_ = false;
  armed_at_ = 0;
}

}  // namespace lf::detect
