#include "server/live_stream.hpp"

#include <httplib.h>

#include <charconv>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace lf::server {
namespace {

using Json = nlohmann::json;

constexpr auto kKeepAliveComment = std::chrono::seconds(15);

api::Response failure(ErrorCode code, const std::string& message) {
  return {api::http_status(code), api::error_body({code, message})};
}

// An array of numbers; null entries are NaN, as the detect route reads them
// (and then refuses them as non-finite).
Result<std::vector<double>> numbers(const Json& value, const std::string& path) {
  if (!value.is_array()) return make_error(ErrorCode::schema_error, path + " must be an array");
  std::vector<double> out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    const Json& item = value[i];
    if (item.is_null()) {
      out.push_back(std::numeric_limits<double>::quiet_NaN());
    } else if (item.is_number()) {
      out.push_back(item.get<double>());
    } else {
      return make_error(ErrorCode::schema_error,
                        path + "[" + std::to_string(i) + "] must be a number");
    }
  }
  return out;
}

std::uint64_t resume_point(const EventHub& hub, const httplib::Request& request) {
  const std::uint64_t latest = hub.last_id();
  if (!request.has_header("Last-Event-ID")) return latest;
  const std::string text = request.get_header_value("Last-Event-ID");
  std::uint64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size() || id > latest) return latest;
  return id;
}

}  // namespace

api::Response ingest(StreamPipeline& pipeline, std::string_view body) {
  const Json request =
      body.empty() ? Json::object() : Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (request.is_discarded()) {
    return failure(ErrorCode::json_parse_error, "request body is not valid JSON");
  }
  if (!request.is_object()) return failure(ErrorCode::schema_error, "request must be an object");
  for (auto it = request.begin(); it != request.end(); ++it) {
    if (it.key() != "values" && it.key() != "timestamps") {
      return failure(ErrorCode::schema_error, "request has an unknown member '" + it.key() +
                                                  "' (allowed: values, timestamps)");
    }
  }
  const auto values_node = request.find("values");
  if (values_node == request.end()) {
    return failure(ErrorCode::schema_error, "request.values is required");
  }
  auto values = numbers(*values_node, "values");
  if (!values) return failure(values.error().code, values.error().message);
  std::vector<double> timestamps;
  if (const auto node = request.find("timestamps"); node != request.end()) {
    auto parsed = numbers(*node, "timestamps");
    if (!parsed) return failure(parsed.error().code, parsed.error().message);
    timestamps = std::move(*parsed);
  }
  auto receipt = pipeline.push(*values, timestamps);
  if (!receipt) return failure(receipt.error().code, receipt.error().message);
  const Json answer = {{"accepted", receipt->samples},
                       {"first_index", receipt->first_index},
                       {"last_event_id", receipt->last_event_id}};
  return {200, answer.dump()};
}

void open_stream(EventHub& hub, const httplib::Request& request, httplib::Response& response,
                 std::function<void()> on_end) {
  response.status = 200;
  response.set_header("Cache-Control", "no-cache");
  response.set_header("X-Accel-Buffering", "no");
  auto cursor = std::make_shared<std::uint64_t>(resume_point(hub, request));
  response.set_chunked_content_provider(
      "text/event-stream",
      [&hub, cursor](std::size_t, httplib::DataSink& sink) {
        const auto events = hub.wait_after(*cursor, kKeepAliveComment);
        if (hub.closed()) {
          sink.done();
          return true;
        }
        std::string frames;
        for (const auto& event : events) {
          frames += sse_frame(event);
          *cursor = event.id;
        }
        if (frames.empty()) frames = ": keep-alive\n\n";
        return sink.write(frames.data(), frames.size());
      },
      [on_end = std::move(on_end)](bool) { on_end(); });
}

}  // namespace lf::server
