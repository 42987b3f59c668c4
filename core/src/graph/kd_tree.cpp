#include "lf/graph/kd_tree.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lf::graph {
namespace {

// Leaves of up to this many points: small enough to prune well, large enough
// that a leaf scan (vectorised loops over contiguous columns) replaces
// several levels of branchy node visits.
constexpr std::uint32_t kLeafSize = 32;

bool outside_window(std::size_t i, std::size_t j, std::size_t window) {
  return (i > j ? i - j : j - i) > window;
}

template <std::size_t D>
std::size_t dimension(std::size_t runtime_dims) {
  return D == 0 ? runtime_dims : D;
}

struct Keyed {
  double key;
  std::uint32_t index;
};

// Splits items[0, size) into keys < pivot (or <= pivot with `or_equal`),
// written to the front of `out`, and the rest, written to its back; returns
// how many went to the front. Branchless and out of place: the comparisons
// of a median split are coin flips a branch predictor cannot learn, and an
// in-place swap would chain every step to the previous store.
std::size_t partition(const Keyed* items, std::size_t size, double pivot, bool or_equal,
                      Keyed* out) {
  std::size_t front = 0;
  std::size_t back = size;
  for (std::size_t j = 0; j < size; ++j) {
    const Keyed x = items[j];
    const bool goes_front = or_equal ? x.key <= pivot : x.key < pivot;
    out[front] = x;
    out[back - 1] = x;
    front += goes_front;
    back -= !goes_front;
  }
  return front;
}

template <std::size_t D>
double distance(const double* a, const double* b, std::size_t dims) {
  double d = 0.0;
  for (std::size_t k = 0; k < dimension<D>(dims); ++k) d = std::max(d, std::fabs(a[k] - b[k]));
  return d;
}

// Max-norm distance from `query` to the box [lo, hi] (0 inside it).
template <std::size_t D>
double gap(const double* lo, const double* query, std::size_t dims) {
  const double* hi = lo + dims;
  double g = 0.0;
  for (std::size_t d = 0; d < dimension<D>(dims); ++d) {
    g = std::max(g, std::max(lo[d] - query[d], query[d] - hi[d]));
  }
  return g;
}

// Max-norm distance between the boxes [a_lo, a_hi] and [b_lo, b_hi] (0 if
// they overlap): no point of one is closer than this to a point of the other.
template <std::size_t D>
double box_gap(const double* a, const double* b, std::size_t dims) {
  const double* a_hi = a + dims;
  const double* b_hi = b + dims;
  double g = 0.0;
  for (std::size_t d = 0; d < dimension<D>(dims); ++d) {
    g = std::max(g, std::max(a[d] - b_hi[d], b[d] - a_hi[d]));
  }
  return g;
}

}  // namespace

struct KdTree::Scratch {
  std::vector<Keyed> items;
  std::vector<Keyed> parts;
};

KdTree::KdTree(const Samples& points) : dims_(points.dims), original_(points.values) {
  const std::size_t n = points.rows();
  std::vector<std::uint32_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = static_cast<std::uint32_t>(i);
  nodes_.reserve(2 * (n / kLeafSize + 1));
  bounds_.reserve(2 * dims_ * 2 * (n / kLeafSize + 1));
  if (n > 0) {
    Scratch scratch{std::vector<Keyed>(n), std::vector<Keyed>(n)};
    std::vector<double> box(2 * dims_);
    for (std::size_t d = 0; d < dims_; ++d) {
      box[d] = std::numeric_limits<double>::infinity();
      box[dims_ + d] = -std::numeric_limits<double>::infinity();
    }
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t d = 0; d < dims_; ++d) {
        box[d] = std::min(box[d], original_[i * dims_ + d]);
        box[dims_ + d] = std::max(box[dims_ + d], original_[i * dims_ + d]);
      }
    }
    build(order, 0, static_cast<std::uint32_t>(n), box, scratch);
  }
  index_ = std::move(order);
  columns_.resize(n * dims_);
  for (std::size_t p = 0; p < n; ++p) {
    for (std::size_t d = 0; d < dims_; ++d) columns_[d * n + p] = original_[index_[p] * dims_ + d];
  }
}

