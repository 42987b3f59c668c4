// Combination rules for mass functions over one frame (design seed 000 §3.4).
// Every rule starts from the products m1(B)·m2(C) of two sources' focal
// elements; they differ in where a product goes when B ∩ C = ∅ (the
// conflict K = Σ_{B∩C=∅} m1(B)·m2(C)):
//
//   dempster      normalised conjunctive: m(A) = Σ_{B∩C=A} m1(B)m2(C) / (1 − K).
//                 Right for reliable, independent sources that mostly agree;
//                 undefined at K = 1 and counter-intuitive near it (Zadeh's
//                 example gives certainty to what both sources found unlikely).
//   conjunctive   Smets' TBM: as Dempster but unnormalised, K stays on ∅
//                 (open world: "none of the hypotheses"). Associative.
//   disjunctive   m(A) = Σ_{B∪C=A} m1(B)m2(C): at least one source is right,
//                 which one is unknown. Cautious; never conflicts. Associative.
//   yager         conjunctive, K moved to Θ (ignorance). Conservative under
//                 high conflict. Commutative, not associative.
//   dubois_prade  conjunctive, each conflicting product moved to B ∪ C: one of
//                 the two sources is right. Commutative, not associative.
//   pcr5          proportional conflict redistribution (Smarandache–Dezert):
//                 each conflicting product goes back to B and C in proportion
//                 to m1(B) and m2(C). Best-behaved under high conflict among
//                 these; commutative, not associative.
//   murphy        Murphy (2000): average the n sources, then combine the
//                 average with itself n − 1 times by Dempster's rule. Damps a
//                 single dissenting source; symmetric in the sources.
//
// Many sources. Dempster, conjunctive and disjunctive are associative and
// commutative, as is Murphy's averaging: their result does not depend on the
// order of the sources, and here it does not even in floating point, because
// the sources are put in a canonical order (by their focal elements) first.
// Yager, Dubois–Prade and PCR5 are not associative: they are applied
// sequentially, ((m1 ⊕ m2) ⊕ m3) ⊕ ..., in the order given. For PCR5 this
// sequential generalisation is not the n-source PCR5 formula (which shares
// each partial conflict among all the sources involved at once): it is the
// usual cheaper approximation, and its result depends on the order.
//
// Conflict. For any rule, the reported K is the conflict among all the
// sources jointly, K = Σ_{A1∩...∩An=∅} Π m_i(A_i): the mass the conjunctive
// combination of every source puts on ∅. It does not depend on the rule nor on
// the order, and it grows with the number of sources (n mildly disagreeing
// sources can be in strong joint conflict). For two sources it is the K above.
//
// Inputs: Dempster, Yager, Dubois–Prade, PCR5 and Murphy need normalised
// sources (no mass on ∅): they redistribute conflict and would misread an
// open-world ∅ as conflict. Conjunctive and disjunctive accept unnormalised
// sources.
#pragma once

#include <span>
#include <string_view>

#include "lf/common/result.hpp"
#include "lf/fuse/mass_function.hpp"

namespace lf::fuse {

enum class Rule { dempster, conjunctive, disjunctive, yager, dubois_prade, pcr5, murphy };

// Every rule, in the order above.
std::span<const Rule> rules() noexcept;
std::string_view to_string(Rule rule) noexcept;
// invalid_argument (listing the rules) for an unknown name.
Result<Rule> rule_from_string(std::string_view name);
// True when the many-source result does not depend on the sources' order.
bool is_order_independent(Rule rule) noexcept;
// True when the rule needs sources without mass on ∅.
bool needs_normalised_sources(Rule rule) noexcept;

inline constexpr double kDefaultContestedThreshold = 0.7;

struct CombineOptions {
  // The fused result is flagged contested when K exceeds this (in [0, 1]):
  // the sources disagree too much for the fused masses to be shown to an
  // analyst without the disagreement itself (seed: surface it).
  double contested_threshold = kDefaultContestedThreshold;
};

struct Combination {
  MassFunction result;
  double conflict;            // K, the sources' joint conflict (see above)
  double weight_of_conflict;  // −ln(1 − K), accurate also when K rounds to 1; +inf at K = 1
  bool contested;             // K > contested_threshold
};

// Two sources; combine(a, b, r) is combine_all({a, b}, r).
Result<Combination> combine(const MassFunction& a, const MassFunction& b, Rule rule,
                            const CombineOptions& options = {});

// Errors: no sources: empty_input; sources over frames of different sizes, or
// a pairwise step that would form more than 2^22 products (focal elements of
// the running result × those of the next source; large frames only):
// invalid_argument; an unnormalised source for a rule that needs normalised
// ones: invalid_mass_function; Dempster's rule when the sources are in total
// conflict (K = 1): total_conflict; a contested threshold outside [0, 1]:
// invalid_parameter. One source is returned as it is, with K = 0.
Result<Combination> combine_all(std::span<const MassFunction> sources, Rule rule,
                                const CombineOptions& options = {});

// The mean of the sources' mass functions (the first step of Murphy's rule).
Result<MassFunction> average(std::span<const MassFunction> sources);

// Dempster's normalisation of an unnormalised mass function (m(∅) spread
// proportionally over the other focal sets): turns a conjunctive (TBM) result
// into the Dempster result. total_conflict when m(∅) = 1.
Result<MassFunction> normalise(const MassFunction& m);

}  // namespace lf::fuse
