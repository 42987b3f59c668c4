// The server's one way into lf::api::dispatch, and where its thread safety
// is decided. The core keeps process-wide state behind a few routes:
// risk/check and risk/state (the process's TradingState) and breaker/* (the
// breaker registry, which also trips the TradingState). Those routes run on
// the connection's own thread and without a deadline (they are bounded by
// their input and must not be abandoned half-way through a state change),
// one at a time under one mutex; the mutex is held only for the route's own
// step (dispatch's RouteStepRunner), not while the request is parsed or the
// answer serialised. For a risk/check that is ~7 us of ~21: held for the
// whole call, at 20,000 requests/s the mutex was busy 40% of the time, and
// with 32 connection threads on 2 cores they queued on it (a holder
// preempted, the others asleep on the futex). Every other route is stateless:
// those run concurrently on the TimedExecutor's pool, each with the request
// deadline. pcs/submit over HTTP does not come here (PcsIntake).
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lf/api/dispatch.hpp"
#include "server/metrics.hpp"
#include "server/timed_executor.hpp"

namespace lf::server {

bool touches_process_state(std::string_view route);

class CoreGateway {
 public:
  CoreGateway(std::size_t threads, std::chrono::milliseconds timeout, Metrics& metrics);

  // dispatch(route, body), or nothing when the deadline passed first. Alert
  // counts (detect) and expert selections (gate) go to the metrics.
  std::optional<api::Response> call(const std::string& route, std::string body);

  // The breakers' states now (breaker/state, under the state mutex).
  std::vector<BreakerStateSample> breaker_states(std::int64_t now_ms);

 private:
  std::mutex process_state_;
  // Runs a stateful route's step under process_state_.
  const api::RouteStepRunner under_state_lock_;
  std::chrono::milliseconds timeout_;
  Metrics& metrics_;
  TimedExecutor executor_;
};

}  // namespace lf::server
