#include "lf/graph/discretise.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace lf::graph {
namespace {

constexpr std::size_t kMaxSymbols = 65536;

// Indices of `values` in increasing order of value (ties by index).
std::vector<std::uint32_t> order_by_value(std::span<const double> values) {
  std::vector<std::uint32_t> order(values.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return values[a] < values[b] || (values[a] == values[b] && a < b);
  });
  return order;
}

}  // namespace

std::string_view to_string(Binning binning) noexcept {
  switch (binning) {
    case Binning::none: return "none";
    case Binning::uniform: return "uniform";
    case Binning::quantile: return "quantile";
  }
  return "none";
}

Result<Binning> parse_binning(std::string_view name) {
  if (name == "none") return Binning::none;
  if (name == "uniform") return Binning::uniform;
  if (name == "quantile") return Binning::quantile;
  return make_error(ErrorCode::invalid_parameter,
                    "binning must be none, uniform or quantile, not '" + std::string(name) + "'");
}

Status check_discrete(const DiscreteParams& params) {
  if (params.bins < 2 || params.bins > kMaxSymbols) {
    return make_error(ErrorCode::invalid_parameter, "bins must be an integer in [2, 65536]");
  }
  return {};
}

Result<Symbols> symbolise(std::span<const double> values, const DiscreteParams& params) {
  Symbols out;
  out.values.resize(values.size());
  if (values.empty()) return out;
  if (params.binning == Binning::uniform) {
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    const double width = *hi - *lo;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const double position = width > 0.0 ? (values[i] - *lo) / width : 0.0;
      const auto bin = static_cast<std::size_t>(position * static_cast<double>(params.bins));
      out.values[i] = static_cast<std::uint32_t>(std::min(bin, params.bins - 1));
    }
    out.alphabet = static_cast<std::uint32_t>(params.bins);
    return out;
  }
  const std::vector<std::uint32_t> order = order_by_value(values);
  const std::size_t n = values.size();
  std::uint32_t symbol = 0;
  for (std::size_t r = 0; r < n; ++r) {
    const bool tie = r > 0 && values[order[r]] == values[order[r - 1]];
    if (params.binning == Binning::quantile) {
      // Rank r falls in bin floor(r·bins/n); a tie keeps its first member's bin.
      if (!tie) symbol = static_cast<std::uint32_t>(r * params.bins / n);
    } else if (r > 0 && !tie) {
      ++symbol;
    }
    out.values[order[r]] = symbol;
  }
  if (params.binning == Binning::none && symbol + std::size_t{1} > kMaxSymbols) {
    return make_error(ErrorCode::invalid_argument,
                      "more than 65536 distinct values: these look continuous; choose a binning "
                      "(uniform or quantile)");
  }
  out.alphabet =
      params.binning == Binning::quantile ? static_cast<std::uint32_t>(params.bins) : symbol + 1;
  return out;
}

}  // namespace lf::graph
