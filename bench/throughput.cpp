// The detectors' throughput on both targets. Built natively (lf_throughput)
// and with Emscripten (lf_throughput.js, run by Node), it times the same
// workloads on the same series with the same code, so wasm/native compares
// like with like. Workloads: the plain sum (the memory-bound floor), every
// catalog detector pushing the whole series, bocpd on the z-scored series
// (bocpd_zscored), and the early-warning indicators streaming sample by
// sample. One JSON line per workload
// (bench/harness.hpp); equal checksums on both targets show they computed the
// same thing. Arguments, if any, name the workloads to run (default: all).
//
// "sum@cache" and "<detector>@cache" (run only when named) do the same work
// on a 1 MiB slice of the series, pushed again and again to one detector until
// as many samples have passed: the slice stays in the core's L2, so they time
// the computation alone, without the stream from memory (or a shared L3)
// that the plain workloads wait on.
#include <algorithm>
#include <cmath>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "harness.hpp"
#include "lf/detect/ews_window.hpp"
#include "lf/detect/registry.hpp"
#include "lf/signal/kernels.hpp"
#include "series.hpp"

namespace {

constexpr const char* kProgram = "lf_throughput";

struct Workload {
  std::string_view detector;  // empty for the sum
  std::span<const double> series;
  std::size_t passes = 1;  // times the series is fed
};

constexpr std::string_view kInCache = "@cache";
constexpr std::size_t kCacheSlice = std::size_t{1} << 17;  // samples: 1 MiB

std::string run_sum(const Workload& workload) {
  double total = 0.0;
  for (std::size_t pass = 0; pass < workload.passes; ++pass) {
    total += lf::signal::kernels::sum(workload.series);
  }
  return lf::bench::hex(lf::bench::bits_of(total));
}

// The alert count and a hash of every alert's index, kind and score bits: any
// difference in what was detected, or in a score's last bit, shows.
std::string run_detector(const Workload& workload) {
  auto detector = lf::detect::make_detector(workload.detector);
  if (!detector) lf::bench::fail(kProgram, workload.detector);
  for (std::size_t pass = 0; pass < workload.passes; ++pass) {
    if (!(*detector)->push(workload.series)) lf::bench::fail(kProgram, workload.detector);
  }
  const auto& alerts = (*detector)->alerts();
  lf::bench::Fingerprint fingerprint;
  for (const auto& alert : alerts) {
    fingerprint.mix(alert.index);
    fingerprint.mix(alert.kind);
    fingerprint.mix(lf::bench::bits_of(alert.score));
  }
  return std::to_string(alerts.size()) + " alerts " + fingerprint.hex();
}

// The early-warning indicators streaming, one sample at a time, all six read
// after every sample, over early_warning's default window of 100 samples. The
// checksum is the sum of every indicator value: a difference in any of them,
// on either target, shows.
std::string run_ews_indicators(const Workload& workload) {
  lf::detect::EwsWindow window(100);
  double total = 0.0;
  for (const double x : workload.series) {
    window.push(x, x);
    if (!window.full()) continue;
    const auto v = window.values();
    total += ((v.variance + v.std_dev) + (v.cv + v.ac1)) + (v.skew + v.kurtosis);
  }
  return lf::bench::hex(lf::bench::bits_of(total));
}

// The series z-scored (population deviation), as TCPDBench feeds bocpd, whose
// default prior expects data of unit scale. Sums in a fixed order: the same
// bits on both targets.
std::vector<double> z_scored(std::span<const double> series) {
  const double n = static_cast<double>(series.size());
  const double mean = lf::signal::kernels::sum(series) / n;
  double squares = 0.0;
  for (const double x : series) squares += (x - mean) * (x - mean);
  const double deviation = std::sqrt(squares / n);
  std::vector<double> z(series.size());
  for (std::size_t i = 0; i < z.size(); ++i) z[i] = (series[i] - mean) / deviation;
  return z;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string_view> selected(argv + 1, argv + argc);
  const auto wanted = [&selected](std::string_view workload) {
    return selected.empty() ||
           std::find(selected.begin(), selected.end(), workload) != selected.end();
  };
  const std::vector<double> series = lf::bench::make_series();
  const auto samples = static_cast<double>(series.size());

  if (wanted("sum")) {
    lf::bench::report("sum", "samples", samples,
                      lf::bench::best_of(kProgram, run_sum, Workload{{}, series}));
  }
  for (const auto& info : lf::detect::detector_catalog()) {
    if (!wanted(info.name)) continue;
    lf::bench::report(info.name, "samples", samples,
                      lf::bench::best_of(kProgram, run_detector, Workload{info.name, series}));
  }
  if (wanted("bocpd_zscored")) {
    const std::vector<double> z = z_scored(series);
    lf::bench::report("bocpd_zscored", "samples", samples,
                      lf::bench::best_of(kProgram, run_detector, Workload{"bocpd", z}));
  }
  if (wanted("ews_indicators")) {
    lf::bench::report("ews_indicators", "samples", samples,
                      lf::bench::best_of(kProgram, run_ews_indicators, Workload{{}, series}));
  }
  const std::span<const double> slice = std::span<const double>(series).first(kCacheSlice);
  const std::size_t passes = series.size() / kCacheSlice;
  const auto in_cache_samples = static_cast<double>(kCacheSlice * passes);
  for (const std::string_view name : selected) {
    if (!name.ends_with(kInCache)) continue;
    const std::string_view base = name.substr(0, name.size() - kInCache.size());
    const bool is_sum = base == "sum";
    if (!is_sum && !lf::detect::make_detector(base)) lf::bench::fail(kProgram, name);
    lf::bench::report(
        name, "samples", in_cache_samples,
        lf::bench::best_of(kProgram, is_sum ? run_sum : run_detector,
                           Workload{is_sum ? std::string_view() : base, slice, passes}));
  }
  return 0;
}
