#include "server/request_log.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

namespace lf::server {

std::string utc_timestamp() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const auto millis = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  const std::time_t seconds = system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  char out[40];
  std::snprintf(out, sizeof out, "%s.%03dZ", text, static_cast<int>(millis));
  return out;
}

void RequestLog::request(const RequestRecord& record) {
  nlohmann::ordered_json line;
  line["ts"] = utc_timestamp();
  line["level"] = record.status >= 500 ? "error" : "info";
  line["request_id"] = record.request_id;
  line["tenant"] = record.tenant ? nlohmann::ordered_json(*record.tenant) : nullptr;
  line["method"] = record.method;
  line["route"] = record.route;
  line["status"] = record.status;
  // Microsecond resolution is plenty and keeps the lines short.
  line["duration_ms"] = std::round(record.duration_ms * 1000) / 1000;
  write(line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

void RequestLog::event(std::string_view level, std::string_view event,
                       const std::vector<std::pair<std::string, std::string>>& fields) {
  nlohmann::ordered_json line;
  line["ts"] = utc_timestamp();
  line["level"] = level;
  line["event"] = event;
  for (const auto& [key, value] : fields) line[key] = value;
  write(line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

void RequestLog::write(std::string line) {
  line += '\n';
  std::lock_guard lock(mutex_);
  // Unbuffered: a line is out before the request's answer, even if the
  // process is killed right after.
  for (std::size_t done = 0; done < line.size();) {
    const ssize_t written = ::write(fd_, line.data() + done, line.size() - done);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return;  // nowhere to log to: the server goes on
    done += static_cast<std::size_t>(written);
  }
}

}  // namespace lf::server
