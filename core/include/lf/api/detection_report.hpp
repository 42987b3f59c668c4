// The detect route's response for a detection report, for shells that run
// detect::run_detection themselves (the dashboard analyses a million-row file
// without a JSON round trip) and must still show what `lf detect --json`
// prints for the same input.
#pragma once

#include <string>

#include "lf/detect/pipeline.hpp"

namespace lf::api {

// The JSON text dispatch("detect", ...) answers for a request whose
// detection produced `report`.
std::string detection_report_json(const detect::DetectionReport& report);

}  // namespace lf::api
