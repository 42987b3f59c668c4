#include "lf/risk/circuit_breaker_window.hpp"

#include <cstdint>

namespace lf::risk {
namespace {

// floor(a / b) for b > 0, also for negative a.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

}  // namespace

SlidingWindow::SlidingWindow(std::uint32_t size, Nanos bucket_duration)
    : size_(size), bucket_duration_(bucket_duration), buckets_(size) {}

SlidingWindow SlidingWindow::count_based(std::uint32_t size) {
  return SlidingWindow(size, 0);
}

SlidingWindow SlidingWindow::time_based(std::uint32_t size, Nanos bucket_duration) {
  return SlidingWindow(size, bucket_duration);
}

void SlidingWindow::add(WindowCounts& counts, CallKind kind) const {
  counts.calls += 1;
  const bool failed = kind == CallKind::failure || kind == CallKind::slow_failure;
  const bool slow = kind == CallKind::slow_success || kind == CallKind::slow_failure;
  counts.failed += failed ? 1 : 0;
  counts.slow += slow ? 1 : 0;
  counts.slow_failed += (failed && slow) ? 1 : 0;
}

void SlidingWindow::evict(const WindowCounts& bucket) {
  totals_.calls -= bucket.calls;
  totals_.failed -= bucket.failed;
  totals_.slow -= bucket.slow;
  totals_.slow_failed -= bucket.slow_failed;
}

void SlidingWindow::move_to_period(Nanos now) {
  // Most calls land in the head's period (or before it: a clock that went
  // back): one comparison instead of a 64-bit division.
  if (has_period_ && now < head_end_) return;
  const std::int64_t period = floor_div(now, bucket_duration_);
  head_end_ = period >= INT64_MAX / bucket_duration_ ? INT64_MAX : (period + 1) * bucket_duration_;
  if (!has_period_) {
    head_period_ = period;
    has_period_ = true;
    return;
  }
  // Past `size` periods every bucket has expired: no need to visit more.
  const std::uint64_t gap =
      static_cast<std::uint64_t>(period) - static_cast<std::uint64_t>(head_period_);
  const std::uint32_t steps = gap < size_ ? static_cast<std::uint32_t>(gap) : size_;
  for (std::uint32_t i = 0; i < steps; ++i) {
    head_ = head_ + 1 == size_ ? 0 : head_ + 1;
    evict(buckets_[head_]);
    buckets_[head_] = {};
  }
  head_period_ = period;
}

const WindowCounts& SlidingWindow::record(CallKind kind, Nanos now) {
  if (bucket_duration_ == 0) {
    // Count-based: the call takes the oldest call's bucket.
    head_ = head_ + 1 == size_ ? 0 : head_ + 1;
    evict(buckets_[head_]);
    buckets_[head_] = {};
  } else {
    move_to_period(now);
  }
  add(buckets_[head_], kind);
  add(totals_, kind);
  return totals_;
}

const WindowCounts& SlidingWindow::snapshot(Nanos now) {
  if (bucket_duration_ != 0) move_to_period(now);
  return totals_;
}

void SlidingWindow::clear() {
  for (auto& bucket : buckets_) bucket = {};
  totals_ = {};
  head_ = 0;
  head_period_ = 0;
  head_end_ = 0;
  has_period_ = false;
}

}  // namespace lf::risk
