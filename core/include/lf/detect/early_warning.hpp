// Early-warning detector: critical slowing down, streaming (Scheffer et al.
// 2009; Dakos et al. 2012). As a system approaches a tipping point it
// recovers ever more slowly from small perturbations, so its fluctuations
// grow (variance) and become more persistent (lag-1 autocorrelation). This
// detector tracks both over a sliding window and raises
// `critical_slowing_down` when both have been trending up: the Kendall tau of
// the variance and of the lag-1 autocorrelation against time, over the last
// `trend_span` indicator values, are both at or above their thresholds.
//
// Per sample:
//   1. causal detrending (optional): the residual x - m, m an exponential
//      moving average whose weights spread over the past as widely as the
//      Gaussian kernel ewstools would use with the same `detrend_bandwidth`
//      (their standard deviations agree: sqrt(1 - a) / a = (0.25/0.675) * bw).
//      A centred kernel needs future samples; this needs none. 0 disables it;
//   2. the indicators over the last `window` residuals (EwsWindow: variance,
//      lag-1 autocorrelation and the rest, O(1) per sample);
//   3. the trailing Kendall taus of the variance and the autocorrelation
//      (TrailingKendallTau, O(trend_span) per sample, exact integer counts).
//      An undefined autocorrelation (a constant window) restarts the trends.
// The alert fires when the condition starts to hold (a rising edge), once per
// episode. Score: the smaller of the two taus. Severity: critical when each
// tau is at least halfway from its threshold to 1, else warning.
// Warm-up: window + trend_span - 1 samples. Cost: O(trend_span) per sample,
// O(window + trend_span) memory.
#pragma once

#include <array>
#include <cstddef>

#include "lf/detect/detector.hpp"
#include "lf/detect/ews_window.hpp"
#include "lf/detect/kendall_tau.hpp"

namespace lf::detect {

class EarlyWarningDetector final : public Detector {
 public:
  static constexpr std::string_view kName = "early_warning";
  static constexpr std::string_view kVersion = "1.0.0";
  static const std::array<ParameterSpec, 5> kParameters;

  // Defaults (docs/DETECTORS.md has the measurements): a window of 100
  // samples estimates the lag-1 autocorrelation to about +-0.1 (1/sqrt(w));
  // the detrending bandwidth (0.8 windows) and the trend span (3 windows) are
  // ewstools' default proportions (bandwidth 0.2, window 0.25, and the taus
  // taken over the remaining 0.75 of the series); taus of 0.7 keep false
  // alarms on stationary AR(1) noise to about 1 in 150,000 samples (white) to
  // 1 in 7,000 (phi = 0.9) while most linear approaches to a fold are caught
  // ahead of the transition.
  struct Params {
    std::size_t window = 100;
    double detrend_bandwidth = 80;  // samples; 0: no detrending
    std::size_t trend_span = 300;
    double variance_threshold = 0.7;
    double ac_threshold = 0.7;
  };

  static Result<Params> params_from(std::span<const double> values);

  explicit EarlyWarningDetector(const Params& params);

  std::string_view name() const noexcept override { return kName; }
  std::string_view version() const noexcept override { return kVersion; }
  ParameterList parameters() const override;

  // The EMA weight for a detrending bandwidth (in samples, > 0).
  static double smoothing_weight(double bandwidth) noexcept;

 private:
  void process(std::span<const double> values, std::size_t first_index) override;
  void clear_state() override;
  void step(std::size_t index, double x);

  Params params_;
  double smoothing_weight_;  // a; 0 without detrending
  bool has_level_ = false;
  double level_ = 0.0;  // the EMA m
  EwsWindow indicators_;
  TrailingKendallTau variance_trend_;
  TrailingKendallTau ac_trend_;
  bool warning_ = false;  // the condition held at the previous sample
};

}  // namespace lf::detect
