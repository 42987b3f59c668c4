// Symbols for the plug-in (discrete) estimators: integers 0..alphabet−1,
// either the distinct values of already-symbolic data, or bins of
// continuous data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::graph {

enum class Binning : std::uint8_t {
  none,      // every distinct value is a symbol, in increasing order
  uniform,   // `bins` equal-width bins over [min, max]
  quantile,  // `bins` equal-count bins by rank; equal values share a bin
};

std::string_view to_string(Binning binning) noexcept;
// invalid_parameter for a name other than none, uniform, quantile.
Result<Binning> parse_binning(std::string_view name);

struct DiscreteParams {
  Binning binning = Binning::none;
  std::size_t bins = 2;  // used unless binning is none

  bool operator==(const DiscreteParams&) const = default;
};

// invalid_parameter unless bins is in [2, 65536].
Status check_discrete(const DiscreteParams& params);

struct Symbols {
  std::vector<std::uint32_t> values;
  std::uint32_t alphabet = 0;  // symbols are 0..alphabet−1
};

// Values must be finite. Without binning, more than 65536 distinct values is
// an invalid_argument (continuous data: choose a binning).
Result<Symbols> symbolise(std::span<const double> values, const DiscreteParams& params);

}  // namespace lf::graph
