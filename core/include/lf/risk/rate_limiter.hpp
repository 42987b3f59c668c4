// The order submit rate limit: at most N submits within any `interval`
// seconds. Beyond it an order is denied, never queued (a queued order would
// reach the venue later, at a price nobody checked). Time is the caller's,
// so the limiter is deterministic and replayable.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace lf::risk {

class SubmitRateLimiter {
 public:
  // max_submits >= 1, interval > 0 (RiskLimits' validate checks them).
  SubmitRateLimiter(std::size_t max_submits, double interval);

  // Whether a submit at `now` keeps every window of `interval` seconds at
  // or under max_submits: the N-th latest submit is at least `interval` ago.
  bool permits(double now) const noexcept;
  // Counts a submit at `now` (not before last()).
  void record(double now);
  // The latest recorded submit.
  std::optional<double> last() const noexcept;

 private:
  std::size_t max_submits_;
  double interval_;
  std::vector<double> ring_;  // the latest max_submits submits
  std::size_t next_ = 0;      // where the next one goes (the oldest when full)
};

}  // namespace lf::risk
