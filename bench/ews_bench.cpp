// Native samples/s of the early-warning machinery on the 10M-sample benchmark
// series (series.hpp), against the memory-bound floor (kernels::sum):
//   ews_indicators/push        the O(1) sliding sums only;
//   ews_indicators/all         the sums plus all six indicators read per sample
//                              (what lf_throughput's ews_indicators times);
//   trailing_kendall/<span>    one trailing Kendall tau, O(span) per value;
// the early_warning detector itself is in lf_detectors_bench with the catalog.
#include <span>
#include <vector>

#include "lf/detect/ews_window.hpp"
#include "lf/detect/kendall_tau.hpp"
#include "series.hpp"
#include "series_bench.hpp"

namespace {

using lf::bench::configure;
using lf::bench::count_items;
using lf::bench::sum;

void ews_push(benchmark::State& state, std::span<const double> series) {
  for (auto _ : state) {
    lf::detect::EwsWindow window(100);
    for (const double x : series) window.push(x, x);
    benchmark::DoNotOptimize(window.values());
  }
  count_items(state, series);
}

void ews_all(benchmark::State& state, std::span<const double> series) {
  for (auto _ : state) {
    lf::detect::EwsWindow window(100);
    double total = 0.0;
    for (const double x : series) {
      window.push(x, x);
      const auto v = window.values();
      total += ((v.variance + v.std_dev) + (v.cv + v.ac1)) + (v.skew + v.kurtosis);
    }
    benchmark::DoNotOptimize(total);
  }
  count_items(state, series);
}

void trailing_kendall(benchmark::State& state, std::span<const double> series) {
  const auto span = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    lf::detect::TrailingKendallTau trend(span);
    double total = 0.0;
    for (const double x : series) {
      trend.push(x);
      total += trend.tau();
    }
    benchmark::DoNotOptimize(total);
  }
  count_items(state, series);
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<double> series = lf::bench::make_series();
  const std::span<const double> view(series);
  // A tenth of the series for the O(span) trend, whose iterations take seconds.
  const std::span<const double> tenth = view.first(view.size() / 10);

  configure(benchmark::RegisterBenchmark("sum", sum, view));
  configure(benchmark::RegisterBenchmark("ews_indicators/push", ews_push, view));
  configure(benchmark::RegisterBenchmark("ews_indicators/all", ews_all, view));
  for (const int span : {100, 300}) {
    configure(benchmark::RegisterBenchmark("trailing_kendall", trailing_kendall, tenth)->Arg(span));
  }

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
