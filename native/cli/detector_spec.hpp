// Parses the CLI's detector syntax NAME[:key=value,...] into a request entry
// (--detector) or a consensus member (--member).
#pragma once

#include <string_view>

#include "lf/common/result.hpp"
#include "lf/detect/pipeline.hpp"

namespace lf::cli {

// "phase_transition:short_window=5,threshold=3" -> {name, {{short_window,5},{threshold,3}}}.
// Names and values are checked later by the core (unknown_detector,
// invalid_parameter...); this only rejects text that is not of the form.
Result<detect::DetectorRequest> parse_detector_spec(std::string_view spec);

// A consensus member, "cusum:threshold=5,weight=2" -> {cusum, {{threshold, 5}}, 2}: the
// same syntax, where the key `weight` is the member's voting weight (default
// 1) rather than a detector parameter.
Result<detect::MemberRequest> parse_member_spec(std::string_view spec);

}  // namespace lf::cli
