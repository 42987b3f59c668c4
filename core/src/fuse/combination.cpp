#include "lf/fuse/combination.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numbers>

#include "accumulator.hpp"
#include "format.hpp"
#include "mass_access.hpp"

namespace lf::fuse {
namespace {

using detail::MassAccess;
using detail::SparseAccumulator;
using Elements = std::span<const FocalElement>;

constexpr std::array<Rule, 7> kRules{Rule::dempster, Rule::conjunctive,  Rule::disjunctive,
                                     Rule::yager,    Rule::dubois_prade, Rule::pcr5,
                                     Rule::murphy};

// Sends the products m1(B)·m2(C) of one focal element B of the running
// result with every element C of the next source where rule R puts them,
// through add(set, mass), and adds the conflicting ones to `conflict`. Both
// folders below call it with B in ascending order, so each set's masses are
// summed in the same order whichever folder runs. Yager's rule also needs
// finish() once all rows are done; Dempster's normalises afterwards; Murphy's
// rule is never passed here (it folds with Dempster's).
template <Rule R, class Add>
void route_row(FocalSet b_set, double b_mass, Elements next, double& conflict, Add&& add) {
  for (const auto& c : next) {
    const double p = b_mass * c.mass;
    const FocalSet common = b_set & c.set;
    if constexpr (R == Rule::disjunctive) {
      if (common == 0) conflict += p;
      add(b_set | c.set, p);
    } else if (common != 0) {
      add(common, p);
    } else {
      conflict += p;
      if constexpr (R == Rule::conjunctive) {
        add(FocalSet{0}, p);
      } else if constexpr (R == Rule::dubois_prade) {
        add(b_set | c.set, p);
      } else if constexpr (R == Rule::pcr5) {
        // Back to both sets in proportion to the masses that conflicted:
        // m1(B)²m2(C)/(m1(B)+m2(C)) to B, m2(C)²m1(B)/(m1(B)+m2(C)) to C.
        const double total = b_mass + c.mass;
        add(b_set, p * (b_mass / total));
        add(c.set, p * (c.mass / total));
      }
    }
  }
}

template <Rule R, class Add>
void finish(FocalSet theta, double conflict, Add&& add) {
  if constexpr (R == Rule::yager) {
    if (conflict > 0.0) add(theta, conflict);
  }
}

// Calls f.template operator()<R>() for the rule named at run time (Murphy's
// rule folds with Dempster's and is never named here).
template <class F>
void dispatch_rule(Rule rule, F&& f) {
  switch (rule) {
    case Rule::conjunctive: f.template operator()<Rule::conjunctive>(); break;
    case Rule::disjunctive: f.template operator()<Rule::disjunctive>(); break;
    case Rule::yager: f.template operator()<Rule::yager>(); break;
    case Rule::dubois_prade: f.template operator()<Rule::dubois_prade>(); break;
    case Rule::pcr5: f.template operator()<Rule::pcr5>(); break;
    default: f.template operator()<Rule::dempster>(); break;
  }
}

// Divides by the total and drops masses that underflow; returns the total
// (0 when every product conflicted, the elements then left as they are).
double normalise_in_place(std::vector<FocalElement>& elements) {
  double kept = 0.0;
  for (const auto& e : elements) kept += e.mass;
  if (kept == 0.0) return 0.0;
  std::size_t n = 0;
  for (const auto& e : elements) {
    const double mass = e.mass / kept;
    if (mass != 0.0) elements[n++] = {e.set, mass};
  }
  elements.resize(n);
  return kept;
}

// The sources' joint conflict from the Dempster fold: each step's products
// split into conflicting mass k and kept mass 1 − k, and 1 − K = Π(1 − k_i).
// K itself follows K ← K + (1 − K)·k (exact for one pair); the weight
// −ln(1 − K) comes from the kept masses' product, kept scaled so that it
// cannot underflow, once K is large enough that 1 − K loses digits.
class ConflictTally {
 public:
  void add(double conflict, double kept) {
    if (kept == 0.0) {
      total_ = true;
      conflict_ = 1.0;
      return;
    }
    conflict_ = std::min(1.0, conflict_ + (1.0 - conflict_) * conflict);
    kept_mantissa_ *= kept;
    if (kept_mantissa_ < 0x1p-512) {
      int exponent = 0;
      kept_mantissa_ = std::frexp(kept_mantissa_, &exponent);
      kept_exponent_ += exponent;
    }
  }
  bool total() const noexcept { return total_; }
  double conflict() const noexcept { return conflict_; }
  double weight() const noexcept {
    if (total_) return std::numeric_limits<double>::infinity();
    if (conflict_ < 0.5) return -std::log1p(-conflict_);
    return -(std::log(kept_mantissa_) + static_cast<double>(kept_exponent_) * std::numbers::ln2);
  }

