// Frames of discernment (design seed 000 §3.4): up to 64 named, mutually
// exclusive hypotheses. A subset of the frame (a focal set) is a 64-bit
// bitset, bit i standing for hypothesis i, so intersection and union are one
// instruction each and the combination rules stay allocation-light.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::fuse {

using FocalSet = std::uint64_t;

inline constexpr std::size_t kMaxHypotheses = 64;

// The full set Θ of a frame of `size` hypotheses (1..64).
constexpr FocalSet full_set(std::size_t size) noexcept {
  return size >= kMaxHypotheses ? ~FocalSet{0} : (FocalSet{1} << size) - 1;
}

class Frame {
 public:
  // 1..64 distinct, non-empty names. No names: empty_input; more than 64, a
  // duplicate or an empty name: invalid_argument.
  static Result<Frame> create(std::vector<std::string> hypotheses);

  std::size_t size() const noexcept { return hypotheses_.size(); }
  FocalSet theta() const noexcept { return full_set(hypotheses_.size()); }
  std::span<const std::string> hypotheses() const noexcept { return hypotheses_; }

  // unknown_hypothesis (listing the frame) for a name not in the frame.
  Result<std::size_t> index_of(std::string_view name) const;
  // The set of the named hypotheses; a name given twice is the same element.
  Result<FocalSet> set_of(std::span<const std::string> names) const;
  // The hypotheses of `set`, in frame order (bits beyond the frame ignored).
  std::vector<std::string> names_of(FocalSet set) const;
  // "{a, b}" (frame order), "{}" for the empty set: for messages and tables.
  std::string describe(FocalSet set) const;

  bool operator==(const Frame&) const = default;

 private:
  explicit Frame(std::vector<std::string> hypotheses) : hypotheses_(std::move(hypotheses)) {}

  std::vector<std::string> hypotheses_;
};

}  // namespace lf::fuse
