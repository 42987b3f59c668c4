// The verification benchmarks' input, identical on every target: a
// `timestamp,x,y,z` CSV of a noisy helix, the shape of the Fractal LBA
// agents' point clouds. The noise comes from a 32-bit LCG and the numbers are
// printed with fixed precision, so both targets build the same PCS.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

namespace lf::bench {

inline std::string helix_csv(int rows) {
  std::string csv = "timestamp,x,y,z\n";
  std::uint32_t state = 12345;
  char line[128];
  for (int i = 0; i < rows; ++i) {
    state = state * 1664525U + 1013904223U;
    const double noise = (state >> 8) / 16777216.0 * 0.01;
    const double t = i * 0.01;
    std::snprintf(line, sizeof line, "%.3f,%.6f,%.6f,%.6f\n", 1700000000.0 + t, std::cos(t) + noise,
                  std::sin(t) - noise, 0.05 * t);
    csv += line;
  }
  return csv;
}

}  // namespace lf::bench
