// The timing loop and report line shared by the portable throughput programs
// (built natively and with Emscripten for Node), so every wasm/native ratio
// compares the same code measured the same way.
//
// A workload is called through a function pointer once per repetition. V8
// starts wasm in its baseline compiler (Liftoff) and switches a function to
// optimised code only when it is next entered: it has no on-stack replacement
// for wasm. wasm-opt inlines functions called from a single place, so a
// workload called directly would end up inside main(), which is entered once,
// and would run unoptimised forever (measured: the sum at a third of its
// optimised speed). Real callers (the JS package) enter the library per call.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

namespace lf::bench {

#ifdef __EMSCRIPTEN__
inline constexpr const char* kTarget = "wasm";
#else
inline constexpr const char* kTarget = "native";
#endif

// Best of at least 5 runs and at least a second of runs: the machine is
// shared, and the least disturbed run is the closest to what the code itself
// costs.
inline constexpr int kMinRepetitions = 5;
inline constexpr double kMinTotalSeconds = 1.0;

struct Outcome {
  double seconds = 0.0;  // the best run
  int repetitions = 0;
  std::string checksum;
};

[[noreturn]] inline void fail(std::string_view program, std::string_view what) {
  std::fprintf(stderr, "%.*s: %.*s\n", static_cast<int>(program.size()), program.data(),
               static_cast<int>(what.size()), what.data());
  std::exit(1);
}

// std::bit_cast is missing from Emscripten 3.1.6's libc++.
inline std::uint64_t bits_of(double x) {
  std::uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits;
}

inline std::string hex(std::uint64_t bits) {
  char text[19];
  std::snprintf(text, sizeof text, "0x%016llx", static_cast<unsigned long long>(bits));
  return text;
}

// FNV-1a over 64-bit words: checksums that show any difference in a result.
class Fingerprint {
 public:
  void mix(std::uint64_t word) {
    for (int byte = 0; byte < 8; ++byte) {
      hash_ ^= (word >> (8 * byte)) & 0xff;
      hash_ *= 0x100000001b3ull;
    }
  }
  void mix(std::string_view text) {
    for (const char c : text) mix(static_cast<unsigned char>(c));
  }
  std::string hex() const { return bench::hex(hash_); }

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ull;
};

// Runs `run(context)` until both minimums are met; every repetition must
// return the same checksum.
template <class Context>
Outcome best_of(std::string_view program, std::string (*run)(const Context&),
                const Context& context) {
  Outcome best;
  double total = 0.0;
  while (best.repetitions < kMinRepetitions || total < kMinTotalSeconds) {
    const auto start = std::chrono::steady_clock::now();
    std::string checksum = run(context);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    if (best.repetitions > 0 && checksum != best.checksum) {
      fail(program, "checksum changed between repetitions");
    }
    if (best.repetitions == 0 || elapsed.count() < best.seconds) best.seconds = elapsed.count();
    best.checksum = std::move(checksum);
    ++best.repetitions;
    total += elapsed.count();
  }
  return best;
}

// One JSON line per workload: `items` processed per run, in `unit`s.
inline void report(std::string_view workload, std::string_view unit, double items,
                   const Outcome& outcome) {
  std::printf(
      "{\"target\":\"%s\",\"workload\":\"%.*s\",\"unit\":\"%.*s\",\"items\":%.0f,"
      "\"best_seconds\":%.6f,\"repetitions\":%d,\"per_second\":%.0f,\"checksum\":\"%s\"}\n",
      kTarget, static_cast<int>(workload.size()), workload.data(), static_cast<int>(unit.size()),
      unit.data(), items, outcome.seconds, outcome.repetitions, items / outcome.seconds,
      outcome.checksum.c_str());
  std::fflush(stdout);
}

}  // namespace lf::bench
