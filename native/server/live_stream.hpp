// The live stream's two HTTP ends (docs/HTTP.md, "Live stream"):
//
// POST /v1/ingest {"values": [number...], "timestamps"?: [number...]}
//   -> 200 {"accepted", "first_index", "last_event_id"}; errors as the detect
//   route's (json_parse_error, schema_error, and 422 for empty, mismatched,
//   non-finite or non-increasing input; nothing is taken then).
//
// GET /v1/stream: text/event-stream. Starts after `Last-Event-ID` when the
// client sends one (every event after it still held, then live ones; an id
// beyond the latest, from before a restart, starts at the live edge), else
// at the live edge. A comment line every 15 s keeps idle connections alive
// and finds clients that left. The stream ends when the server shuts down.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "lf/api/dispatch.hpp"
#include "server/event_hub.hpp"
#include "server/stream_pipeline.hpp"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace lf::server {

api::Response ingest(StreamPipeline& pipeline, std::string_view body);

// Makes `response` the event stream; `on_end` runs once when it ends (the
// client left or the hub closed), for the request's log line.
void open_stream(EventHub& hub, const httplib::Request& request, httplib::Response& response,
                 std::function<void()> on_end);

}  // namespace lf::server