 private:
  bool total_ = false;
  double conflict_ = 0.0;
  double kept_mantissa_ = 1.0;
  long kept_exponent_ = 0;
};

// Folds sources pairwise over frames of up to 6 hypotheses, keeping the
// mass of every subset in an array of 2^n (no hashing, sorting or
// allocation per step: what makes ~10^7 combinations/s on small frames).
// Subsets without mass are skipped, so it adds the same products in the same
// order as the sparse folder and gives the same bits.
class DenseFolder {
 public:
  static constexpr std::size_t kFrameLimit = 6;

  DenseFolder(std::size_t frame_size, Elements first)
      : slots_(std::size_t{1} << frame_size), theta_(full_set(frame_size)) {
    std::fill_n(current().begin(), slots_, 0.0);
    for (const auto& e : first) current()[e.set] = e.mass;
  }

  // current ← current ⊕ next by `rule`; for Dempster's rule also normalises
  // and records the step in `tally`.
  void step(Elements next, Rule rule, ConflictTally* tally) {
    dispatch_rule(rule, [&]<Rule R>() { step<R>(next, tally); });
  }

  // An upper bound on the running result's focal elements.
  std::size_t focal_count() const noexcept { return slots_; }

  std::vector<FocalElement> take() const {
    std::vector<FocalElement> out;
    for (std::size_t set = 0; set < slots_; ++set) {
      if (current()[set] != 0.0) out.push_back({set, current()[set]});
    }
    return out;
  }

 private:
  using Masses = std::array<double, std::size_t{1} << kFrameLimit>;

  Masses& current() { return buffers_[active_]; }
  const Masses& current() const { return buffers_[active_]; }

  template <Rule R>
  void step(Elements next, ConflictTally* tally) {
    const Masses& from = current();
    Masses& to = buffers_[1 - active_];
    std::fill_n(to.begin(), slots_, 0.0);
    const auto add = [&to](FocalSet set, double mass) { to[set] += mass; };
    double conflict = 0.0;
    if constexpr (R == Rule::dempster || R == Rule::conjunctive) {
      // Without a branch on conflict: conflicting products land in slot 0
      // (the empty set), summed in the order route_row adds them to
      // `conflict`, so the bits are the same.
      for (std::size_t set = 0; set < slots_; ++set) {
        if (from[set] == 0.0) continue;
        for (const auto& c : next) to[set & c.set] += from[set] * c.mass;
      }
      conflict = to[0];
      if constexpr (R == Rule::dempster) to[0] = 0.0;
    } else {
      for (std::size_t set = 0; set < slots_; ++set) {
        if (from[set] != 0.0) route_row<R>(set, from[set], next, conflict, add);
      }
      finish<R>(theta_, conflict, add);
    }
    if constexpr (R == Rule::dempster) {
      double kept = 0.0;
      for (std::size_t set = 1; set < slots_; ++set) kept += to[set];
      if (kept != 0.0) {
        for (std::size_t set = 1; set < slots_; ++set) to[set] /= kept;
      }
      if (tally != nullptr) tally->add(conflict, kept);
    }
    active_ = 1 - active_;
  }

