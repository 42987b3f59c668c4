// Significance of a transfer entropy against surrogates: the source's
// observations are shuffled (destroying any relation to the target while
// keeping the source's distribution and the target's own dynamics, as JIDT
// does) or circularly shifted (also keeping the source's autocorrelation),
// and the TE recomputed; the p-value is the fraction of surrogates at least
// as large as the observed value, counted as (1 + #{TE_s >= TE}) / (1 + n)
// so that it is never 0.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lf/common/result.hpp"
#include "lf/graph/transfer_entropy.hpp"

namespace lf::graph {

enum class SurrogateMethod : std::uint8_t { shuffle, circular_shift };

std::string_view to_string(SurrogateMethod method) noexcept;
// invalid_parameter for a name other than shuffle, circular_shift.
Result<SurrogateMethod> parse_surrogate_method(std::string_view name);

struct SurrogateParams {
  std::size_t count = 0;  // 0: no test
  std::uint64_t seed = 0;
  SurrogateMethod method = SurrogateMethod::shuffle;
  // circular_shift only: shifts are drawn from [min_shift, rows − min_shift];
  // 0 means rows / 10 (at least 1).
  std::size_t min_shift = 0;

  bool operator==(const SurrogateParams&) const = default;
};

// invalid_parameter for count above 100000.
Status check_surrogates(const SurrogateParams& params);

struct Significance {
  double te = 0.0;  // the observed value
  std::size_t count = 0;
  double p_value = 1.0;
  double surrogate_mean = 0.0;
  double surrogate_std = 0.0;  // sample standard deviation (n − 1); 0 for one surrogate
};

// The test for an observed value `te` of `estimator` on `source`. The
// surrogates are a function of params.seed only. Errors: those of estimate(),
// and invalid_parameter when a circular shift has no room (rows <= 2·min_shift).
Result<Significance> significance(const TransferEntropy& estimator, const PreparedSource& source,
                                  double te, const SurrogateParams& params);

}  // namespace lf::graph