template <std::size_t D>
void KdTree::leaf_distances(std::uint32_t begin, std::uint32_t end, const double* query,
                            double* out) const {
  const std::size_t n = size();
  const std::size_t len = end - begin;
  const double* column = columns_.data() + begin;
  for (std::size_t j = 0; j < len; ++j) out[j] = std::fabs(column[j] - query[0]);
  for (std::size_t d = 1; d < dimension<D>(dims_); ++d) {
    column += n;
    for (std::size_t j = 0; j < len; ++j)
      out[j] = std::max(out[j], std::fabs(column[j] - query[d]));
  }
}

// Reorders order[begin, end) so that the points before the returned index
// have a smaller coordinate `split` than those after, near the middle: the
// pivot is the median of a fixed sample of the range, which keeps the tree
// balanced enough and costs one partition pass instead of a selection.
std::uint32_t KdTree::split_at_pivot(std::vector<std::uint32_t>& order, std::uint32_t begin,
                                     std::uint32_t end, std::size_t split, Scratch& scratch) const {
  const std::uint32_t size = end - begin;
  std::vector<Keyed>& items = scratch.items;
  std::vector<Keyed>& parts = scratch.parts;
  for (std::uint32_t p = 0; p < size; ++p) {
    items[p] = {original_[std::size_t{order[begin + p]} * dims_ + split], order[begin + p]};
  }
  constexpr std::uint32_t kSample = 31;
  double sample[kSample];
  const std::uint32_t taken = std::min(kSample, size);
  for (std::uint32_t s = 0; s < taken; ++s) {
    sample[s] = items[std::size_t{s} * size / taken].key;
  }
  std::nth_element(sample, sample + taken / 2, sample + taken);
  const double pivot = sample[taken / 2];
  std::size_t front = partition(items.data(), size, pivot, false, parts.data());
  // With no key below the pivot (it is the minimum), keep its ties in front
  // instead; if every key ties, any split is as good as another.
  if (front == 0) front = partition(items.data(), size, pivot, true, parts.data());
  if (front == size) front = size / 2;
  // The front keys take the first `front` slots; the back ones were written
  // from the end, which leaves them reversed, an order as good as any.
  for (std::uint32_t p = 0; p < size; ++p) order[begin + p] = parts[p].index;
  // Points equal to the pivot may sit on either side of a forced split; the
  // tight boxes (computed from the points themselves) stay exact either way.
  return begin + static_cast<std::uint32_t>(front);
}

// `box` bounds the node's points loosely (the parent's box cut at the split),
// which is enough to choose the split; the tight boxes the searches prune
// with are computed bottom-up, each the union of its children's.
std::uint32_t KdTree::build(std::vector<std::uint32_t>& order, std::uint32_t begin,
                            std::uint32_t end, std::vector<double>& box, Scratch& scratch) {
  const auto id = static_cast<std::uint32_t>(nodes_.size());
  nodes_.push_back({begin, end, 0, 0});
  bounds_.resize(bounds_.size() + 2 * dims_);
  const std::size_t tight = std::size_t{id} * 2 * dims_;
  if (end - begin <= kLeafSize) {
    for (std::size_t d = 0; d < dims_; ++d) {
      bounds_[tight + d] = std::numeric_limits<double>::infinity();
      bounds_[tight + dims_ + d] = -std::numeric_limits<double>::infinity();
    }
    for (std::uint32_t p = begin; p < end; ++p) {
      const double* row = original_.data() + std::size_t{order[p]} * dims_;
      for (std::size_t d = 0; d < dims_; ++d) {
        bounds_[tight + d] = std::min(bounds_[tight + d], row[d]);
        bounds_[tight + dims_ + d] = std::max(bounds_[tight + dims_ + d], row[d]);
      }
    }
    return id;
  }

  // Split the widest dimension at its median.
  std::size_t split = 0;
  for (std::size_t d = 1; d < dims_; ++d) {
    if (box[dims_ + d] - box[d] > box[dims_ + split] - box[split]) split = d;
  }
  const std::uint32_t mid = split_at_pivot(order, begin, end, split, scratch);
  const double median = original_[std::size_t{order[mid]} * dims_ + split];
  const double upper = box[dims_ + split];
  box[dims_ + split] = median;
  const std::uint32_t left = build(order, begin, mid, box, scratch);
  box[dims_ + split] = upper;
  const double lower = box[split];
  box[split] = median;
  const std::uint32_t right = build(order, mid, end, box, scratch);
  box[split] = lower;

  nodes_[id].left = left;
  nodes_[id].right = right;
  const std::size_t a = std::size_t{left} * 2 * dims_;
  const std::size_t b = std::size_t{right} * 2 * dims_;
  for (std::size_t d = 0; d < dims_; ++d) {
    bounds_[tight + d] = std::min(bounds_[a + d], bounds_[b + d]);
    bounds_[tight + dims_ + d] = std::max(bounds_[a + dims_ + d], bounds_[b + dims_ + d]);
  }
  return id;
}

