// Phase-transition detector (design seed 000 §3.1).
//
// Watches the first differences d_t = x_t - x_{t-1}. Their sample variance
// over the last `short_window` differences is compared with the variance over
// the `baseline_window` differences that came just before them (the baseline
// is lagged, not overlapping, so a transition does not dilute its own
// reference). An alert fires when
//   variance ratio > threshold  AND  the smoothed derivative changes sign,
// the smoothed derivative being the slope x_t - x_{t-trend_window}: the
// system has become unstable and its trend has turned. After an alert the
// detector stays quiet for `cooldown` samples.
//
// Score: the variance ratio. Severity: critical when the ratio is at least
// twice the threshold, else warning. Warm-up: no alert before
// short_window + baseline_window differences have been seen.
//
// Version 2 computes the windows' variances with LaggedWindowMoments (its
// header fixes the rounding) and compares them without a division:
// m2_recent > threshold * (short-1)/(baseline-1) * m2_baseline. Blocks of 8
// samples that the bounds prove calm are skipped, so a long series costs
// little more than reading it. Cost: O(1) amortised per sample, memory
// O(short_window + baseline_window + trend_window).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "lf/detect/detector.hpp"
#include "lf/detect/lagged_window_moments.hpp"

namespace lf::detect {

class PhaseTransitionDetector final : public Detector {
 public:
  static constexpr std::string_view kName = "phase_transition";
  static constexpr std::string_view kVersion = "2.0.0";
  static const std::array<ParameterSpec, 5> kParameters;

  // Defaults keep false alarms on stationary Gaussian white noise below 1e-4
  // per sample (7.8e-5 measured over 2M samples; the ratio of two sample
  // variances of 20 and 100 differences rarely exceeds 4 by chance).
  struct Params {
    std::size_t short_window = 20;
    std::size_t baseline_window = 100;
    double threshold = 4.0;
    std::size_t trend_window = 5;
    std::size_t cooldown = 20;
  };

  // Values in kParameters order, already range-checked by resolve_parameters.
  static Result<Params> params_from(std::span<const double> values);

  explicit PhaseTransitionDetector(const Params& params);

  std::string_view name() const noexcept override { return kName; }
  std::string_view version() const noexcept override { return kVersion; }
  ParameterList parameters() const override;

 private:
  void process(std::span<const double> values, std::size_t first_index) override;
  std::size_t process_unless_non_finite(std::span<const double> values,
                                        std::size_t first_index) override;
  void clear_state() override;
  void scan(std::size_t first, std::size_t end);
  bool trend_turned(std::size_t index) const noexcept;
  void alert_if_unstable(std::size_t index, const WindowPairM2& m2);

  Params params_;
  double m2_threshold_;  // threshold on m2_recent / m2_baseline
  std::size_t first_alert_index_;
  LaggedWindowMoments moments_;
  std::size_t quiet_until_ = 0;  // first index allowed to alert
  std::vector<BlockMark> calm_;  // scratch: blocks the bounds prove calm
};

}  // namespace lf::detect
