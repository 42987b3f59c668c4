#include "server/request_log.hpp"

#include <unistd.h>

#include <algorithm>
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

namespace {

// A JSON string as nlohmann writes it. Printable ASCII other than the quote
// and the backslash is written as it is (request ids, routes, methods and
// tenant names almost always are); anything else goes through nlohmann.
void append_json_string(std::string& out, std::string_view text) {
  const bool verbatim = std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
  });
  if (!verbatim) {
    out += nlohmann::json(std::string(text))
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  out += '"';
  out += text;
  out += '"';
}

}  // namespace

std::string request_line(const RequestRecord& record, std::string_view ts) {
  std::string line;
  line.reserve(224);
  line += "{\"ts\":";
  append_json_string(line, ts);
  line += record.status >= 500 ? ",\"level\":\"error\"" : ",\"level\":\"info\"";
  line += ",\"request_id\":";
  append_json_string(line, record.request_id);
  line += ",\"tenant\":";
  if (record.tenant) {
    append_json_string(line, *record.tenant);
  } else {
    line += "null";
  }
  line += ",\"method\":";
  append_json_string(line, record.method);
  line += ",\"route\":";
  append_json_string(line, record.route);
  line += ",\"status\":";
  line += std::to_string(record.status);
  // Microsecond resolution is plenty and keeps the lines short; nlohmann
  // writes the number (shortest round trip, "0.0" for zero).
  line += ",\"duration_ms\":";
  line += nlohmann::json(std::round(record.duration_ms * 1000) / 1000).dump();
  line += '}';
  return line;
}

void RequestLog::request(const RequestRecord& record) {
  write(request_line(record, utc_timestamp()));
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