template <std::size_t D>
std::vector<double> KdTree::kth_distances(std::size_t k, std::size_t window) const {
  // Leaf by leaf: the queries of one leaf are close together and need the
  // same neighbouring leaves, so one walk of the tree per leaf (pruned by
  // the distance between boxes) serves all of them, instead of one walk per
  // query; each query still skips any leaf whose box is no closer than its
  // own current k-th distance.
  const std::size_t n = size();
  std::vector<double> out(n, 0.0);
  std::vector<double> best;   // k distances per query of the leaf, ascending; +inf until found
  std::vector<double> worst;  // per query: its k-th distance so far
  struct Pending {
    std::uint32_t node;
    double gap;
  };
  std::vector<Pending> stack;
  double distances[kLeafSize];

  for (std::uint32_t leaf = 0; leaf < nodes_.size(); ++leaf) {
    const Node& own = nodes_[leaf];
    if (own.left != 0) continue;
    const std::size_t m = own.end - own.begin;
    best.assign(m * k, std::numeric_limits<double>::infinity());
    worst.assign(m, std::numeric_limits<double>::infinity());
    const double* own_box = bounds_.data() + std::size_t{leaf} * 2 * dims_;

    // Offers the points of leaf `id` to every query of this leaf that its
    // box could still help.
    const auto scan = [&](const Node& node, const double* box) {
      for (std::size_t slot = 0; slot < m; ++slot) {
        const std::size_t self = index_[own.begin + slot];
        const double* query = original_.data() + self * dims_;
        if (!(gap<D>(box, query, dims_) < worst[slot])) continue;
        leaf_distances<D>(node.begin, node.end, query, distances);
        double* kept = best.data() + slot * k;
        for (std::uint32_t q = node.begin; q < node.end; ++q) {
          const double d = distances[q - node.begin];
          if (!(d < worst[slot]) || !outside_window(self, index_[q], window)) continue;
          // Insertion by a fixed compare-exchange pass, without data-dependent
          // branches.
          kept[k - 1] = d;
          for (std::size_t pos = k - 1; pos > 0; --pos) {
            const double lower = std::min(kept[pos - 1], kept[pos]);
            kept[pos] = std::max(kept[pos - 1], kept[pos]);
            kept[pos - 1] = lower;
          }
          worst[slot] = kept[k - 1];
        }
      }
    };

    // The largest k-th distance of the leaf's queries (a plain loop the
    // compiler vectorises).
    const auto largest = [&] {
      double r = 0.0;
      for (std::size_t slot = 0; slot < m; ++slot) r = std::max(r, worst[slot]);
      return r;
    };
    // The own leaf first: it bounds every query's k-th distance at once.
    scan(own, own_box);
    double reach = largest();
    stack.push_back({0, 0.0});
    while (!stack.empty()) {
      const Pending pending = stack.back();
      stack.pop_back();
      // A node no closer to this leaf's box than every query's k-th
      // distance cannot change any of them.
      if (pending.node == leaf || !(pending.gap < reach)) continue;
      const Node& node = nodes_[pending.node];
      const double* box = bounds_.data() + std::size_t{pending.node} * 2 * dims_;
      if (node.left != 0) {
        const double gap_left =
            box_gap<D>(bounds_.data() + std::size_t{node.left} * 2 * dims_, own_box, dims_);
        const double gap_right =
            box_gap<D>(bounds_.data() + std::size_t{node.right} * 2 * dims_, own_box, dims_);
        // The nearer child goes on top, so it is searched first.
        const bool left_near = gap_left <= gap_right;
        stack.push_back({left_near ? node.right : node.left, std::max(gap_left, gap_right)});
        stack.push_back({left_near ? node.left : node.right, std::min(gap_left, gap_right)});
        continue;
      }
      scan(node, box);
      reach = largest();
    }
    for (std::size_t slot = 0; slot < m; ++slot) {
      out[index_[own.begin + slot]] = best[slot * k + k - 1];
    }
  }
  return out;
}