  std::size_t slots_;
  FocalSet theta_;
  std::array<Masses, 2> buffers_;  // only the first slots_ entries are used
  std::size_t active_ = 0;
};

// Folds sources pairwise over any frame: the running result as a sorted
// vector, the products summed by a hash table; buffers reused at every step.
class SparseFolder {
 public:
  SparseFolder(std::size_t frame_size, Elements first)
      : theta_(full_set(frame_size)), current_(first.begin(), first.end()) {}

  void step(Elements next, Rule rule, ConflictTally* tally) {
    dispatch_rule(rule, [&]<Rule R>() { step<R>(next, tally); });
  }

  std::size_t focal_count() const noexcept { return current_.size(); }
  std::vector<FocalElement> take() { return std::move(current_); }

 private:
  template <Rule R>
  void step(Elements next, ConflictTally* tally) {
    const auto add = [this](FocalSet set, double mass) { acc_.add(set, mass); };
    double conflict = 0.0;
    for (const auto& b : current_) route_row<R>(b.set, b.mass, next, conflict, add);
    finish<R>(theta_, conflict, add);
    scratch_.clear();
    acc_.drain(scratch_);
    if constexpr (R == Rule::dempster) {
      const double kept = normalise_in_place(scratch_);
      if (tally != nullptr) tally->add(conflict, kept);
    }
    current_.swap(scratch_);
  }

