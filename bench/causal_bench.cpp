// Native timings of the causal-structure estimators, single thread:
//   ksg_te/N      one KSG transfer entropy (k = 4, histories 1, the
//                 defaults) from scratch: embedding, normalisation, every
//                 search structure; N = 1,000, 10,000, 100,000.
//   te_matrix     the pairwise TE graph of 16 series x 2,000 samples (240
//                 KSG estimates, each target's structures shared by its
//                 15 sources).
// The data: dest_t = 0.4·src_{t−1} + N(0, 0.6²), src i.i.d. N(0, 1), whose
// TE is ½ ln(1 + 0.16/0.36) = 0.18386 nats; each benchmark labels its
// result with its estimate so a speed-up never hides a wrong answer.
// JIDT's reference (bench/RESULTS.md): about 0.10 s per TE at N = 10,000
// with a fully warmed JIT.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "lf/graph/causal_graph.hpp"
#include "lf/graph/random.hpp"
#include "lf/graph/transfer_entropy.hpp"

namespace {

struct Pair {
  std::vector<double> source, target;
};

Pair coupled(std::size_t n, std::uint64_t seed) {
  lf::graph::Random random(seed);
  Pair pair{std::vector<double>(n), std::vector<double>(n)};
  for (auto& v : pair.source) v = random.normal();
  pair.target[0] = random.normal();
  for (std::size_t t = 1; t < n; ++t) {
    pair.target[t] = 0.4 * pair.source[t - 1] + 0.6 * random.normal();
  }
  return pair;
}

void ksg_te(benchmark::State& state) {
  const Pair pair = coupled(static_cast<std::size_t>(state.range(0)), 1);
  const lf::graph::TeParams params;  // KSG, k = 4, histories 1
  double te = 0.0;
  for (auto _ : state) {
    auto result = lf::graph::transfer_entropy(pair.source, pair.target, params);
    // The whole Result, not the double: GCC miscompiles DoNotOptimize's
    // "+m,r" constraint on a floating-point lvalue (the value is lost).
    benchmark::DoNotOptimize(result);
    if (!result) {
      state.SkipWithError(result.error().message.c_str());
      return;
    }
    te = *result;
  }
  char label[32];
  std::snprintf(label, sizeof label, "te=%.7f", te);
  state.SetLabel(label);
}

void te_matrix(benchmark::State& state) {
  // Series 2i + 1 is driven by series 2i: 8 true edges among 240 pairs.
  std::vector<std::vector<double>> series;
  for (std::uint64_t i = 0; i < 8; ++i) {
    Pair pair = coupled(2000, 100 + i);
    series.push_back(std::move(pair.source));
    series.push_back(std::move(pair.target));
  }
  const lf::graph::GraphParams params;
  std::size_t edges = 0;
  for (auto _ : state) {
    auto graph = lf::graph::causal_graph(series, params);
    if (!graph) {
      state.SkipWithError(graph.error().message.c_str());
      return;
    }
    edges = graph->edges.size();
    benchmark::DoNotOptimize(edges);
  }
  state.SetLabel("edges=" + std::to_string(edges));
}

}  // namespace

BENCHMARK(ksg_te)
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);
BENCHMARK(te_matrix)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

BENCHMARK_MAIN();
