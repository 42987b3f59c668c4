#include "lf/signal/validate.hpp"

#include <cmath>
#include <string>

namespace lf::signal {

Result<SampleValidator> SampleValidator::create(const ValidationPolicy& policy) {
  if (!std::isfinite(policy.clip_sigma) || policy.clip_sigma < 0.0) {
    return make_error(ErrorCode::invalid_parameter, "clip_sigma must be finite and >= 0");
  }
  if (policy.clip_window < 2) {
    return make_error(ErrorCode::invalid_parameter, "clip_window must be at least 2");
  }
  return SampleValidator(policy);
}

SampleValidator::SampleValidator(const ValidationPolicy& policy)
    : policy_(policy), baseline_(policy.clip_window) {}

Result<AdmittedSample> SampleValidator::admit(double timestamp, double value) {
  const std::size_t index = index_;
  if (!std::isfinite(value) || !std::isfinite(timestamp)) {
    if (policy_.non_finite == InvalidSamplePolicy::reject) {
      return make_error(ErrorCode::non_finite_value,
                        std::string(std::isfinite(value) ? "timestamp" : "value") + " at index " +
                            std::to_string(index) + " is missing or not finite");
    }
    ++index_;
    ++counts_.dropped;
    return AdmittedSample{SampleOutcome::dropped, value};
  }
  if (has_last_timestamp_ && !(timestamp > last_timestamp_)) {
    if (policy_.out_of_order == InvalidSamplePolicy::reject) {
      return make_error(
          ErrorCode::non_increasing_timestamp,
          "timestamp at index " + std::to_string(index) + " is not greater than the one before it");
    }
    ++index_;
    ++counts_.dropped;
    return AdmittedSample{SampleOutcome::dropped, value};
  }

  ++index_;
  has_last_timestamp_ = true;
  last_timestamp_ = timestamp;
  AdmittedSample admitted{SampleOutcome::accepted, value};
  if (policy_.clip_sigma > 0.0) {
    if (baseline_.full()) {
      const double bound = policy_.clip_sigma * std::sqrt(baseline_.variance());
      const double low = baseline_.mean() - bound;
      const double high = baseline_.mean() + bound;
      if (value < low || value > high)
        admitted = {SampleOutcome::clipped, value < low ? low : high};
    }
    baseline_.push(admitted.value);
  }
  ++(admitted.outcome == SampleOutcome::clipped ? counts_.clipped : counts_.accepted);
  return admitted;
}

Result<ValidatedSeries> validate_series(const Series& series, const ValidationPolicy& policy) {
  if (series.timestamps.size() != series.values.size()) {
    return make_error(ErrorCode::length_mismatch,
                      std::to_string(series.values.size()) + " values but " +
                          std::to_string(series.timestamps.size()) + " timestamps");
  }
  auto validator = SampleValidator::create(policy);
  if (!validator) return std::move(validator).error();

  ValidatedSeries out;
  out.series.name = series.name;
  out.series.timestamps.reserve(series.size());
  out.series.values.reserve(series.size());
  out.source_indices.reserve(series.size());
  for (std::size_t i = 0; i < series.size(); ++i) {
    auto sample = validator->admit(series.timestamps[i], series.values[i]);
    if (!sample) return std::move(sample).error();
    if (sample->outcome == SampleOutcome::dropped) continue;
    out.series.timestamps.push_back(series.timestamps[i]);
    out.series.values.push_back(sample->value);
    out.source_indices.push_back(i);
  }
  out.counts = validator->counts();
  return out;
}

}  // namespace lf::signal