  FocalSet theta_;
  SparseAccumulator acc_;
  std::vector<FocalElement> current_;
  std::vector<FocalElement> scratch_;
};

// Sources are handled by pointer so that combine(a, b) copies no masses.
using Sources = std::span<const MassFunction* const>;

std::vector<const MassFunction*> pointers_to(std::span<const MassFunction> sources) {
  std::vector<const MassFunction*> pointers;
  pointers.reserve(sources.size());
  for (const auto& m : sources) pointers.push_back(&m);
  return pointers;
}

Status check_sources(Sources sources) {
  if (sources.empty()) return make_error(ErrorCode::empty_input, "no sources to combine");
  for (std::size_t i = 1; i < sources.size(); ++i) {
    if (sources[i]->frame_size() != sources[0]->frame_size()) {
      return make_error(ErrorCode::invalid_argument, "source " + std::to_string(i) +
                                                         " is over a frame of " +
                                                         std::to_string(sources[i]->frame_size()) +
                                                         " hypotheses, source 0 over " +
                                                         std::to_string(sources[0]->frame_size()));
    }
  }
  return {};
}

// A sort key from the first focal element (set and the mass's bits), so that
// the canonical order mostly compares integers held next to each other
// rather than chasing every source's masses; equal keys fall back to
// comparing the focal elements.
std::uint64_t sort_key(const MassFunction& m) {
  const FocalElement& first = m.focal_elements().front();
  std::uint64_t bits = 0;  // std::bit_cast is missing from Emscripten 3.1.6's libc++
  std::memcpy(&bits, &first.mass, sizeof bits);
  return bits ^ (first.set * 0x9E3779B97F4A7C15ull);
}

bool lexicographic_less(const MassFunction& a, const MassFunction& b) {
  const auto x = a.focal_elements();
  const auto y = b.focal_elements();
  return std::lexicographical_compare(x.begin(), x.end(), y.begin(), y.end(),
                                      [](const FocalElement& p, const FocalElement& q) {
                                        return p.set != q.set ? p.set < q.set : p.mass < q.mass;
                                      });
}

// An order that depends only on the sources' contents: by sort key, equal
// keys by their focal elements. Sources it cannot tell apart are equal,
// so any permutation of the input gives the same sequence of masses.
bool canonical_less(const MassFunction& a, const MassFunction& b) {
  const std::uint64_t x = sort_key(a);
  const std::uint64_t y = sort_key(b);
  return x != y ? x < y : lexicographic_less(a, b);
}

// The canonical order of many sources, their keys computed once.
std::vector<const MassFunction*> canonical_order(Sources sources) {
  struct Keyed {
    std::uint64_t key;
    const MassFunction* source;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(sources.size());
  for (const MassFunction* m : sources) keyed.push_back({sort_key(*m), m});
  std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
    return a.key != b.key ? a.key < b.key : lexicographic_less(*a.source, *b.source);
  });
  std::vector<const MassFunction*> order;
  order.reserve(keyed.size());
  for (const auto& k : keyed) order.push_back(k.source);
  return order;
}

Error total_conflict_error() {
  return make_error(ErrorCode::total_conflict,
                    "the sources are in total conflict (K = 1): Dempster's rule is undefined; "
                    "yager, dubois_prade or pcr5 still combine them");
}

MassFunction average_of(Sources sources) {
  const std::size_t frame_size = sources.front()->frame_size();
  SparseAccumulator acc;
  for (const MassFunction* m : canonical_order(sources)) {
    for (const auto& e : m->focal_elements()) acc.add(e.set, e.mass);
  }
  std::vector<FocalElement> mean;
  acc.drain(mean);
  const double n = static_cast<double>(sources.size());
  for (auto& e : mean) e.mass /= n;
  std::erase_if(mean, [](const FocalElement& e) { return e.mass == 0.0; });
  return MassAccess::make(frame_size, std::move(mean));
}

// A bound on the products of one pairwise step, hence on the memory a
// request can make a fold use (on large frames the focal sets of the running
// result can multiply with every source).
constexpr std::size_t kMaxProducts = std::size_t{1} << 22;

template <class Folder>
bool too_many_products(const Folder& folder, Elements next) {
  return folder.focal_count() * next.size() > kMaxProducts;
}

Error too_large_error() {
  return make_error(ErrorCode::invalid_argument,
                    "combining these sources needs more than 2^22 products in one step; use "
                    "fewer focal sets per source");
}

// The folds of combine_all for validated sources, by a Folder for the frame size.
template <class Folder>
Result<Combination> combine_with(Sources sources, Sources canonical, Rule rule,
                                 const CombineOptions& options) {
  const std::size_t frame_size = sources.front()->frame_size();

  // The Dempster fold in canonical order gives K for every rule (and is
  // Dempster's result); a total conflict stops it, as nothing can follow.
  ConflictTally tally;
  Folder dempster(frame_size, canonical.front()->focal_elements());
  for (std::size_t i = 1; i < canonical.size() && !tally.total(); ++i) {
    if (too_many_products(dempster, canonical[i]->focal_elements())) return too_large_error();
    dempster.step(canonical[i]->focal_elements(), Rule::dempster, &tally);
  }

  std::vector<FocalElement> result;
  switch (rule) {
    case Rule::dempster:
      if (tally.total()) return total_conflict_error();
      result = dempster.take();
      break;
    case Rule::murphy: {
      const MassFunction mean = average_of(sources);
      Folder folder(frame_size, mean.focal_elements());
      ConflictTally self;
      for (std::size_t i = 1; i < sources.size() && !self.total(); ++i) {
        if (too_many_products(folder, mean.focal_elements())) return too_large_error();
        folder.step(mean.focal_elements(), Rule::dempster, &self);
      }
      if (self.total()) return total_conflict_error();
      result = folder.take();
      break;
    }
    default: {
      const Sources order = is_order_independent(rule) ? canonical : sources;
      Folder folder(frame_size, order.front()->focal_elements());
      for (std::size_t i = 1; i < order.size(); ++i) {
        if (too_many_products(folder, order[i]->focal_elements())) return too_large_error();
        folder.step(order[i]->focal_elements(), rule, nullptr);
      }
      result = folder.take();
      break;
    }
  }
  const double conflict = tally.conflict();
  return Combination{MassAccess::make(frame_size, std::move(result)), conflict, tally.weight(),
                     conflict > options.contested_threshold};
}

// `canonical`: the same sources in canonical order.
Result<Combination> combine_sources(Sources sources, Sources canonical, Rule rule,
                                    const CombineOptions& options) {
  if (!(options.contested_threshold >= 0.0 && options.contested_threshold <= 1.0)) {
    return make_error(ErrorCode::invalid_parameter, "contested threshold must be in [0, 1], got " +
                                                        format_number(options.contested_threshold));
  }
  if (auto s = check_sources(sources); !s) return std::move(s).error();
  if (needs_normalised_sources(rule)) {
    for (std::size_t i = 0; i < sources.size(); ++i) {
      if (!sources[i]->normalised()) {
        return make_error(ErrorCode::invalid_mass_function,
                          "source " + std::to_string(i) + " has mass on the empty set; the " +
                              std::string(to_string(rule)) +
                              " rule needs normalised sources (normalise it, or use conjunctive)");
      }
    }
  }
  if (sources.front()->frame_size() <= DenseFolder::kFrameLimit) {
    return combine_with<DenseFolder>(sources, canonical, rule, options);
  }
  return combine_with<SparseFolder>(sources, canonical, rule, options);
}

}  // namespace

