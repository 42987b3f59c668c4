// The live stream's events (docs/HTTP.md, "Live stream"): numbered from 1,
// the last 10,000 held for clients that reconnect with Last-Event-ID, and
// every waiting client woken when new ones arrive or the hub closes (the
// server is shutting down).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace lf::server {

struct StreamEvent {
  std::uint64_t id;
  std::string type;  // "sample" or "alert"
  std::string data;  // one line of JSON
};

// The event as it goes on the wire: id, event and data lines, a blank line.
std::string sse_frame(const StreamEvent& event);

class EventHub {
 public:
  static constexpr std::size_t kHeld = 10'000;

  // Appends events in order, giving each the next id.
  void publish(std::vector<StreamEvent> events);

  // Events after `after` still held, waiting up to `timeout` for one when
  // there are none yet; empty after the timeout or once closed.
  std::vector<StreamEvent> wait_after(std::uint64_t after, std::chrono::milliseconds timeout);

  // The id of the latest event (0 before the first).
  std::uint64_t last_id() const;

  // Wakes every waiter for good.
  void close();
  bool closed() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<StreamEvent> held_;
  std::uint64_t last_id_ = 0;
  bool closed_ = false;
};

}  // namespace lf::server
