// The detector catalog: every detector by name, with its version, summary and
// parameter specs, and the one factory the API, CLI and JS package use.
#pragma once

#include <memory>
#include <span>
#include <string_view>

#include "lf/common/result.hpp"
#include "lf/detect/detector.hpp"

namespace lf::detect {

struct DetectorInfo {
  std::string_view name;
  std::string_view version;
  std::string_view summary;
  std::span<const ParameterSpec> parameters;
  // Builds the detector from resolved parameter values (in spec order).
  Result<std::unique_ptr<Detector>> (*create)(std::span<const double> values);
};

// All registered detectors, in a fixed (alphabetical) order.
std::span<const DetectorInfo> detector_catalog() noexcept;

// A detector by name with `overrides` applied to its defaults; unknown names
// give unknown_detector, bad parameters unknown_parameter / invalid_parameter.
Result<std::unique_ptr<Detector>> make_detector(std::string_view name,
                                                const ParameterList& overrides = {});

}  // namespace lf::detect
