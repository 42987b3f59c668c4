#include "server/stream_pipeline.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "lf/detect/registry.hpp"

namespace lf::server {
namespace {

using Json = nlohmann::json;

// Integral values within 2^53 as JSON integers, as the detect route writes
// an alert's timestamp.
Json number_value(double value) {
  constexpr double kExactIntegerLimit = 9007199254740992.0;  // 2^53
  if (value == std::floor(value) && std::fabs(value) <= kExactIntegerLimit) {
    return static_cast<std::int64_t>(value);
  }
  return value;
}

std::string dump(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string alert_json(const detect::Alert& alert) {
  Json out = {
      {"detector", alert.detector}, {"version", alert.version},
      {"index", alert.index},       {"timestamp", number_value(alert.timestamp)},
      {"kind", alert.kind},         {"severity", std::string(detect::to_string(alert.severity))},
      {"score", alert.score}};
  if (!alert.detail.empty()) out["detail"] = alert.detail;
  if (!alert.members.empty()) out["members"] = alert.members;
  return dump(out);
}

std::string sample_json(std::uint64_t index, double time, double value) {
  return dump(Json{{"index", index}, {"t", time}, {"value", value}});
}

}  // namespace

Result<std::unique_ptr<StreamPipeline>> StreamPipeline::create(
    const std::vector<detect::DetectorRequest>& requests, EventHub& hub, Metrics& metrics) {
  std::vector<std::unique_ptr<detect::Detector>> detectors;
  for (const auto& request : requests) {
    auto detector = detect::make_detector(request.name, request.parameters, request.members);
    if (!detector) return std::move(detector).error();
    detectors.push_back(std::move(*detector));
  }
  return std::unique_ptr<StreamPipeline>(new StreamPipeline(std::move(detectors), hub, metrics));
}

Status StreamPipeline::check(std::span<const double> values,
                             std::span<const double> timestamps) const {
  if (values.empty()) return make_error(ErrorCode::empty_input, "values is empty");
  if (!timestamps.empty() && timestamps.size() != values.size()) {
    return make_error(ErrorCode::length_mismatch,
                      "timestamps has " + std::to_string(timestamps.size()) +
                          " entries but values has " + std::to_string(values.size()));
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      return make_error(ErrorCode::non_finite_value,
                        "values[" + std::to_string(i) + "] is not a finite number");
    }
  }
  std::optional<double> previous = last_time_;
  for (std::size_t i = 0; i < timestamps.size(); ++i) {
    if (!std::isfinite(timestamps[i])) {
      return make_error(ErrorCode::non_finite_value,
                        "timestamps[" + std::to_string(i) + "] is not a finite number");
    }
    if (previous && !(timestamps[i] > *previous)) {
      return make_error(
          ErrorCode::non_increasing_timestamp,
          "timestamps[" + std::to_string(i) + "] is not after the stream's previous sample");
    }
    previous = timestamps[i];
  }
  return {};
}

Result<IngestReceipt> StreamPipeline::push(std::span<const double> values,
                                           std::span<const double> timestamps) {
  std::lock_guard lock(mutex_);
  if (auto s = check(values, timestamps); !s) return std::move(s).error();
  IngestReceipt receipt{next_index_, values.size(), 0};
  std::vector<StreamEvent> events;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double time = timestamps.empty() ? (last_time_ ? *last_time_ + 1 : 0.0) : timestamps[i];
    events.push_back({0, "sample", sample_json(next_index_, time, values[i])});
    for (auto& detector : detectors_) {
      // Checked above: finite values, increasing times, so push cannot fail.
      (void)detector->push(time, values[i]);
      for (const auto& alert : detector->take_alerts()) {
        events.push_back({0, "alert", alert_json(alert)});
        metrics_.count_alerts(alert.detector, 1);
      }
    }
    last_time_ = time;
    ++next_index_;
  }
  // Publishing under the pipeline's lock keeps the events of concurrent
  // pushes in sample order.
  hub_.publish(std::move(events));
  receipt.last_event_id = hub_.last_id();
  return receipt;
}

}  // namespace lf::server
