// Software debounce of one binary input: a new level counts only once the
// input has read that level, without change, for the whole hold time. A
// contact that bounces (opens and closes again) within the hold time never
// changes the debounced level.
//
// Time is whatever monotonic clock the caller reads; the debouncer only
// compares differences. Readings are samples: a bounce that starts and ends
// between two readings is not seen at all, which is what debouncing wants.
#pragma once

#include <chrono>
#include <optional>

namespace lf::gpio {

class Debouncer {
 public:
  using Time = std::chrono::nanoseconds;

  // The debounced level starts at `initial`, as if stable forever.
  Debouncer(Time hold, bool initial) : hold_(hold), stable_(initial), last_(initial) {}

  // Feeds one reading taken at `now` (never before the previous reading's
  // time); true when the debounced level changed with it.
  bool update(bool reading, Time now);

  bool stable() const noexcept { return stable_; }
  bool last_reading() const noexcept { return last_; }

  // When the last reading, if it differs from the debounced level, will have
  // held long enough to become it (the caller reads again then); nullopt
  // when nothing is pending.
  std::optional<Time> settle_time() const;

 private:
  Time hold_;
  bool stable_;
  bool last_;
  Time last_changed_{0};
};

}  // namespace lf::gpio
