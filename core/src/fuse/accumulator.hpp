// Internal: sums the products a combination rule sends to each focal set, for
// frames too large to keep every subset's mass in an array: an open-addressing
// hash table on the set, the distinct sets sorted once when drained. Each
// set's masses are summed in the order they were added, and the sets come out
// in ascending order, which fixes every rule's floating-point summation order.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "lf/fuse/mass_function.hpp"

namespace lf::fuse::detail {

class SparseAccumulator {
 public:
  void add(FocalSet set, double mass) {
    if (2 * (entries_.size() + 1) > table_.size()) grow();
    for (std::size_t slot = home(set);; slot = (slot + 1) & (table_.size() - 1)) {
      const std::uint32_t index = table_[slot];
      if (index == 0) {
        entries_.push_back({set, mass});
        table_[slot] = static_cast<std::uint32_t>(entries_.size());
        return;
      }
      if (entries_[index - 1].set == set) {
        entries_[index - 1].mass += mass;
        return;
      }
    }
  }

  // Appends the sums to `out` in ascending set order, dropping sums that are
  // exactly zero (underflow), and starts over.
  void drain(std::vector<FocalElement>& out) {
    std::sort(entries_.begin(), entries_.end(),
              [](const FocalElement& a, const FocalElement& b) { return a.set < b.set; });
    for (const auto& e : entries_) {
      if (e.mass != 0.0) out.push_back(e);
    }
    entries_.clear();
    std::fill(table_.begin(), table_.end(), 0);
  }

 private:
  // Fibonacci hashing: the top bits of set × 2^64/φ.
  std::size_t home(FocalSet set) const {
    return static_cast<std::size_t>((set * 0x9E3779B97F4A7C15ull) >> (64 - shift_bits_));
  }

  void grow() {
    shift_bits_ = table_.empty() ? 6 : shift_bits_ + 1;
    table_.assign(std::size_t{1} << shift_bits_, 0);
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      std::size_t slot = home(entries_[i].set);
      while (table_[slot] != 0) slot = (slot + 1) & (table_.size() - 1);
      table_[slot] = static_cast<std::uint32_t>(i + 1);
    }
  }

  std::vector<FocalElement> entries_;  // distinct sets, in first-added order
  std::vector<std::uint32_t> table_;   // 0: empty; else an index into entries_ + 1
  int shift_bits_ = 0;
};

}  // namespace lf::fuse::detail