std::span<const Rule> rules() noexcept {
  return kRules;
}

std::string_view to_string(Rule rule) noexcept {
  switch (rule) {
    case Rule::dempster: return "dempster";
    case Rule::conjunctive: return "conjunctive";
    case Rule::disjunctive: return "disjunctive";
    case Rule::yager: return "yager";
    case Rule::dubois_prade: return "dubois_prade";
    case Rule::pcr5: return "pcr5";
    case Rule::murphy: return "murphy";
  }
  return "unknown";
}

Result<Rule> rule_from_string(std::string_view name) {
  for (Rule rule : kRules) {
    if (to_string(rule) == name) return rule;
  }
  std::string known;
  for (Rule rule : kRules) known += (known.empty() ? "" : ", ") + std::string(to_string(rule));
  return make_error(ErrorCode::invalid_argument,
                    "unknown combination rule '" + std::string(name) + "' (rules: " + known + ")");
}

bool is_order_independent(Rule rule) noexcept {
  return rule == Rule::dempster || rule == Rule::conjunctive || rule == Rule::disjunctive ||
         rule == Rule::murphy;
}

bool needs_normalised_sources(Rule rule) noexcept {
  return rule != Rule::conjunctive && rule != Rule::disjunctive;
}

Result<Combination> combine(const MassFunction& a, const MassFunction& b, Rule rule,
                            const CombineOptions& options) {
  const std::array<const MassFunction*, 2> given{&a, &b};
  const std::array<const MassFunction*, 2> canonical =
      canonical_less(b, a) ? std::array<const MassFunction*, 2>{&b, &a} : given;
  return combine_sources(given, canonical, rule, options);
}

Result<Combination> combine_all(std::span<const MassFunction> sources, Rule rule,
                                const CombineOptions& options) {
  const auto given = pointers_to(sources);
  return combine_sources(given, canonical_order(given), rule, options);
}

Result<MassFunction> average(std::span<const MassFunction> sources) {
  const auto pointers = pointers_to(sources);
  if (auto s = check_sources(pointers); !s) return std::move(s).error();
  return average_of(pointers);
}

Result<MassFunction> normalise(const MassFunction& m) {
  if (m.normalised()) return m;
  const auto elements = m.focal_elements();
  std::vector<FocalElement> kept(elements.begin() + 1, elements.end());
  if (normalise_in_place(kept) == 0.0) {
    return make_error(ErrorCode::total_conflict,
                      "all the mass is on the empty set: there is nothing to normalise");
  }
  return MassAccess::make(m.frame_size(), std::move(kept));
}

}  // namespace lf::fuse
