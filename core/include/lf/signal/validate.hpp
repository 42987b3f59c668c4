// Input validation as a policy, applied before samples reach a detector.
//
//   non-finite values (NaN, +-Inf, missing cells): reject (error) or drop;
//   timestamps: must be strictly increasing, or the out-of-order sample is
//     rejected (error) or dropped;
//   clipping (optional): a value beyond clip_sigma standard deviations of the
//     running baseline (the last clip_window accepted values) is clipped to
//     that bound, so one outlier cannot blow up the windows downstream
//     (design seed: "outliers beyond 5 sigma are clipped, not processed").
//
// An error leaves the validator exactly as it was.
#pragma once

#include <cstddef>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/signal/rolling_window.hpp"
#include "lf/signal/series.hpp"

namespace lf::signal {

enum class InvalidSamplePolicy { reject, drop };

struct ValidationPolicy {
  InvalidSamplePolicy non_finite = InvalidSamplePolicy::reject;
  InvalidSamplePolicy out_of_order = InvalidSamplePolicy::reject;
  double clip_sigma = 0.0;        // 0 disables clipping
  std::size_t clip_window = 100;  // baseline length; clipping starts once it is full
};

enum class SampleOutcome { accepted, clipped, dropped };

struct AdmittedSample {
  SampleOutcome outcome;
  double value;  // the value to process (the clipped one if clipped)
};

struct ValidationCounts {
  std::size_t accepted = 0;
  std::size_t clipped = 0;
  std::size_t dropped = 0;
};

class SampleValidator {
 public:
  // invalid_parameter for a negative/non-finite clip_sigma or clip_window < 2.
  static Result<SampleValidator> create(const ValidationPolicy& policy);

  // Checks one sample. Errors: non_finite_value, non_increasing_timestamp
  // (only under the reject policies); the message names the sample index.
  Result<AdmittedSample> admit(double timestamp, double value);

  const ValidationCounts& counts() const noexcept { return counts_; }

 private:
  explicit SampleValidator(const ValidationPolicy& policy);

  ValidationPolicy policy_;
  RollingWindow baseline_;
  ValidationCounts counts_;
  std::size_t index_ = 0;  // samples offered so far
  bool has_last_timestamp_ = false;
  double last_timestamp_ = 0.0;
};

struct ValidatedSeries {
  Series series;                            // the samples to process, in order
  std::vector<std::size_t> source_indices;  // each one's index in the input
  ValidationCounts counts;
};

// Applies `policy` to a whole series (all or nothing).
Result<ValidatedSeries> validate_series(const Series& series, const ValidationPolicy& policy);

}  // namespace lf::signal
