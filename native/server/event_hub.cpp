#include "server/event_hub.hpp"

#include <algorithm>

namespace lf::server {

std::string sse_frame(const StreamEvent& event) {
  std::string frame = "id: " + std::to_string(event.id) + "\nevent: " + event.type + "\ndata: ";
  frame += event.data;
  frame += "\n\n";
  return frame;
}

void EventHub::publish(std::vector<StreamEvent> events) {
  if (events.empty()) return;
  {
    std::lock_guard lock(mutex_);
    for (auto& event : events) {
      event.id = ++last_id_;
      held_.push_back(std::move(event));
    }
    while (held_.size() > kHeld) held_.pop_front();
  }
  changed_.notify_all();
}

std::vector<StreamEvent> EventHub::wait_after(std::uint64_t after,
                                              std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return closed_ || last_id_ > after; });
  std::vector<StreamEvent> out;
  if (closed_) return out;
  // Held ids ascend, so the first event after `after` is found by bisection.
  const auto first =
      std::upper_bound(held_.begin(), held_.end(), after,
                       [](std::uint64_t id, const StreamEvent& event) { return id < event.id; });
  out.assign(first, held_.end());
  return out;
}

std::uint64_t EventHub::last_id() const {
  std::lock_guard lock(mutex_);
  return last_id_;
}

void EventHub::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
}

bool EventHub::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

}  // namespace lf::server
