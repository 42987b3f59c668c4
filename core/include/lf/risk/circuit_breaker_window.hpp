// The sliding window a circuit breaker judges its calls over, with O(1)
// snapshots (resilience4j's FixedSizeSlidingWindowMetrics and
// SlidingTimeWindowMetrics): a ring of buckets plus running totals.
// Recording adds to the head bucket and to the totals; evicting a bucket
// subtracts it from the totals; a snapshot is the totals, never a scan.
//
//   count-based  one bucket per call: the ring holds the last `size` calls.
//   time-based   one bucket per `bucket_duration` of the caller's clock
//                (bucket k covers [k * d, (k + 1) * d)): the ring holds the
//                current, partial period and the `size - 1` before it.
//                Moving to a later period evicts the buckets that fell out,
//                at most `size` of them, whatever the gap.
//
// A timestamp earlier than the newest one seen (a clock that went back)
// counts in the newest bucket. Not synchronised: the breaker serialises
// access.
#pragma once

#include <cstdint>
#include <vector>

#include "lf/risk/circuit_breaker_config.hpp"

namespace lf::risk {

// A completed call: failed or not, slow or not (slower than the breaker's
// slow_call_duration_threshold).
enum class CallKind : std::uint8_t { success, failure, slow_success, slow_failure };

struct WindowCounts {
  std::uint64_t calls = 0;
  std::uint64_t failed = 0;       // failure + slow_failure
  std::uint64_t slow = 0;         // slow_success + slow_failure
  std::uint64_t slow_failed = 0;  // slow_failure

  friend bool operator==(const WindowCounts&, const WindowCounts&) = default;
};

class SlidingWindow {
 public:
  static SlidingWindow count_based(std::uint32_t size);
  static SlidingWindow time_based(std::uint32_t size, Nanos bucket_duration);

  // Adds a call that completed at `now`; returns the totals after it.
  const WindowCounts& record(CallKind kind, Nanos now);
  // The totals at `now` (time-based: the periods that ended are evicted).
  const WindowCounts& snapshot(Nanos now);
  // Forgets every call.
  void clear();

  std::uint32_t size() const noexcept { return size_; }

 private:
  SlidingWindow(std::uint32_t size, Nanos bucket_duration);
  void add(WindowCounts& counts, CallKind kind) const;
  void evict(const WindowCounts& bucket);
  void move_to_period(Nanos now);

  std::uint32_t size_;
  Nanos bucket_duration_;  // 0 for count-based windows
  std::vector<WindowCounts> buckets_;
  WindowCounts totals_;
  std::uint32_t head_ = 0;        // the bucket being filled
  std::int64_t head_period_ = 0;  // time-based: the period of buckets_[head_]
  Nanos head_end_ = 0;            // time-based: where that period ends
  bool has_period_ = false;       // time-based: head_period_ is set
};

}  // namespace lf::risk
