// Runs several detectors over one validated series: the work behind the
// `detect` API route, the CLI and the JS package's detect().
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/detect/alert.hpp"
#include "lf/detect/parameters.hpp"
#include "lf/detect/registry.hpp"
#include "lf/signal/series.hpp"
#include "lf/signal/validate.hpp"

namespace lf::detect {

struct DetectorRequest {
  std::string name;
  ParameterList parameters;            // overrides of the defaults
  std::vector<MemberRequest> members;  // meta-detectors only; empty: their defaults
};

struct DetectorDescription {
  std::string name;
  std::string version;
  ParameterList parameters;                // every parameter, resolved
  std::vector<MemberDescription> members;  // meta-detectors only
};

struct DetectionReport {
  std::size_t samples = 0;  // samples in the input series
  signal::ValidationCounts counts;
  std::vector<DetectorDescription> detectors;
  // Ordered by sample index, then by the detector's position in the request.
  // Alert indices refer to the input series (dropped samples keep theirs).
  std::vector<Alert> alerts;
};

// Every detector is constructed before any sample is processed, so a bad
// name or parameter fails the whole request. An empty `detectors` list runs
// every catalog detector with its defaults.
Result<DetectionReport> run_detection(const signal::Series& series,
                                      std::span<const DetectorRequest> detectors,
                                      const signal::ValidationPolicy& policy);

}  // namespace lf::detect
