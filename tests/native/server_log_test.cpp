// The server's request log lines (native/server/request_log.hpp): the exact
// bytes docs/HTTP.md's structured logs promise, written without building a
// JSON object. The truth is the JSON text itself (RFC 8259's escapes, written
// out by hand here) and, for every string the fast path does not take,
// nlohmann's own serialisation of the same members, which the lines were
// produced with before.
#include <doctest/doctest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "server/request_log.hpp"

using lf::server::request_line;
using lf::server::RequestRecord;

namespace {

constexpr std::string_view kTs = "2026-11-22T05:50:00.123Z";

RequestRecord record(std::optional<std::string_view> tenant, int status, double duration_ms) {
  RequestRecord r;
  r.request_id = "log-check-1";
  r.tenant = tenant;
  r.method = "POST";
  r.route = "risk/check";
  r.status = status;
  r.duration_ms = duration_ms;
  return r;
}

// The same members through nlohmann::ordered_json, as the log wrote them.
std::string through_nlohmann(const RequestRecord& r) {
  nlohmann::ordered_json line;
  line["ts"] = kTs;
  line["level"] = r.status >= 500 ? "error" : "info";
  line["request_id"] = r.request_id;
  line["tenant"] = r.tenant ? nlohmann::ordered_json(*r.tenant) : nullptr;
  line["method"] = r.method;
  line["route"] = r.route;
  line["status"] = r.status;
  line["duration_ms"] = std::round(r.duration_ms * 1000) / 1000;
  return line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

TEST_SUITE("server") {
  TEST_CASE("a request's log line: the members in order, compact") {
    CHECK(request_line(record("acme", 200, 0.267), kTs) ==
          R"({"ts":"2026-11-22T05:50:00.123Z","level":"info","request_id":"log-check-1",)"
          R"("tenant":"acme","method":"POST","route":"risk/check","status":200,)"
          R"("duration_ms":0.267})");
  }

  TEST_CASE("level error from 500, a null tenant, durations to the microsecond") {
    const std::string line = request_line(record(std::nullopt, 503, 1.23456789), kTs);
    CHECK(line.find(R"("level":"error")") != std::string::npos);
    CHECK(line.find(R"("tenant":null,)") != std::string::npos);
    CHECK(line.find(R"("status":503,"duration_ms":1.235})") != std::string::npos);
    // JSON numbers as nlohmann writes doubles: a whole number keeps ".0".
    CHECK(request_line(record("acme", 200, 0), kTs).ends_with(R"("duration_ms":0.0})"));
    CHECK(request_line(record("acme", 200, 12), kTs).ends_with(R"("duration_ms":12.0})"));
  }

  TEST_CASE("strings that need escaping or are not UTF-8 come out as JSON requires") {
    // A quote, a backslash, a newline and a control character are escaped;
    // a byte that is not UTF-8 becomes U+FFFD; UTF-8 stays as it is.
    const std::string tenant = "a\"b\\c\n\x01\xff\xc3\xa9";
    const std::string line = request_line(record(tenant, 200, 0.5), kTs);
    CHECK(line.find(R"("tenant":"a\"b\\c\n\u0001)"
                    "\xef\xbf\xbd\xc3\xa9\",") != std::string::npos);
    for (std::string_view odd :
         {std::string_view("\x7f"), std::string_view("tab\there"), std::string_view("\xe2\x82"),
          std::string_view("\"\""), std::string_view("")}) {
      RequestRecord r = record(odd, 200, 0.001);
      r.method = odd;
      r.request_id = odd;
      CHECK(request_line(r, kTs) == through_nlohmann(r));
    }
  }
}