std::vector<double> KdTree::kth_neighbour_distances(std::size_t k, std::size_t window) const {
  switch (dims_) {
    case 1: return kth_distances<1>(k, window);
    case 2: return kth_distances<2>(k, window);
    case 3: return kth_distances<3>(k, window);
    case 4: return kth_distances<4>(k, window);
    default: return kth_distances<0>(k, window);
  }
}

template <std::size_t D>
std::size_t KdTree::count_all_closer(std::uint32_t id, const double* query, double radius) const {
  const Node& node = nodes_[id];
  const double* lo = bounds_.data() + std::size_t{id} * 2 * dims_;
  const double* hi = lo + dims_;
  bool inside = true;
  for (std::size_t d = 0; d < dimension<D>(dims_); ++d) {
    // Rounding is monotone, so |p − q| over the box peaks at a corner: these
    // two tests decide every point of the node without visiting it.
    if (lo[d] - query[d] >= radius || query[d] - hi[d] >= radius) return 0;
    inside = inside && std::fabs(lo[d] - query[d]) < radius && std::fabs(hi[d] - query[d]) < radius;
  }
  if (inside) return node.end - node.begin;
  if (node.left == 0) {
    double distances[kLeafSize];
    leaf_distances<D>(node.begin, node.end, query, distances);
    std::size_t count = 0;
    for (std::uint32_t j = 0; j < node.end - node.begin; ++j) count += distances[j] < radius;
    return count;
  }
  return count_all_closer<D>(node.left, query, radius) +
         count_all_closer<D>(node.right, query, radius);
}

template <std::size_t D>
std::vector<std::uint32_t> KdTree::counts(const std::vector<double>& radii,
                                          std::size_t window) const {
  const std::size_t n = size();
  std::vector<std::uint32_t> out(n, 0);
  for (std::size_t p = 0; p < n; ++p) {
    const std::size_t i = index_[p];
    const double* query = original_.data() + i * dims_;
    std::size_t count = count_all_closer<D>(0, query, radii[i]);
    // Take back the points inside the exclusion window (i itself included).
    const std::size_t from = i > window ? i - window : 0;
    const std::size_t to = std::min(n - 1, i + window);
    for (std::size_t j = from; j <= to; ++j) {
      if (distance<D>(original_.data() + j * dims_, query, dims_) < radii[i]) --count;
    }
    out[i] = static_cast<std::uint32_t>(count);
  }
  return out;
}

std::vector<std::uint32_t> KdTree::count_closer(const std::vector<double>& radii,
                                                std::size_t window) const {
  switch (dims_) {
    case 1: return counts<1>(radii, window);
    case 2: return counts<2>(radii, window);
    case 3: return counts<3>(radii, window);
    case 4: return counts<4>(radii, window);
    default: return counts<0>(radii, window);
  }
}

}  // namespace lf::graph
