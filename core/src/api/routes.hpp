// Route handlers: decoded request in, response object out. Registered in
// dispatch.cpp; one file per route.
#pragma once

#include "json_read.hpp"

namespace lf::api::routes {

using json_read::Json;

Result<Json> detect(const Json& request);
Result<Json> detectors(const Json& request);

}  // namespace lf::api::routes
