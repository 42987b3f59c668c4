// Structured logs: one JSON object per line on stderr. Every answered
// request gets one line with exactly these members:
//   {"ts","level","request_id","tenant","method","route","status","duration_ms"}
// and the server's own events (start, shutdown, failures) one line each
// with "ts", "level", "event" and the event's fields. Nothing logged ever
// comes from a credential header: keys, secrets and signatures never reach
// this file.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lf::server {

struct RequestRecord {
  std::string_view request_id;
  std::optional<std::string_view> tenant;  // null when the request did not authenticate
  std::string_view method;
  std::string_view route;  // the metrics label (docs/HTTP.md)
  int status = 0;
  double duration_ms = 0;
};

class RequestLog {
 public:
  // `fd`: where the lines go (default stderr).
  explicit RequestLog(int fd = 2) : fd_(fd) {}

  void request(const RequestRecord& record);
  // level: "info", "warn" or "error"; fields are string members.
  void event(std::string_view level, std::string_view event,
             const std::vector<std::pair<std::string, std::string>>& fields = {});

 private:
  void write(std::string line);

  int fd_;
  std::mutex mutex_;  // one line per write(2), never two interleaved
};

// UTC, milliseconds: 2026-11-22T05:50:00.123Z.
std::string utc_timestamp();

// The line RequestLog::request writes for `record` at time `ts` (without its
// newline): the compact JSON nlohmann::ordered_json writes for those members
// in that order (invalid UTF-8 replaced, duration_ms rounded to the
// microsecond), byte for byte, built without the intermediate JSON object:
// ~1 us a line instead of ~6 us, on a request that costs the server ~60 us.
std::string request_line(const RequestRecord& record, std::string_view ts);

}  // namespace lf::server
