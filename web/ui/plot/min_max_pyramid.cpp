// See min_max_pyramid.hpp.
#include "ui/plot/min_max_pyramid.hpp"

#include <algorithm>

namespace lf::ui::plot {

namespace {

Extent scan(std::span<const double> values) {
  Extent extent;
  for (const double v : values) extent.include(v);
  return extent;
}

}  // namespace

void MinMaxPyramid::append(std::span<const double> values) {
  if (values.empty()) return;
  ++generation_;
  // Fill the current block, complete it, repeat: each value is copied once
  // and each completed block is scanned once.
  while (!values.empty()) {
    const std::size_t room = kLeafSize - values_.size() % kLeafSize;
    const std::size_t take = std::min(room, values.size());
    values_.insert(values_.end(), values.begin(), values.begin() + take);
    values = values.subspan(take);
    if (take == room) complete_leaf();
  }
}

void MinMaxPyramid::complete_leaf() {
  const std::span<const double> leaf(values_.data() + values_.size() - kLeafSize, kLeafSize);
  Extent node = scan(leaf);
  // Carry upwards like a binary counter: a level whose node count becomes even
  // has completed a pair, which is one node of the level above.
  for (std::size_t level = 0;; ++level) {
    if (level == levels_.size()) levels_.emplace_back();
    std::vector<Extent>& nodes = levels_[level];
    nodes.push_back(node);
    if (nodes.size() % 2 != 0) break;
    node = nodes[nodes.size() - 2];
    node.include(nodes.back());
  }
}

void MinMaxPyramid::clear() {
  ++generation_;
  values_.clear();
  levels_.clear();
}

Extent MinMaxPyramid::query(std::size_t first, std::size_t last) const {
  last = std::min(last, values_.size());
  if (first >= last) return {};
  const std::span<const double> all(values_);
  // Whole level-0 blocks inside [first, last): [block_begin, block_end).
  std::size_t block_begin = (first + kLeafSize - 1) / kLeafSize;
  std::size_t block_end = last / kLeafSize;
  if (block_begin >= block_end) return scan(all.subspan(first, last - first));

  Extent extent = scan(all.subspan(first, block_begin * kLeafSize - first));
  extent.include(scan(all.subspan(block_end * kLeafSize, last - block_end * kLeafSize)));
  // Standard bottom-up interval walk: an odd left end or an odd right end is
  // a node whose parent reaches outside the interval, so take it here; the
  // rest is covered by parents. Every node visited is complete: block_end
  // never exceeds a level's node count.
  for (std::size_t level = 0; block_begin < block_end; ++level) {
    const std::vector<Extent>& nodes = levels_[level];
    if (block_begin % 2 != 0) extent.include(nodes[block_begin++]);
    if (block_end % 2 != 0) extent.include(nodes[--block_end]);
    block_begin /= 2;
    block_end /= 2;
  }
  return extent;
}

}  // namespace lf::ui::plot
