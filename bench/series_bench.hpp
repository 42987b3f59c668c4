// Shared by the Google Benchmark programs that time a pass over the 10M-sample
// benchmark series (series.hpp): the same repetition settings, the same
// items/s accounting and the same memory-bound floor, so their figures compare.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>
#include <span>

#include "lf/signal/kernels.hpp"

namespace lf::bench {

// Whole iterations take 5-500 ms; half a second per repetition keeps a full
// run under a minute while giving several iterations per repetition.
// Wall-clock time, like lf_throughput, so the harnesses agree.
inline void configure(benchmark::internal::Benchmark* b) {
  constexpr double kMinSeconds = 0.5;
  constexpr int kRepetitions = 3;
  b->Unit(benchmark::kMillisecond)
      ->MinTime(kMinSeconds)
      ->UseRealTime()
      ->Repetitions(kRepetitions)
      ->ReportAggregatesOnly(true);
}

inline void count_items(benchmark::State& state, std::span<const double> series) {
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(series.size()));
}

// The floor every per-sample figure is read against: one streaming read.
inline void sum(benchmark::State& state, std::span<const double> series) {
  for (auto _ : state) benchmark::DoNotOptimize(lf::signal::kernels::sum(series));
  count_items(state, series);
}

}  // namespace lf::bench
