// The detector catalog: every detector by name, with its version, summary and
// parameter specs, and the one factory the API, CLI and JS package use.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "lf/common/result.hpp"
#include "lf/detect/detector.hpp"

namespace lf::detect {

// A member of a meta-detector such as consensus: a catalog detector with
// parameter overrides and a voting weight.
struct MemberRequest {
  std::string name;
  ParameterList parameters;  // overrides of the defaults
  double weight = 1.0;
};

struct DetectorInfo {
  std::string_view name;
  std::string_view version;
  std::string_view summary;
  std::span<const ParameterSpec> parameters;
  // Builds the detector from resolved parameter values (in spec order).
  Result<std::unique_ptr<Detector>> (*create)(std::span<const double> values);
  // Meta-detectors only: builds it with the given members (nullptr for
  // detectors that take none).
  Result<std::unique_ptr<Detector>> (*create_with_members)(
      std::span<const double> values, std::span<const MemberRequest> members) = nullptr;
};

// All registered detectors, in a fixed (alphabetical) order.
std::span<const DetectorInfo> detector_catalog() noexcept;

// A detector by name with `overrides` applied to its defaults; unknown names
// give unknown_detector, bad parameters unknown_parameter / invalid_parameter.
Result<std::unique_ptr<Detector>> make_detector(std::string_view name,
                                                const ParameterList& overrides = {});
// The same with members; non-empty `members` for a detector that takes none
// give invalid_parameter.
Result<std::unique_ptr<Detector>> make_detector(std::string_view name,
                                                const ParameterList& overrides,
                                                std::span<const MemberRequest> members);

}  // namespace lf::detect
