// Route handlers: decoded request in, response object out. Registered in
// dispatch.cpp; one file per route.
#pragma once

#include "json_read.hpp"
#include "lf/api/dispatch.hpp"
#include "lf/risk/trading_state.hpp"

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

// Early warnings and micro-grokking (ews_route, grok_route).
Result<Json> ews(const Json& request);
Result<Json> grok(const Json& request);

// Change points scored against annotations as TCPDBench scores (score_route).
Result<Json> score(const Json& request);

// Hidden Markov models (hmm_route): fit or decode.
Result<Json> hmm(const Json& request);

// Verification routes (pcs_routes, receipt_routes, audit_routes). Those that
// return a Response choose its status: a verdict may be 202, 401 or 422
// without being an error.
Result<Json> pcs_build(const Json& request);
Response pcs_submit(const Json& request);
Response pcs_verify(const Json& request);
Result<Json> receipt_sign(const Json& request);
Response receipt_verify(const Json& request);
Response audit_verify(const Json& request);

// Circuit breakers (breaker_routes): one registry per process.
Result<Json> breaker_acquire(const Json& request);
Result<Json> breaker_cascade(const Json& request);
Result<Json> breaker_record(const Json& request);
Result<Json> breaker_release(const Json& request);
Result<Json> breaker_state(const Json& request);
Result<Json> breaker_transition(const Json& request);

// Signal validator and bias guard (risk_guard_routes): no per-process state.
Result<Json> risk_bias(const Json& request);
Result<Json> risk_validate(const Json& request);

// Pre-trade checks and the trading state (risk_routes).
Result<Json> risk_check(const Json& request);
Result<Json> risk_state(const Json& request);
// The process's one TradingState (risk/state reads and moves it; risk/check
// without "mode" judges against it); each process has its own.
risk::TradingState& process_trading_state();

}  // namespace lf::api::routes
