// Circuit breaker speed (target: acquire + record <= 50 ns uncontended;
// throughput under 2-thread contention).
//
//   acquire_record/<window>   try_acquire + record(success) on a CLOSED
//                             breaker: one atomic load, then the mutex, a
//                             window bucket, the totals and the threshold
//                             check. count: a 100-call count-based window;
//                             time: 100 one-second buckets, the clock moving
//                             1 us per call (a bucket change every 1e6 calls).
//   acquire/closed            try_acquire alone (the CLOSED fast path).
//   acquire/open              try_acquire refused by an OPEN breaker (no
//                             listener): the refusal path.
//   probe_acquire_release     try_acquire + release on a HALF_OPEN breaker
//                             with 10 probe slots: two compare-and-swaps.
// The ->Threads(2) variants share one breaker between two threads; their
// items/s is the combined throughput, to compare with ->Threads(1) measured
// in the same run.
#include <benchmark/benchmark.h>

#include <memory>

#include "lf/risk/circuit_breaker.hpp"

namespace {

using lf::risk::BreakerState;
using lf::risk::CallOutcome;
using lf::risk::CircuitBreaker;
using lf::risk::CircuitBreakerConfig;
using lf::risk::Nanos;
using lf::risk::SlidingWindowType;

constexpr Nanos kMicrosecond = 1000;

std::unique_ptr<CircuitBreaker> make(SlidingWindowType type) {
  CircuitBreakerConfig config;
  config.window_type = type;
  return std::move(CircuitBreaker::create("bench", config)).value();
}

// One breaker per benchmark, shared by its threads.
template <SlidingWindowType type>
CircuitBreaker& closed_breaker() {
  static const auto breaker = make(type);
  return *breaker;
}

template <SlidingWindowType type>
void acquire_record(benchmark::State& state) {
  CircuitBreaker& breaker = closed_breaker<type>();
  Nanos now = 0;
  for (auto _ : state) {
    now += kMicrosecond;
    const auto permit = breaker.try_acquire(now);
    auto result = breaker.record(permit, CallOutcome::success, kMicrosecond, now);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(acquire_record<SlidingWindowType::count_based>)
    ->Name("acquire_record/count")
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();
BENCHMARK(acquire_record<SlidingWindowType::time_based>)
    ->Name("acquire_record/time")
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();

void acquire_closed(benchmark::State& state) {
  CircuitBreaker& breaker = closed_breaker<SlidingWindowType::count_based>();
  Nanos now = 0;
  for (auto _ : state) {
    now += kMicrosecond;
    benchmark::DoNotOptimize(breaker.try_acquire(now));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(acquire_closed)->Name("acquire/closed")->Threads(1)->Threads(2)->UseRealTime();

CircuitBreaker& open_breaker() {
  static const auto breaker = [] {
    auto b = make(SlidingWindowType::count_based);
    (void)b->transition(BreakerState::open, 0, "bench", "refusal path");
    return b;
  }();
  return *breaker;
}

void acquire_open(benchmark::State& state) {
  CircuitBreaker& breaker = open_breaker();
  for (auto _ : state) benchmark::DoNotOptimize(breaker.try_acquire(1));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(acquire_open)->Name("acquire/open")->Threads(1)->Threads(2)->UseRealTime();

CircuitBreaker& half_open_breaker() {
  static const auto breaker = [] {
    auto b = make(SlidingWindowType::count_based);
    (void)b->transition(BreakerState::open, 0, "bench", "probe path");
    (void)b->transition(BreakerState::half_open, 0, "bench", "probe path");
    return b;
  }();
  return *breaker;
}

void probe_acquire_release(benchmark::State& state) {
  CircuitBreaker& breaker = half_open_breaker();
  for (auto _ : state) {
    const auto permit = breaker.try_acquire(1);
    benchmark::DoNotOptimize(breaker.release(permit));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(probe_acquire_release)
    ->Name("probe_acquire_release")
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
