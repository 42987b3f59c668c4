// The live stream's one series: samples come in (replay, tail, ingest), the
// configured detectors see every one, and each sample is published as a
// `sample` event followed by the alerts it raised as `alert` events, in the
// detectors' configured order. Alerts carry exactly the members the detect
// route gives them (docs/API.md), so a stream and a detect request over the
// same samples and detectors agree.
//
// A sample's `index` counts samples from the server's start. Its time `t` is
// the given timestamp, or, when none is given, the previous sample's plus 1
// (from 0): a series fed without timestamps is indexed as the detect route
// indexes one.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/detect/detector.hpp"
#include "lf/detect/pipeline.hpp"
#include "server/event_hub.hpp"
#include "server/metrics.hpp"

namespace lf::server {

struct IngestReceipt {
  std::uint64_t first_index;    // the stream index of the first sample taken
  std::size_t samples;          // how many were taken
  std::uint64_t last_event_id;  // the id of the last event they produced
};

class StreamPipeline {
 public:
  // Builds the detectors (unknown_detector, invalid_parameter... as the
  // detect route would answer).
  static Result<std::unique_ptr<StreamPipeline>> create(
      const std::vector<detect::DetectorRequest>& detectors, EventHub& hub, Metrics& metrics);

  // All or nothing: empty_input, length_mismatch, non_finite_value or
  // non_increasing_timestamp (also against earlier samples), and then
  // nothing is taken. `timestamps` empty: each sample's is the previous + 1.
  Result<IngestReceipt> push(std::span<const double> values, std::span<const double> timestamps);

 private:
  StreamPipeline(std::vector<std::unique_ptr<detect::Detector>> detectors, EventHub& hub,
                 Metrics& metrics)
      : detectors_(std::move(detectors)), hub_(hub), metrics_(metrics) {}

  Status check(std::span<const double> values, std::span<const double> timestamps) const;

  std::mutex mutex_;
  std::vector<std::unique_ptr<detect::Detector>> detectors_;
  EventHub& hub_;
  Metrics& metrics_;
  std::uint64_t next_index_ = 0;
  std::optional<double> last_time_;
};

}  // namespace lf::server
