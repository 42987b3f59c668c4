// The two mutual-information estimators of the emergence measures, as in
// Rosas, Mediano et al.'s ReconcilingEmergences (GaussianMI.m, DiscreteMI.m).
#pragma once

#include <cstdint>
#include <span>

#include "lf/common/result.hpp"
#include "lf/graph/samples.hpp"

namespace lf::emerge {

// I(A; B) for jointly Gaussian variables, from the correlation matrix R of
// the columns of a then b: ½ (ln|R_a| + ln|R_b| − ln|R_ab|), in nats.
// degenerate_input when a column is constant or the columns are collinear.
Result<double> gaussian_mutual_information(const graph::Samples& a, const graph::Samples& b);

// I(A; B) of two symbol sequences of the same length by the plug-in
// estimator (empirical frequencies), in bits.
double discrete_mutual_information(std::span<const std::uint32_t> a,
                                   std::span<const std::uint32_t> b);

}  // namespace lf::emerge
