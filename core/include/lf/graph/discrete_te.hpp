// Transfer entropy of symbolic series by the plug-in estimator: the
// empirical distribution of (x, y, z) = (source past, target next, target
// past) states, each a history of symbols coded as one integer, and
//
//   TE = (1/N) Σ_t ln[ p(y_t | x_t, z_t) / p(y_t | z_t) ]
//      = (1/N) Σ_t ln[ c(x,y,z) c(z) / (c(x,z) c(y,z)) ]   (nats)
//
// (JIDT's TransferEntropyCalculatorDiscrete, which reports bits: divide by
// ln 2). Biased upwards for short series over large alphabets.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/graph/discretise.hpp"
#include "lf/graph/samples.hpp"

namespace lf::graph {

// One code per row of an embedded history of symbols (alphabet `alphabet`):
// Σ_j symbol_j · alphabet^j. invalid_parameter if alphabet^dims exceeds 2^62.
Result<std::vector<std::uint64_t>> state_codes(const Samples& symbols, std::uint32_t alphabet);

class DiscreteConditionalMi {
 public:
  // y and z: state codes per observation (same length).
  DiscreteConditionalMi(std::vector<std::uint64_t> y, std::vector<std::uint64_t> z);

  // x: source state codes per observation. Nats.
  double estimate(std::span<const std::uint64_t> x) const;

  std::size_t rows() const noexcept { return y_.size(); }

 private:
  std::vector<std::uint64_t> y_;
  std::vector<std::uint64_t> z_;
  std::vector<std::uint32_t> count_yz_;  // per observation
  std::vector<std::uint32_t> count_z_;   // per observation
};

}  // namespace lf::graph
