// Encoding of a detection report as the detect route answers it (shared by
// the route and the public detection_report_json()).
#pragma once

#include "json_read.hpp"
#include "lf/detect/pipeline.hpp"

namespace lf::api {

json_read::Json encode_detection_report(const detect::DetectionReport& report);

}  // namespace lf::api
