// The server's Prometheus metrics (text format 0.0.4; docs/HTTP.md,
// "Metrics"): requests by route and status, request durations by route,
// detector alerts, gate expert selections, and the breakers' states, which
// are read from the core when the metrics are rendered.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace lf::server {

struct BreakerStateSample {
  std::string breaker;
  std::string state;  // closed, open, half_open, disabled, forced_open, metrics_only
};

class Metrics {
 public:
  // Upper bounds of the duration histogram's buckets, in seconds (+Inf last,
  // implicitly), and the same as their `le` labels.
  static constexpr std::array<double, 13> kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
  static constexpr std::array<std::string_view, 14> kBucketLabels = {
      "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05",
      "0.1",    "0.25",  "0.5",    "1",     "2.5",  "5",     "+Inf"};

  // Names come from requests (gate experts): past this many distinct names
  // per metric, new ones are counted under "_other", as on the edge.
  static constexpr std::size_t kMaxNames = 256;

  void record_request(std::string_view route, int status, double seconds);
  void count_alerts(std::string_view detector, std::uint64_t count);
  void count_selections(std::string_view expert, std::uint64_t count);

  std::string render(const std::vector<BreakerStateSample>& breakers) const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size() + 1> buckets{};  // per bucket, not cumulative
    double sum = 0;
    std::uint64_t count = 0;
  };

  struct RouteFigures {
    std::map<int, std::uint64_t> by_status;
    Histogram durations;
  };

  mutable std::mutex mutex_;
  std::map<std::string, RouteFigures, std::less<>> routes_;
  std::map<std::string, std::uint64_t, std::less<>> alerts_;
  std::map<std::string, std::uint64_t, std::less<>> selections_;
};

}  // namespace lf::server
