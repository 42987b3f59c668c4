#include "python_set_order.hpp"

namespace lf::detect::detail {
namespace {

constexpr std::size_t kMinSize = 8;
constexpr std::uint64_t kLinearProbes = 9;
constexpr unsigned kPerturbShift = 5;
// CPython's hash of a non-negative int is the int modulo this Mersenne prime.
constexpr std::uint64_t kHashModulus = (std::uint64_t{1} << 61) - 1;

std::uint64_t python_hash(std::uint64_t value) noexcept {
  return value % kHashModulus;
}

}  // namespace

PythonIntSet::PythonIntSet() : keys_(kMinSize, 0), occupied_(kMinSize, false) {}

std::uint64_t PythonIntSet::probe(std::uint64_t value) const {
  const std::uint64_t hash = python_hash(value);
  const std::uint64_t mask = keys_.size() - 1;
  std::uint64_t perturb = hash;
  std::uint64_t i = hash & mask;
  for (;;) {
    // The slot itself, then up to 9 neighbours when they fit before the end.
    const std::uint64_t probes = i + kLinearProbes <= mask ? kLinearProbes : 0;
    for (std::uint64_t j = i; j <= i + probes; ++j) {
      if (!occupied_[j] || keys_[j] == value) return j;
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

void PythonIntSet::add(std::uint64_t value) {
  const std::uint64_t slot = probe(value);
  if (occupied_[slot]) return;
  occupied_[slot] = true;
  keys_[slot] = value;
  ++used_;
  // No deletions, so the table's fill equals used_.
  const std::uint64_t mask = keys_.size() - 1;
  if (used_ * 5 >= mask * 3) grow(used_ > 50000 ? used_ * 2 : used_ * 4);
}

void PythonIntSet::insert_clean(std::uint64_t value) {
  const std::uint64_t slot = probe(value);
  occupied_[slot] = true;
  keys_[slot] = value;
}

void PythonIntSet::grow(std::size_t min_used) {
  std::size_t size = kMinSize;
  while (size <= min_used) size <<= 1;
  std::vector<std::uint64_t> old_keys(size, 0);
  std::vector<bool> old_occupied(size, false);
  old_keys.swap(keys_);
  old_occupied.swap(occupied_);
  for (std::size_t slot = 0; slot < old_keys.size(); ++slot) {
    if (old_occupied[slot]) insert_clean(old_keys[slot]);
  }
}

std::vector<std::uint64_t> PythonIntSet::iteration_order() const {
  std::vector<std::uint64_t> order;
  order.reserve(used_);
  for (std::size_t slot = 0; slot < keys_.size(); ++slot) {
    if (occupied_[slot]) order.push_back(keys_[slot]);
  }
  return order;
}

}  // namespace lf::detect::detail
