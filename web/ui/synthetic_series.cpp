#include "ui/synthetic_series.hpp"

#include <charconv>
#include <string>

#include "lf/graph/random.hpp"

namespace lf::ui {
namespace {

constexpr std::size_t kMaxSeries = 64;
constexpr std::size_t kMaxPoints = 50'000'000;

bool read_count(std::string_view text, std::size_t& out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc{} && end == text.data() + text.size();
}

}  // namespace

Result<SyntheticSize> parse_synthetic_size(std::string_view text) {
  const auto x = text.find('x');
  SyntheticSize size{};
  if (x == std::string_view::npos || !read_count(text.substr(0, x), size.series) ||
      !read_count(text.substr(x + 1), size.points) || size.series < 1 || size.series > kMaxSeries ||
      size.points < 2 || size.points > kMaxPoints) {
    return make_error(ErrorCode::invalid_argument,
                      "synthetic size '" + std::string(text) +
                          "': expected COUNTxPOINTS with 1-64 series of 2-50000000 points");
  }
  return size;
}

std::vector<Series> synthetic_series(SyntheticSize size, std::uint64_t seed) {
  std::vector<Series> out;
  for (std::size_t s = 0; s < size.series; ++s) {
    graph::Random random(graph::derive_seed(seed, s));
    Series series;
    series.name = "synthetic " + std::to_string(s + 1);
    series.origin = "synthetic " + std::to_string(size.series) + "x" + std::to_string(size.points);
    series.detectors = default_detectors();
    series.timestamps.resize(size.points);
    series.values.resize(size.points);
    const std::size_t quarter = std::max<std::size_t>(size.points / 4, 1);
    double level = 0.0;
    for (std::size_t i = 0; i < size.points; ++i) {
      const double volatility = (i / quarter) % 2 == 0 ? 0.1 : 0.5;
      level += volatility * random.normal();
      series.timestamps[i] = static_cast<double>(i);
      series.values[i] = level;
    }
    out.push_back(std::move(series));
  }
  return out;
}

}  // namespace lf::ui
