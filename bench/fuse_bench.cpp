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
// Sources: on 3 hypotheses, three distinct focal sets among the 7 non-empty
// subsets, one of them Θ (a discounted source always keeps some ignorance);
// on 16 hypotheses, two singletons, one pair and Θ. Masses are uniform draws
// normalised to sum 1. Only integer arithmetic and IEEE +, *, / are used, so
// every target combines the same sources.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "lf/fuse/combination.hpp"

namespace {

using lf::fuse::FocalElement;
using lf::fuse::FocalSet;
using lf::fuse::MassFunction;
using lf::fuse::Rule;

constexpr std::size_t kSources = 1000;

std::vector<MassFunction> make_sources(std::size_t frame_size) {
  std::mt19937_64 rng(frame_size * 7919 + 17);
  const FocalSet theta = lf::fuse::full_set(frame_size);
  const auto pick = [&rng](std::uint64_t n) { return rng() % n; };
  std::vector<MassFunction> sources;
  sources.reserve(kSources);
  while (sources.size() < kSources) {
    std::vector<FocalSet> sets{theta};
    if (frame_size == 3) {
      while (sets.size() < 3) {
        const FocalSet s = 1 + pick(theta);
        if (std::find(sets.begin(), sets.end(), s) == sets.end()) sets.push_back(s);
      }
    } else {
      const FocalSet a = FocalSet{1} << pick(frame_size);
      const FocalSet b = FocalSet{1} << pick(frame_size);
      const FocalSet pair = (FocalSet{1} << pick(frame_size)) | (FocalSet{1} << pick(frame_size));
      for (FocalSet s : {a, b, pair}) {
        if (std::find(sets.begin(), sets.end(), s) == sets.end()) sets.push_back(s);
      }
    }
    std::vector<FocalElement> elements;
    double total = 0.0;
    for (FocalSet s : sets) {
      const double w = 0.05 + static_cast<double>(rng() >> 11) * 0x1p-53;
      elements.push_back({s, w});
      total += w;
    }
    for (auto& e : elements) e.mass /= total;
    auto m = MassFunction::create(frame_size, std::move(elements));
    if (m) sources.push_back(std::move(*m));
  }
  return sources;
}

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
  const std::vector<MassFunction> small = make_sources(3);
  const std::vector<MassFunction> large = make_sources(16);
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
