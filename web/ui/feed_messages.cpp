#include "ui/feed_messages.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

namespace lf::ui {
namespace {

using nlohmann::json;

Result<double> finite_number(const json& node, const std::string& where) {
  if (!node.is_number()) return make_error(ErrorCode::schema_error, where + " must be a number");
  const double value = node.get<double>();
  if (!std::isfinite(value)) {
    return make_error(ErrorCode::non_finite_value, where + " is not finite");
  }
  return value;
}

Status read_sample(const json& node, const std::string& where, std::vector<FeedSample>& out) {
  if (!node.is_object()) return make_error(ErrorCode::schema_error, where + " must be an object");
  std::optional<double> timestamp;
  for (const char* key : {"t", "timestamp"}) {
    if (!node.contains(key)) continue;
    auto t = finite_number(node[key], where + "." + key);
    if (!t) return std::move(t).error();
    timestamp = *t;
  }
  if (node.contains("values")) {
    const json& values = node["values"];
    if (!values.is_object() || values.empty()) {
      return make_error(ErrorCode::schema_error,
                        where + ".values must be a non-empty object of series -> number");
    }
    for (auto it = values.begin(); it != values.end(); ++it) {
      auto value = finite_number(it.value(), where + ".values." + it.key());
      if (!value) return std::move(value).error();
      out.push_back({it.key(), timestamp, *value});
    }
    return {};
  }
  if (!node.contains("value")) {
    return make_error(ErrorCode::schema_error, where + " has neither \"value\" nor \"values\"");
  }
  auto value = finite_number(node["value"], where + ".value");
  if (!value) return std::move(value).error();
  std::string series;
  if (node.contains("series")) {
    if (!node["series"].is_string()) {
      return make_error(ErrorCode::schema_error, where + ".series must be a string");
    }
    series = node["series"].get<std::string>();
  }
  out.push_back({std::move(series), timestamp, *value});
  return {};
}

}  // namespace

Result<std::vector<FeedSample>> parse_feed_message(std::string_view text) {
  const json message = json::parse(text, nullptr, false);
  if (message.is_discarded()) {
    return make_error(ErrorCode::json_parse_error, "feed message is not valid JSON");
  }
  std::vector<FeedSample> samples;
  if (message.is_array()) {
    for (std::size_t i = 0; i < message.size(); ++i) {
      if (auto s = read_sample(message[i], "message[" + std::to_string(i) + "]", samples); !s) {
        return std::move(s).error();
      }
    }
  } else if (auto s = read_sample(message, "message", samples); !s) {
    return std::move(s).error();
  }
  return samples;
}

}  // namespace lf::ui
