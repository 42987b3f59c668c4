// Parses the CLI's detector syntax NAME[:key=value,...] into a request entry.
#pragma once

#include <string_view>

#include "lf/common/result.hpp"
#include "lf/detect/pipeline.hpp"

namespace lf::cli {

// "phase_transition:short_window=5,threshold=3" -> {name, {{short_window,5},{threshold,3}}}.
// Names and values are checked later by the core (unknown_detector,
// invalid_parameter...); this only rejects text that is not of the form.
Result<detect::DetectorRequest> parse_detector_spec(std::string_view spec);

}  // namespace lf::cli
