// The order in which CPython iterates a set of non-negative integers.
//
// TCPDBench's F1 matches truths to predictions greedily, visiting the truths
// in the iteration order of a Python set, and that order decides the count
// when one prediction is within the margin of two truths. To reproduce its
// figures we reproduce the order: CPython's open-addressing set table
// (Objects/setobject.c, unchanged in this respect from 3.7 to 3.12):
//   - 8 slots to start; an int hashes to itself (mod 2^61 - 1);
//   - a key goes to slot hash & mask, else to the next free of the 9 slots
//     after it (when they fit before the table's end), else the probe jumps to
//     (i * 5 + 1 + perturb) & mask with perturb = hash >> 5, >> 10, ...;
//   - once fill * 5 >= mask * 3 the table grows to the smallest power of two
//     above 4 × size and every key is reinserted in slot order;
//   - iteration walks the slots in order.
// Only insertion is modelled: the sets scored are never shrunk.
#pragma once

#include <cstdint>
#include <vector>

namespace lf::detect::detail {

class PythonIntSet {
 public:
  PythonIntSet();

  // set.add(value): a value already present changes nothing.
  void add(std::uint64_t value);

  std::size_t size() const noexcept { return used_; }
  // The values as `for v in s` visits them.
  std::vector<std::uint64_t> iteration_order() const;

 private:
  // The slot holding `value`, else the first free slot of its probe sequence.
  std::uint64_t probe(std::uint64_t value) const;
  // Reinsertion while growing: the keys are distinct, so no equality matters.
  void insert_clean(std::uint64_t value);
  void grow(std::size_t min_used);

  std::vector<std::uint64_t> keys_;
  std::vector<bool> occupied_;
  std::size_t used_ = 0;
};

}  // namespace lf::detect::detail
