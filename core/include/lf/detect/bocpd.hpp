// Bayesian online change-point detection (Adams & MacKay 2007) with a
// Normal-Gamma model (unknown mean and variance, Student-t predictive) and a
// constant hazard 1 / lambda: the run-length posterior is
// RunLengthPosterior's (see there for the recursion and the pruning).
//
// Change rule. Let m_t be the most probable run length of at least one sample
// after sample t (ties: the longer run), so the current run most probably
// began at s_t = t - m_t + 1. A change is reported at s_t when the MAP run
// length drops and the new run begins more than `min_separation` samples
// after the last reported change c:
//   m_t < m_{t-1}   and   s_t > c + min_separation   (s_t > 0 before any change).
// (m_t = m_{t-1} + 1 while one run goes on; a drop moves the start later by at
// least two samples.) The separation absorbs the refinements of one change: a
// few samples after a change the MAP often moves the start by 2-5 samples as
// the first samples of the new run are sorted out, and a MAP that returns to
// an older run and drops back must not report the change again. The alert is
// raised at sample t but placed at the change: index s_t, with the timestamp
// of sample s_t; alerts come out at increasing indices, in the order they are
// detected, each at or a few samples after its change's own sample.
//
// Kind `change_point`, severity warning. Score: P(r_t <= m_t), the posterior
// probability that the current run began at s_t or later, i.e. that a change
// happened since s_t.
//
// Defaults are TCPDBench's settings for bocpd (van den Burg & Williams 2020,
// which ran R's ocp): lambda 100, prior mean 0, kappa = alpha = beta = 1,
// truncation 1e-4. That prior suits data of unit scale: the detector expects
// z-scored data, as TCPDBench feeds it, and does not standardise itself (a
// stream has no mean or deviation until it ends); scale the data first, or
// set the prior to the data's scale. max_run_lengths caps the cost; see
// docs/DETECTORS.md for how its default was chosen.
//
// Warm-up: none; the first change can be reported once the MAP run length
// has grown and dropped. Cost: O(kept run lengths) <= O(max_run_lengths) per
// sample, the same memory.
#pragma once

#include <array>
#include <cstddef>

#include "lf/detect/detector.hpp"
#include "lf/detect/run_length_posterior.hpp"

namespace lf::detect {

class BocpdDetector final : public Detector {
 public:
  static constexpr std::string_view kName = "bocpd";
  static constexpr std::string_view kVersion = "1.0.0";
  static const std::array<ParameterSpec, 8> kParameters;

  struct Params {
    double lambda = 100.0;
    NormalGammaPrior prior;
    double truncation = 1e-4;
    std::size_t max_run_lengths = 100;
    std::size_t min_separation = 5;
  };

  // Values in kParameters order, already range-checked by resolve_parameters.
  static Result<Params> params_from(std::span<const double> values);

  explicit BocpdDetector(const Params& params);

  std::string_view name() const noexcept override { return kName; }
  std::string_view version() const noexcept override { return kVersion; }
  ParameterList parameters() const override;

  const RunLengthPosterior& posterior() const noexcept { return posterior_; }

 private:
  void process(std::span<const double> values, std::size_t first_index) override;
  void clear_state() override;

  Params params_;
  RunLengthPosterior posterior_;
  std::size_t previous_map_length_ = 0;  // m_{t-1}; 0 before the first sample
  bool has_change_ = false;
  std::size_t last_change_ = 0;  // index of the last reported change
};

}  // namespace lf::detect
