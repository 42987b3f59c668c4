// What a mass function says about a set A of hypotheses:
//   belief        Bel(A) = Σ_{∅≠B⊆A} m(B)    evidence that implies A
//   plausibility  Pl(A)  = Σ_{B∩A≠∅} m(B)    evidence that does not contradict A
//   commonality   Q(A)   = Σ_{B⊇A} m(B)      evidence compatible with every element of A
//                                            (the conjunctive rule multiplies it)
//   pignistic     BetP(A) = Σ_B m(B)·|A∩B|/|B| / (1 − m(∅)): each focal set's mass
//                 shared evenly among its hypotheses; the probability to decide with
//                 (Smets). Bel(A) ≤ BetP(A) ≤ Pl(A) for normalised m.
// Bits of A beyond the frame are ignored.
#pragma once

#include <vector>

#include "lf/common/result.hpp"
#include "lf/fuse/mass_function.hpp"

namespace lf::fuse {

double belief(const MassFunction& m, FocalSet set) noexcept;
double plausibility(const MassFunction& m, FocalSet set) noexcept;
double commonality(const MassFunction& m, FocalSet set) noexcept;

// BetP of each hypothesis, in frame order; sums to 1 (1 − m(∅) is taken as the
// sum of the non-empty masses, so a source accepted within the tolerance still
// gives a probability distribution). total_conflict when m(∅) = 1.
Result<std::vector<double>> pignistic(const MassFunction& m);
Result<double> pignistic(const MassFunction& m, FocalSet set);

// Shafer's weight of conflict −ln(1 − K): 0 for agreeing sources, +inf at K = 1.
double weight_of_conflict(double conflict) noexcept;

}  // namespace lf::fuse
