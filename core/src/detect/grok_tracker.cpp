#include "lf/detect/grok_tracker.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lf::detect {

std::string_view to_string(GrokState state) noexcept {
  switch (state) {
    case GrokState::exploring: return "exploring";
    case GrokState::stuck: return "stuck";
    case GrokState::grokked: return "grokked";
  }
  return "exploring";
}

GrokTracker::GrokTracker(const GrokParams& params)
    : params_(params),
      weight_(2.0 / (static_cast<double>(params.smoothing_span) + 1.0)),
      recent_(params.stuck_window) {}

void GrokTracker::reset() {
  tokens_ = 0;
  first_pass_ = smoothed_ = 0.0;
  previous_[0] = previous_[1] = 0.0;
  state_ = GrokState::exploring;
  event_.reset();
  start_phase(0.0);
  recent_.clear();
  low_streak_ = 0;
}

void GrokTracker::start_phase(double smoothed) noexcept {
  phase_tokens_ = 0;
  peak_ = smoothed;
  curvature_squares_ = 0.0;
  curvature_count_ = 0;
  onset_.reset();
  onset_sharpness_ = 0.0;
}

double GrokTracker::low_level() const noexcept {
  return std::max(params_.low_ratio * peak_, params_.entropy_floor);
}

double GrokTracker::midpoint() const noexcept {
  return (low_level() + peak_) / 2.0;
}

bool GrokTracker::should_early_stop() const noexcept {
  return state_ == GrokState::grokked && low_streak_ >= params_.confirm_tokens;
}

TokenMetrics GrokTracker::push(double entropy) {
  event_.reset();
  if (tokens_ == 0) {
    first_pass_ = smoothed_ = entropy;
    start_phase(entropy);
  } else {
    first_pass_ += weight_ * (entropy - first_pass_);
    smoothed_ += weight_ * (first_pass_ - smoothed_);
  }
  const double curvature = tokens_ >= 2 ? smoothed_ - 2.0 * previous_[0] + previous_[1]
                                        : std::numeric_limits<double>::quiet_NaN();
  recent_.push(smoothed_);
  ++phase_tokens_;

  if (state_ == GrokState::grokked) {
    // Back above the midpoint between the low level and the peak: a new
    // exploratory phase begins here.
    if (smoothed_ > midpoint()) {
      state_ = GrokState::exploring;
      start_phase(smoothed_);
      phase_tokens_ = 1;
    }
  } else {
    update_exploring(smoothed_, curvature);
  }
  low_streak_ = state_ == GrokState::grokked && smoothed_ <= low_level() ? low_streak_ + 1 : 0;

  const TokenMetrics metrics{tokens_, entropy, smoothed_, curvature, state_};
  previous_[1] = previous_[0];
  previous_[0] = smoothed_;
  ++tokens_;
  return metrics;
}

void GrokTracker::update_exploring(double smoothed, double curvature) {
  peak_ = std::max(peak_, smoothed);
  const bool judged = peak_ > params_.entropy_floor;
  // A later sharp start replaces a pending one: the fall is timed from the
  // latest, so noise that looked sharp earlier cannot use up its deadline.
  if (judged && phase_tokens_ >= params_.min_exploration && curvature_count_ > 0 &&
      !std::isnan(curvature)) {
    const double rms = std::sqrt(curvature_squares_ / static_cast<double>(curvature_count_));
    // The fall must start from the exploratory level (above the midpoint
    // between the low level and the peak), not from a slow drift already
    // near the bottom.
    const bool sharp = curvature <= -params_.curvature_threshold * peak_ &&
                       curvature <= -params_.curvature_z * rms && smoothed < previous_[0] &&
                       smoothed > midpoint();
    if (sharp) {
      onset_ = tokens_;
      onset_sharpness_ = -curvature / peak_;
    }
  }
  // The curvature's own fluctuation is learnt from the phase before any
  // onset, so the fall being judged does not raise the bar it must clear.
  if (!onset_ && !std::isnan(curvature)) {
    curvature_squares_ += curvature * curvature;
    ++curvature_count_;
  }
  if (onset_) {
    if (smoothed <= low_level()) {
      state_ = GrokState::grokked;
      event_ = GrokEvent{"grokked", Severity::info, onset_sharpness_};
      onset_.reset();
      return;
    }
    // A sharp start that has not fallen to the low level in a stuck window
    // was noise.
    if (tokens_ - *onset_ >= params_.stuck_window) onset_.reset();
  }
  const GrokState next = judged && stuck(smoothed) ? GrokState::stuck : GrokState::exploring;
  if (next == GrokState::stuck && state_ != GrokState::stuck) {
    event_ = GrokEvent{"stuck", Severity::warning, smoothed};
  }
  state_ = next;
}

bool GrokTracker::stuck(double smoothed) const noexcept {
  if (phase_tokens_ < params_.stuck_window || smoothed <= low_level()) return false;
  const std::size_t n = recent_.size();
  const std::size_t earlier = n / 2;
  double earlier_sum = 0.0;
  double later_sum = 0.0;
  for (std::size_t i = 0; i < earlier; ++i) earlier_sum += recent_[i];
  for (std::size_t i = earlier; i < n; ++i) later_sum += recent_[i];
  const double change =
      later_sum / static_cast<double>(n - earlier) - earlier_sum / static_cast<double>(earlier);
  return std::fabs(change) <= params_.stuck_tolerance * peak_;
}

}  // namespace lf::detect
