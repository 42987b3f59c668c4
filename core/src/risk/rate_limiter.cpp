#include "lf/risk/rate_limiter.hpp"

namespace lf::risk {

SubmitRateLimiter::SubmitRateLimiter(std::size_t max_submits, double interval)
    : max_submits_(max_submits), interval_(interval) {
  ring_.reserve(max_submits);
}

bool SubmitRateLimiter::permits(double now) const noexcept {
  if (ring_.size() < max_submits_) return true;
  return now - ring_[next_] >= interval_;
}

void SubmitRateLimiter::record(double now) {
  if (ring_.size() < max_submits_) {
    ring_.push_back(now);
    next_ = ring_.size() == max_submits_ ? 0 : ring_.size();
    return;
  }
  ring_[next_] = now;
  next_ = (next_ + 1) % max_submits_;
}

std::optional<double> SubmitRateLimiter::last() const noexcept {
  if (ring_.empty()) return std::nullopt;
  const std::size_t latest = (next_ + ring_.size() - 1) % ring_.size();
  return ring_[latest];
}

}  // namespace lf::risk
