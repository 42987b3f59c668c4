// The intentionality gradient (design seed 000 §4.10): transfer entropy
// between two series in a sliding window, and its trend.
//
// Every `step` rows once `window` rows are in, TE(0 → 1) ("forward") and
// TE(1 → 0) ("backward") are estimated over the last `window` rows. The
// gradient of each is the least-squares slope over the last `slope_points`
// estimates, expressed in nats per window length (slope per row × window),
// so that a bound reads as "the TE rises by this much over one window".
//
// Alerts:
//   rising_forward / rising_backward (warning): the gradient of that
//     direction crosses above `rise_bound` (strengthening coupling); score:
//     the gradient. Re-arms once the gradient is back at or below the bound.
//   direction_flip (critical): the dominant direction reverses. A direction
//     is established when |forward − backward| > flip_margin and holds until
//     the other direction is established; score: forward − backward (its
//     sign is the new direction).
// A window whose TE is undefined (e.g. a constant stretch) is skipped.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "lf/graph/multi_series_detector.hpp"
#include "lf/graph/transfer_entropy.hpp"
#include "lf/signal/ring_buffer.hpp"

namespace lf::graph {

struct GradientPoint {
  std::size_t index;        // the row that completed the window
  double forward;           // TE(0 → 1), nats
  double backward;          // TE(1 → 0), nats
  double forward_gradient;  // nats per window; NaN until slope_points estimates
  double backward_gradient;
};

class TeGradientDetector final : public MultiSeriesDetector {
 public:
  static constexpr std::string_view kName = "te_gradient";
  static constexpr std::string_view kVersion = "1.0.0";

  struct Params {
    TeParams te;
    std::size_t window = 500;
    std::size_t step = 50;
    std::size_t slope_points = 5;
    double rise_bound = 0.05;
    double flip_margin = 0.02;

    bool operator==(const Params&) const = default;
  };

  // invalid_parameter for window < 20, step < 1, slope_points < 2, a
  // non-finite or negative bound or margin, or bad TE parameters.
  static Status check(const Params& params);
  // Call check() first.
  explicit TeGradientDetector(const Params& params);

  std::string_view name() const noexcept override { return kName; }
  std::string_view version() const noexcept override { return kVersion; }
  const Params& params() const noexcept { return params_; }

  // Estimates made since the last take_points(), oldest first.
  std::vector<GradientPoint> take_points();

 private:
  void process(std::span<const double> row, std::size_t index) override;
  void clear_state() override;
  void evaluate(std::size_t index);
  double gradient(std::size_t direction) const;

  Params params_;
  std::array<signal::RingBuffer<double>, 2> window_;
  std::vector<GradientPoint> history_;  // the last slope_points estimates
  std::vector<GradientPoint> points_;   // not yet taken
  std::array<bool, 2> rising_{false, false};
  int direction_ = 0;  // +1 forward, −1 backward, 0 not yet established
};

}  // namespace lf::graph
