// Page-Hinkley test with River's semantics and defaults (river.drift.
// PageHinkley as in River's current source, the two-sided version with a
// `mode` argument; E. S. Page, "Continuous inspection schemes", Biometrika 41,
// 1954).
//
// Since the last reset the detector has seen n samples, x included, with
// running mean xbar_n (updated as River's stats.Mean: xbar += (1/n) (x -
// xbar)). Each sample updates, from U_0 = L_0 = 0,
//   U_n = alpha U_{n-1} + (x - xbar_n - delta)    and its running minimum
//   L_n = alpha L_{n-1} + (x - xbar_n + delta)    and its running maximum
// (River starts the maximum at -1, which never matters: L_1 = delta >= 0).
// Once n >= min_instances, a change is detected when an enabled test exceeds
// the threshold:
//   increase:  U_n - min U > threshold     (the mean went up)
//   decrease:  max L - L_n > threshold     (the mean went down)
// River's mode "both" is the default (both enabled); "up" and "down" are
// detect_decrease = 0 and detect_increase = 0. A detection resets the
// detector: the next sample starts a new count, as River resets on the update
// after a detection.
//
// Kind `increase` or `decrease` (the larger test when both exceed), severity
// warning, score the test statistic. Alpha < 1 fades old deviations (River's
// "forgetting factor"); delta is the magnitude of change tolerated.
//
// Defaults are River's: min_instances 30, delta 0.005, threshold 50, alpha
// 1 - 1e-4. Note that the threshold is in the data's units (summed
// deviations), not in standard deviations.
// Warm-up: no detection before min_instances samples since the last reset.
// Cost O(1) per sample.
#pragma once

#include <array>
#include <cstddef>

#include "lf/detect/detector.hpp"

namespace lf::detect {

class PageHinkleyDetector final : public Detector {
 public:
  static constexpr std::string_view kName = "page_hinkley";
  static constexpr std::string_view kVersion = "1.0.0";
  static const std::array<ParameterSpec, 6> kParameters;

  struct Params {
    std::size_t min_instances = 30;
    double delta = 0.005;
    double threshold = 50.0;
    double alpha = 1.0 - 1e-4;
    bool detect_increase = true;
    bool detect_decrease = true;
  };

  // At least one direction must be enabled (a cross-parameter rule).
  static Result<Params> params_from(std::span<const double> values);

  explicit PageHinkleyDetector(const Params& params);

  std::string_view name() const noexcept override { return kName; }
  std::string_view version() const noexcept override { return kVersion; }
  ParameterList parameters() const override;

 private:
  void process(std::span<const double> values, std::size_t first_index) override;
  void clear_state() override;

  Params params_;
  std::size_t count_ = 0;  // n, samples since the last reset
  double mean_ = 0.0;
  double sum_increase_ = 0.0;  // U
  double sum_decrease_ = 0.0;  // L
  double min_increase_ = 0.0;  // min U over the samples since the reset
  double max_decrease_ = 0.0;  // max L over the samples since the reset
};

}  // namespace lf::detect
