// Pairwise combinations/s of the Dempster and PCR5 rules over 1,000 mass
// functions on a 3-hypothesis and a 16-hypothesis frame (target: >= 10
// million/s natively on 3 hypotheses).
//
//   fold/<rule>/<n>      combine_all over the 1,000 sources: 999 pairwise
//                        combinations into one result, as a request does.
//                        For PCR5 (not associative) this includes the
//                        Dempster fold that yields the sources' joint
//                        conflict K, so it does two combinations per source.
//   pairwise/<rule>/<n>  combine(m[i], m[i+1]) for i < 999: 999 independent
//                        pairwise combinations, each allocating its result.
//
// Sources: bench/fuse_sources.hpp.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "fuse_sources.hpp"
#include "lf/fuse/combination.hpp"

namespace {

using lf::fuse::MassFunction;
using lf::fuse::Rule;

void configure(benchmark::internal::Benchmark* b) {
  b->Unit(benchmark::kMicrosecond)
      ->MinTime(0.5)
      ->UseRealTime()
      ->Repetitions(3)
      ->ReportAggregatesOnly(true);
}

void fold(benchmark::State& state, const std::vector<MassFunction>* sources, Rule rule) {
  for (auto _ : state) {
    auto combined = lf::fuse::combine_all(*sources, rule);
    if (!combined) {
      state.SkipWithError(combined.error().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(combined->conflict);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(sources->size() - 1));
}

void pairwise(benchmark::State& state, const std::vector<MassFunction>* sources, Rule rule) {
  for (auto _ : state) {
    for (std::size_t i = 0; i + 1 < sources->size(); ++i) {
      auto combined = lf::fuse::combine((*sources)[i], (*sources)[i + 1], rule);
      if (!combined) {
        state.SkipWithError(combined.error().message.c_str());
        return;
      }
      benchmark::DoNotOptimize(combined->conflict);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(sources->size() - 1));
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<MassFunction> small = lf::bench::make_sources(3);
  const std::vector<MassFunction> large = lf::bench::make_sources(16);
  for (Rule rule : {Rule::dempster, Rule::pcr5}) {
    const std::string name(lf::fuse::to_string(rule));
    for (const auto* sources : {&small, &large}) {
      const std::string n = std::to_string(sources->front().frame_size());
      configure(
          benchmark::RegisterBenchmark(("fold/" + name + "/" + n).c_str(), fold, sources, rule));
      configure(benchmark::RegisterBenchmark(("pairwise/" + name + "/" + n).c_str(), pairwise,
                                             sources, rule));
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
