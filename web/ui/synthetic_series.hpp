// Synthetic series for capacity checks (`?synthetic=16x1000000` in the
// browser, `--synthetic 16x1000000` on the desktop): how the dashboard
// behaves with millions of points before real data of that size is at hand.
// Each series is a seeded random walk with a volatility change every
// points/4 samples, so the detectors and plots have structure to show.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"
#include "ui/workspace.hpp"

namespace lf::ui {

struct SyntheticSize {
  std::size_t series;
  std::size_t points;
};

// "COUNTxPOINTS", e.g. "16x1000000": 1-64 series of 2-50,000,000 points.
Result<SyntheticSize> parse_synthetic_size(std::string_view text);

std::vector<Series> synthetic_series(SyntheticSize size, std::uint64_t seed);

}  // namespace lf::ui
