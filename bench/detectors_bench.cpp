// Native samples/s of every catalog detector against the memory-bound floor,
// a plain kernels::sum over the same 10M-sample array. Each detector is timed
// two ways: the whole series in one push (batch) and one push per sample
// (streaming, what a live feed does). A fresh detector per iteration, so every
// iteration does the same work; constructing it costs microseconds.
#include <span>
#include <string>
#include <vector>

#include "lf/detect/registry.hpp"
#include "series.hpp"
#include "series_bench.hpp"

namespace {

using lf::bench::configure;
using lf::bench::count_items;
using lf::bench::sum;
using lf::detect::Detector;

void detect_batch(benchmark::State& state, std::string_view name, std::span<const double> series) {
  for (auto _ : state) {
    auto detector = lf::detect::make_detector(name);
    if (!detector || !(*detector)->push(series)) {
      state.SkipWithError("detector failed");
      return;
    }
    benchmark::DoNotOptimize((*detector)->alerts().size());
  }
  count_items(state, series);
}

void detect_streaming(benchmark::State& state, std::string_view name,
                      std::span<const double> series) {
  for (auto _ : state) {
    auto detector = lf::detect::make_detector(name);
    if (!detector) {
      state.SkipWithError("detector failed");
      return;
    }
    Detector& d = **detector;
    for (const double x : series) {
      if (!d.push(x)) {
        state.SkipWithError("push failed");
        return;
      }
    }
    benchmark::DoNotOptimize(d.alerts().size());
  }
  count_items(state, series);
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<double> series = lf::bench::make_series();
  const std::span<const double> view(series);

  configure(benchmark::RegisterBenchmark("sum", sum, view));
  // Every detector in the catalog, so a new one is benchmarked without edits.
  for (const auto& info : lf::detect::detector_catalog()) {
    const std::string name(info.name);
    configure(
        benchmark::RegisterBenchmark((name + "/batch").c_str(), detect_batch, info.name, view));
    configure(benchmark::RegisterBenchmark((name + "/streaming").c_str(), detect_streaming,
                                           info.name, view));
  }

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
