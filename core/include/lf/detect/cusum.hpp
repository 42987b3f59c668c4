// Two-sided CUSUM (E. S. Page, "Continuous inspection schemes", Biometrika
// 41, 1954) in the tabular form of D. C. Montgomery, "Introduction to
// Statistical Quality Control", section 9.1.
//
// Reference: the first `warmup` samples give the reference mean mu and
// standard deviation sigma (sample mean and sample standard deviation, n - 1).
// A stream's level and scale are rarely known in advance, so they are
// estimated rather than given; standardising by sigma makes `drift` and
// `threshold` scale-free. Then every sample's standardised deviation
// z = (x - mu) / sigma feeds, from S+ = S- = 0,
//   S+_t = max(0, S+_{t-1} + z_t - drift)      (upward shifts)
//   S-_t = max(0, S-_{t-1} - z_t - drift)      (downward shifts)
// and an alarm fires when S+ > threshold (kind `increase`) or S- > threshold
// (kind `decrease`) at the alarm's sample. After an alarm the detector starts
// afresh: the next `warmup` samples estimate the new regime's reference. At
// most one of S+, S- can cross at a sample (each grows only on its own side).
//
// Score: the statistic that crossed, in standard deviations. Severity
// warning. A warm-up of identical values has sigma = 0: a sample equal to mu
// then counts as z = 0 and any other as z = +-1e12, so leaving a constant
// level alarms at once while the score stays finite.
//
// Defaults drift 0.5 and threshold 5 are Montgomery's recommended design (k =
// 1/2, h = 5): with a known reference, 465 samples between false alarms on
// average, and a shift of one sigma detected after 10.4 samples (his Table
// 9.3). warmup 30 estimates sigma to about 13% (its relative standard error
// is 1/sqrt(2 (n - 1))); the estimate's error shortens the false-alarm
// spacing, so raise warmup where false alarms are costly.
//
// Warm-up: no alarm during the first `warmup` samples after a start or an
// alarm. Cost O(1) per sample.
#pragma once

#include <array>
#include <cstddef>

#include "lf/detect/detector.hpp"

namespace lf::detect {

class CusumDetector final : public Detector {
 public:
  static constexpr std::string_view kName = "cusum";
  static constexpr std::string_view kVersion = "1.0.0";
  static const std::array<ParameterSpec, 3> kParameters;

  struct Params {
    std::size_t warmup = 30;
    double drift = 0.5;
    double threshold = 5.0;
  };

  static Result<Params> params_from(std::span<const double> values);

  explicit CusumDetector(const Params& params);

  std::string_view name() const noexcept override { return kName; }
  std::string_view version() const noexcept override { return kVersion; }
  ParameterList parameters() const override;

 private:
  void process(std::span<const double> values, std::size_t first_index) override;
  void clear_state() override;
  void learn_reference(double x);
  double standardise(double x) const;

  Params params_;
  // Warm-up: Welford's running mean and sum of squared deviations.
  std::size_t warmup_seen_ = 0;
  double warmup_mean_ = 0.0;
  double warmup_m2_ = 0.0;
  // Monitoring, once the warm-up is complete.
  double mean_ = 0.0;
  double sigma_ = 0.0;
  double upper_ = 0.0;  // S+
  double lower_ = 0.0;  // S-
};

}  // namespace lf::detect
