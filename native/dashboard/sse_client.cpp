#include "sse_client.hpp"

#include <httplib.h>

#include <chrono>

namespace lf::desktop {
namespace {

constexpr auto kRetryDelay = std::chrono::seconds(2);

// "scheme://host[:port]" and "/path?query" of a URL.
bool split_url(const std::string& url, std::string& origin, std::string& path) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return false;
  const auto path_start = url.find('/', scheme_end + 3);
  origin = url.substr(0, path_start);
  path = path_start == std::string::npos ? "/" : url.substr(path_start);
  return origin.size() > scheme_end + 3;
}

}  // namespace

SseClient::SseClient(std::string url) : url_(std::move(url)) {
  thread_ = std::thread([this] { run(); });
}

SseClient::~SseClient() {
  stopping_ = true;
  {
    std::lock_guard lock(mutex_);
    if (client_) static_cast<httplib::Client*>(client_.get())->stop();
  }
  thread_.join();
}

SseUpdate SseClient::poll() {
  std::lock_guard lock(mutex_);
  SseUpdate update{{queue_.begin(), queue_.end()}, state_, detail_};
  queue_.clear();
  return update;
}

void SseClient::set_state(SseState state, std::string detail) {
  std::lock_guard lock(mutex_);
  state_ = state;
  detail_ = std::move(detail);
}

// The SSE line protocol: a blank line dispatches the event gathered so far.
void SseClient::consume(const char* data, std::size_t size) {
  line_buffer_.append(data, size);
  std::size_t start = 0;
  for (std::size_t end; (end = line_buffer_.find('\n', start)) != std::string::npos;
       start = end + 1) {
    std::string line = line_buffer_.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (!event_data_.empty()) {
        event_data_.pop_back();  // the newline after the last data line
        std::lock_guard lock(mutex_);
        queue_.push_back({event_type_.empty() ? "message" : event_type_, std::move(event_data_)});
      }
      event_type_.clear();
      event_data_.clear();
      continue;
    }
    if (line.front() == ':') continue;  // a comment (keep-alive)
    const auto colon = line.find(':');
    const std::string field = line.substr(0, colon);
    std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.erase(0, 1);
    if (field == "event") event_type_ = value;
    if (field == "data") event_data_ += value + "\n";
    if (field == "id") last_event_id_ = value;
  }
  line_buffer_.erase(0, start);
}

void SseClient::run() {
  std::string origin, path;
  if (!split_url(url_, origin, path)) {
    set_state(SseState::failed, "not an http(s) URL: " + url_);
    return;
  }
  while (!stopping_) {
    auto client = std::make_shared<httplib::Client>(origin);
    if (!client->is_valid()) {
      set_state(SseState::failed, "cannot open " + origin);
      return;
    }
    client->set_connection_timeout(std::chrono::seconds(5));
    client->set_read_timeout(std::chrono::seconds(60));
    {
      std::lock_guard lock(mutex_);
      client_ = client;
    }
    httplib::Headers headers{{"Accept", "text/event-stream"}};
    if (!last_event_id_.empty()) headers.emplace("Last-Event-ID", last_event_id_);
    line_buffer_.clear();
    int status = 0;
    auto result = client->Get(
        path, headers,
        [&](const httplib::Response& response) {
          status = response.status;
          if (status == 200) set_state(SseState::open, "");
          return status == 200;
        },
        [&](const char* data, std::size_t size) {
          consume(data, size);
          return !stopping_.load();
        });
    {
      std::lock_guard lock(mutex_);
      client_.reset();
    }
    if (stopping_) break;
    // A refusal (4xx/5xx) is final; a dropped connection is retried.
    if (status != 0 && status != 200) {
      set_state(SseState::failed, "HTTP " + std::to_string(status) + " from " + url_);
      return;
    }
    set_state(
        SseState::connecting,
        result ? "reconnecting" : "reconnecting (" + httplib::to_string(result.error()) + ")");
    for (auto waited = std::chrono::milliseconds(0); waited < kRetryDelay && !stopping_;
         waited += std::chrono::milliseconds(100)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  set_state(SseState::closed, "");
}

}  // namespace lf::desktop
