#include "server/metrics.hpp"

#include <algorithm>
#include <charconv>

namespace lf::server {
namespace {

constexpr std::array<std::string_view, 6> kBreakerStates = {
    "closed", "open", "half_open", "disabled", "forced_open", "metrics_only"};

// A label value with \, " and newline escaped as the text format requires.
std::string label(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string number(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

void family(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void counters(std::string& out, std::string_view name, std::string_view label_name,
              const std::map<std::string, std::uint64_t, std::less<>>& values) {
  for (const auto& [key, count] : values) {
    out.append(name).append("{").append(label_name).append("=\"").append(label(key));
    out.append("\"} ").append(std::to_string(count)).append("\n");
  }
}

void add(std::map<std::string, std::uint64_t, std::less<>>& counts, std::string_view name,
         std::uint64_t count) {
  auto it = counts.find(name);
  if (it == counts.end()) {
    const std::string_view key = counts.size() < Metrics::kMaxNames ? name : "_other";
    it = counts.try_emplace(std::string(key), 0).first;
  }
  it->second += count;
}

}  // namespace

void Metrics::record_request(std::string_view route, int status, double seconds) {
  const std::size_t bucket =
      std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) - kBuckets.begin();
  std::lock_guard lock(mutex_);
  auto it = routes_.find(route);
  if (it == routes_.end()) it = routes_.emplace(route, RouteFigures{}).first;
  ++it->second.by_status[status];
  Histogram& durations = it->second.durations;
  ++durations.buckets[bucket];
  durations.sum += seconds;
  ++durations.count;
}

void Metrics::count_alerts(std::string_view detector, std::uint64_t count) {
  std::lock_guard lock(mutex_);
  add(alerts_, detector, count);
}

void Metrics::count_selections(std::string_view expert, std::uint64_t count) {
  std::lock_guard lock(mutex_);
  add(selections_, expert, count);
}

std::string Metrics::render(const std::vector<BreakerStateSample>& breakers) const {
  std::string out;
  std::lock_guard lock(mutex_);
  family(out, "lf_http_requests_total", "counter", "HTTP requests answered, by route and status.");
  for (const auto& [route, figures] : routes_) {
    for (const auto& [status, count] : figures.by_status) {
      out.append("lf_http_requests_total{route=\"").append(label(route));
      out.append("\",status=\"").append(std::to_string(status)).append("\"} ");
      out.append(std::to_string(count)).append("\n");
    }
  }
  family(out, "lf_http_request_duration_seconds", "histogram",
         "Time from a request's headers to its answer, by route.");
  for (const auto& [route, figures] : routes_) {
    const Histogram& histogram = figures.durations;
    const std::string route_label = "route=\"" + label(route) + "\"";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i <= kBuckets.size(); ++i) {
      cumulative += histogram.buckets[i];
      out.append("lf_http_request_duration_seconds_bucket{").append(route_label);
      out.append(",le=\"").append(kBucketLabels[i]).append("\"} ");
      out.append(std::to_string(cumulative));
      out.append("\n");
    }
    out.append("lf_http_request_duration_seconds_sum{").append(route_label).append("} ");
    out.append(number(histogram.sum)).append("\n");
    out.append("lf_http_request_duration_seconds_count{").append(route_label).append("} ");
    out.append(std::to_string(histogram.count)).append("\n");
  }
  family(out, "lf_detector_alerts_total", "counter",
         "Alerts raised, by detector (detect responses and the live stream).");
  counters(out, "lf_detector_alerts_total", "detector", alerts_);
  family(out, "lf_gate_expert_selections_total", "counter",
         "Expert selections in gate responses, by expert.");
  counters(out, "lf_gate_expert_selections_total", "expert", selections_);
  family(out, "lf_breaker_state", "gauge",
         "Circuit breaker states: 1 for the state each breaker is in, 0 for the others.");
  for (const auto& sample : breakers) {
    for (const auto state : kBreakerStates) {
      out.append("lf_breaker_state{breaker=\"").append(label(sample.breaker));
      out.append("\",state=\"").append(state).append("\"} ");
      out.append(state == sample.state ? "1" : "0").append("\n");
    }
  }
  return out;
}

}  // namespace lf::server
