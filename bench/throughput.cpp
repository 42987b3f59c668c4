// One throughput harness for both targets. Built natively (lf_throughput) and
// with Emscripten (lf_throughput.js, run by Node), it times the same workloads
// on the same series with the same code, so wasm/native compares like with
// like. Workloads: the plain sum (the memory-bound floor) and every catalog
// detector pushing the whole series. Prints one JSON line per workload; equal
// checksums on both targets show they computed the same thing.
//
// Each repetition calls its workload through a function pointer. V8 starts
// wasm in its baseline compiler (Liftoff) and switches a function to
// optimised code only when it is next entered: it has no on-stack replacement
// for wasm. wasm-opt inlines functions called from a single place, so a
// workload called directly would end up inside main(), which is entered once,
// and would run unoptimised forever (measured: the sum at a third of its
// optimised speed). Real callers (the JS package) enter the library per call.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lf/detect/registry.hpp"
#include "lf/signal/kernels.hpp"
#include "series.hpp"

namespace {

#ifdef __EMSCRIPTEN__
constexpr const char* kTarget = "wasm";
#else
constexpr const char* kTarget = "native";
#endif

// Best of at least 5 runs and at least a second of runs: the machine is
// shared, and the least disturbed run is the closest to what the code itself
// costs. The time floor matters for the sum, whose single run takes
// milliseconds and varies by 2x from run to run.
constexpr int kMinRepetitions = 5;
constexpr double kMinTotalSeconds = 1.0;

struct Outcome {
  double seconds;  // the best run
  int repetitions;
  std::string checksum;
};

[[noreturn]] void fail(std::string_view what) {
  std::fprintf(stderr, "lf_throughput: %.*s\n", static_cast<int>(what.size()), what.data());
  std::exit(1);
}

// std::bit_cast is missing from Emscripten 3.1.6's libc++.
std::uint64_t bits_of(double x) {
  std::uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits;
}

std::string hex(std::uint64_t bits) {
  char text[19];
  std::snprintf(text, sizeof text, "0x%016llx", static_cast<unsigned long long>(bits));
  return text;
}

// Runs a workload once over the series and returns its checksum; `name` is
// the detector's, unused by the sum.
using Run = std::string (*)(std::string_view name, std::span<const double> series);

struct Workload {
  std::string name;
  Run run;
};

// Every repetition must give the same checksum.
Outcome best_of(const Workload& workload, std::span<const double> series) {
  Outcome best{0.0, 0, {}};
  double total = 0.0;
  while (best.repetitions < kMinRepetitions || total < kMinTotalSeconds) {
    const auto start = std::chrono::steady_clock::now();
    std::string checksum = workload.run(workload.name, series);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    if (best.repetitions > 0 && checksum != best.checksum) {
      fail("checksum changed between repetitions");
    }
    if (best.repetitions == 0 || elapsed.count() < best.seconds) best.seconds = elapsed.count();
    best.checksum = std::move(checksum);
    ++best.repetitions;
    total += elapsed.count();
  }
  return best;
}

// The alert count and an FNV-1a hash of every alert's index, kind and score
// bits: any difference in what was detected, or in a score's last bit, shows.
std::string fingerprint(const std::vector<lf::detect::Alert>& alerts) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  const auto mix = [&hash](std::uint64_t word) {
    for (int byte = 0; byte < 8; ++byte) {
      hash ^= (word >> (8 * byte)) & 0xff;
      hash *= 0x100000001b3ull;
    }
  };
  for (const auto& alert : alerts) {
    mix(alert.index);
    for (const char c : alert.kind) mix(static_cast<unsigned char>(c));
    mix(bits_of(alert.score));
  }
  return std::to_string(alerts.size()) + " alerts " + hex(hash);
}

std::string run_sum(std::string_view, std::span<const double> series) {
  return hex(bits_of(lf::signal::kernels::sum(series)));
}

std::string run_detector(std::string_view name, std::span<const double> series) {
  auto detector = lf::detect::make_detector(name);
  if (!detector || !(*detector)->push(series)) fail(name);
  return fingerprint((*detector)->alerts());
}

void report(const Workload& workload, std::size_t samples, const Outcome& outcome) {
  std::printf(
      "{\"target\":\"%s\",\"workload\":\"%s\",\"samples\":%zu,\"best_seconds\":%.6f,"
      "\"repetitions\":%d,\"samples_per_second\":%.0f,\"checksum\":\"%s\"}\n",
      kTarget, workload.name.c_str(), samples, outcome.seconds, outcome.repetitions,
      static_cast<double>(samples) / outcome.seconds, outcome.checksum.c_str());
  std::fflush(stdout);
}

}  // namespace

int main() {
  const std::vector<double> series = lf::bench::make_series();

  std::vector<Workload> workloads{{"sum", run_sum}};
  for (const auto& info : lf::detect::detector_catalog()) {
    workloads.push_back({std::string(info.name), run_detector});
  }
  for (const auto& workload : workloads) {
    report(workload, series.size(), best_of(workload, series));
  }
  return 0;
}
