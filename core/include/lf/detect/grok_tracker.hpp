// Micro-grokking from a stream of per-token entropies (design seed 000 §4.1,
// §5.2): does an LLM generation move from exploration (high, wandering
// entropy) to exploitation (a sharp fall to low entropy), or is it stuck?
//
// Per token t, with H_t the entropy (nats):
//   S_t  smoothed entropy: two cascaded exponential moving averages, weight
//        a = 2 / (smoothing_span + 1) each. A second difference amplifies
//        token-to-token noise; the second pass divides the curvature's noise
//        by four at span 5 (0.56 -> 0.14 of the entropy noise) for a
//        delay of a few tokens;
//   c_t  curvature d2S/dt2: the central second difference
//        S_t - 2 S_{t-1} + S_{t-2}, centred on token t-1 (one token of
//        latency); undefined for the first two tokens;
//   P    the exploration peak: the largest S_t of the current exploratory
//        phase; thresholds are relative to it, so they do not depend on the
//        vocabulary size.
// States:
//   exploring  the default;
//   grokked    exploration turned into exploitation: a sharp fall began
//              while S was still above the midpoint between the low level
//              and P (c_t <= -curvature_threshold * P, c_t at least
//              curvature_z RMS curvatures of the phase below zero, S falling,
//              at least min_exploration tokens into the phase), and S then
//              reached the low level max(low_ratio * P, entropy_floor) within
//              stuck_window tokens of the latest such start. The fall is the
//              real test: noise that looks sharp but does not fall that far
//              is forgotten, and a slow drift never starts from above the
//              midpoint close enough to the bottom. The `grokked` event is
//              raised when the low level is reached;
//   stuck      exploring without progress: over the last stuck_window tokens
//              the mean S of the later half is within stuck_tolerance * P of
//              the earlier half (flat, or oscillating about a level) while S
//              is above the low level. The `stuck` event is raised on entry.
// A grokked generation relapses into a new exploratory phase (P and the
// curvature RMS restart) when S climbs back above the midpoint between the
// low level and P.
// should_early_stop(): grokked, and S has stayed at or below the low level for
// confirm_tokens consecutive tokens. The adaptive-compute rule: once the
// model has committed and stayed committed, further sampling (more reasoning
// tokens, more candidates) buys little; stop and spend the compute elsewhere.
// Nothing is judged while P <= entropy_floor: a generation that is confident
// from the start has no exploration to leave.
// Cost: O(1) per token, O(stuck_window) memory.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "lf/detect/alert.hpp"
#include "lf/signal/ring_buffer.hpp"

namespace lf::detect {

enum class GrokState { exploring, stuck, grokked };

std::string_view to_string(GrokState state) noexcept;

struct TokenMetrics {
  std::size_t index;        // 0-based token position
  double entropy;           // H_t, nats
  double smoothed_entropy;  // S_t
  double curvature;         // c_t; NaN for the first two tokens
  GrokState state;
};

// A state entered at this token that deserves an alert.
struct GrokEvent {
  std::string_view kind;  // "grokked" or "stuck"
  Severity severity;      // info for grokked, warning for stuck
  double score;           // grokked: -c/P at the onset; stuck: S_t (nats)
};

// Defaults: docs/DETECTORS.md has the synthetic-trace measurements behind
// them (sharp falls found in >= 96% of noisy traces, none on flat noise).
struct GrokParams {
  std::size_t smoothing_span = 5;
  std::size_t min_exploration = 16;
  double curvature_threshold = 0.001;
  double curvature_z = 1.0;
  double low_ratio = 0.5;
  std::size_t confirm_tokens = 8;
  std::size_t stuck_window = 48;
  double stuck_tolerance = 0.02;
  double entropy_floor = 0.1;
};

class GrokTracker {
 public:
  explicit GrokTracker(const GrokParams& params);

  // Consumes the next token's entropy (finite; the caller checks).
  TokenMetrics push(double entropy);
  // The event the last push raised, if any.
  const std::optional<GrokEvent>& event() const noexcept { return event_; }
  GrokState state() const noexcept { return state_; }
  bool should_early_stop() const noexcept;
  std::size_t tokens() const noexcept { return tokens_; }
  const GrokParams& params() const noexcept { return params_; }
  void reset();

 private:
  double low_level() const noexcept;
  double midpoint() const noexcept;  // between the low level and the peak
  void start_phase(double smoothed) noexcept;
  void update_exploring(double smoothed, double curvature);
  bool stuck(double smoothed) const noexcept;

  GrokParams params_;
  double weight_;  // a
  std::size_t tokens_ = 0;
  double first_pass_ = 0.0;
  double smoothed_ = 0.0;            // S_t
  double previous_[2] = {0.0, 0.0};  // S_{t-1}, S_{t-2}
  GrokState state_ = GrokState::exploring;
  std::optional<GrokEvent> event_;

  // The current exploratory phase.
  std::size_t phase_tokens_ = 0;
  double peak_ = 0.0;
  double curvature_squares_ = 0.0;  // sum of c^2 over the phase (before any onset)
  std::size_t curvature_count_ = 0;
  std::optional<std::size_t> onset_;  // tokens_ at a sharp start awaiting the fall
  double onset_sharpness_ = 0.0;      // -c/P there

  signal::RingBuffer<double> recent_;  // the last stuck_window values of S

  std::size_t low_streak_ = 0;
};

}  // namespace lf::detect
