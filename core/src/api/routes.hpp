// Route handlers: decoded request in, response object out. Registered in
// dispatch.cpp; one file per route.
#pragma once

#include "json_read.hpp"
#include "lf/api/dispatch.hpp"

namespace lf::api::routes {

using json_read::Json;

Result<Json> detect(const Json& request);
Result<Json> detectors(const Json& request);
Result<Json> fuse(const Json& request);
Result<Json> gate(const Json& request);
Result<Json> vote(const Json& request);

// Causal structure (te_route, graph_route, emergence_route).
Result<Json> te(const Json& request);
Result<Json> graph(const Json& request);
Result<Json> emergence(const Json& request);

// Verification routes (pcs_routes, receipt_routes, audit_routes). Those that
// return a Response choose its status: a verdict may be 202, 401 or 422
// without being an error.
Result<Json> pcs_build(const Json& request);
Response pcs_submit(const Json& request);
Response pcs_verify(const Json& request);
Result<Json> receipt_sign(const Json& request);
Response receipt_verify(const Json& request);
Response audit_verify(const Json& request);

}  // namespace lf::api::routes
