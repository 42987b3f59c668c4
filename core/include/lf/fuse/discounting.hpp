// Shafer's reliability discounting: a source trusted with reliability
// r = 1 − α keeps r of each mass, and the rest, α, becomes ignorance:
//   m'(A) = r·m(A) for A ≠ Θ,   m'(Θ) = r·m(Θ) + (1 − r).
// r = 1 leaves the source unchanged; r = 0 makes it vacuous. Discounting
// before combining keeps an unreliable source from vetoing the others under
// Dempster's rule.
#pragma once

#include "lf/common/result.hpp"
#include "lf/fuse/mass_function.hpp"

namespace lf::fuse {

// invalid_parameter unless reliability is in [0, 1].
Result<MassFunction> discount(const MassFunction& m, double reliability);

}  // namespace lf::fuse
