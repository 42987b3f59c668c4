// A Server-Sent Events client for the desktop dashboard's live feed (the
// browser has EventSource; the desktop uses cpp-httplib on a thread of its
// own). Messages are queued and handed to the UI thread by poll(), so the UI
// never blocks on the network. Follows the SSE rules the dashboard needs:
// `event:` names (default "message"), multi-line `data:`, `id:` resent as
// Last-Event-ID when it reconnects after a dropped connection.
#pragma once

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lf::desktop {

struct SseEvent {
  std::string type;  // "message" when the server named none
  std::string data;
};

enum class SseState { connecting, open, failed, closed };

struct SseUpdate {
  std::vector<SseEvent> events;
  SseState state;
  std::string detail;  // why it failed, or "reconnecting"
};

class SseClient {
 public:
  // http(s)://host[:port]/path
  explicit SseClient(std::string url);
  ~SseClient();  // stops the connection and joins the thread
  SseClient(const SseClient&) = delete;
  SseClient& operator=(const SseClient&) = delete;

  // The events received since the last call, and the connection's state.
  SseUpdate poll();

 private:
  void run();
  void consume(const char* data, std::size_t size);
  void set_state(SseState state, std::string detail);

  std::string url_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::deque<SseEvent> queue_;
  SseState state_ = SseState::connecting;
  std::string detail_;
  // Parser state (the network thread only).
  std::string line_buffer_, event_type_, event_data_, last_event_id_;
  std::shared_ptr<void> client_;  // the open httplib::Client, for stop()
  std::thread thread_;
};

}  // namespace lf::desktop
