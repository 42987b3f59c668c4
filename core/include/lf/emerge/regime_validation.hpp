// Does a regime labelling mean anything? A labelling (one label per sample,
// e.g. from a change-point or clustering step) is accepted as a macroscopic
// variable only if it is causally emergent over the micro signals it was
// derived from: Ψ, computed with V = the label sequence and X = the micro
// signals, must reach a threshold (design seed: 0.1). Labels that the micro
// signals already predict one at a time add nothing and are rejected, with
// the reasons spelt out.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "lf/emerge/emergence.hpp"

namespace lf::emerge {

struct RegimeValidation {
  bool accepted = false;
  double threshold = 0.1;
  std::optional<Emergence> measures;  // absent when the labelling has a single regime
  std::vector<std::string> reasons;   // why it was rejected; empty when accepted
};

// The labels are symbols whatever params.macro_symbols says (each distinct
// label a regime). A single regime is a rejection, not an error. Errors as
// emergence(), and invalid_parameter for a non-finite threshold.
Result<RegimeValidation> validate_regimes(std::span<const double> labels,
                                          std::span<const std::vector<double>> micro,
                                          const EmergenceParams& params, double threshold = 0.1);

}  // namespace lf::emerge
