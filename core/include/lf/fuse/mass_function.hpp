// Mass functions (basic belief assignments) over a frame of discernment:
// masses m(A) on focal sets A ⊆ Θ, each in [0, 1], summing to 1. A mass
// function knows its frame only by size; the names live in the Frame the
// caller keeps, so combining a thousand sources copies no strings.
//
// Invariants (every MassFunction, whether validated or produced by a rule):
// focal elements in ascending bitset order, each set once, no zero masses,
// every set within the frame. The fixed order is what makes every rule's
// floating-point summation order, and hence its output, reproducible.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/fuse/frame.hpp"

namespace lf::fuse {

namespace detail {
struct MassAccess;
}

struct FocalElement {
  FocalSet set;
  double mass;

  bool operator==(const FocalElement&) const = default;
};

struct MassOptions {
  // |Σ m − 1| must not exceed this. The masses are kept as given (not
  // rescaled), so decimal inputs such as 0.1 + 0.2 + 0.7 pass unchanged.
  double tolerance = 1e-9;
  // Unnormalised (open-world, TBM) mass functions may put mass on ∅; the
  // rules that redistribute conflict refuse them (see combination.hpp).
  bool allow_empty = false;
};

class MassFunction {
 public:
  // Validates and normalises the representation (sorted, zero masses
  // dropped). Errors: frame_size outside 1..64 or a bad tolerance:
  // invalid_argument / invalid_parameter; no elements: empty_input; a set with
  // bits beyond the frame: unknown_hypothesis; a mass that is not finite or
  // outside [0, 1], a set given twice, mass on ∅ (unless allow_empty), or a
  // sum off 1: invalid_mass_function. Messages name the element's position.
  static Result<MassFunction> create(std::size_t frame_size, std::vector<FocalElement> elements,
                                     const MassOptions& options = {});
  // Total ignorance: m(Θ) = 1.
  static Result<MassFunction> vacuous(std::size_t frame_size);

  std::size_t frame_size() const noexcept { return frame_size_; }
  FocalSet theta() const noexcept { return full_set(frame_size_); }
  std::span<const FocalElement> focal_elements() const noexcept { return elements_; }
  // m(set); 0 when `set` is not focal.
  double mass(FocalSet set) const noexcept;
  // m(∅): non-zero only for unnormalised mass functions.
  double empty_mass() const noexcept { return mass(0); }
  bool normalised() const noexcept { return elements_.empty() || elements_.front().set != 0; }

  bool operator==(const MassFunction&) const = default;

 private:
  friend struct detail::MassAccess;
  MassFunction(std::size_t frame_size, std::vector<FocalElement> elements)
      : frame_size_(frame_size), elements_(std::move(elements)) {}

  std::size_t frame_size_;
  std::vector<FocalElement> elements_;
};

}  // namespace lf::fuse
