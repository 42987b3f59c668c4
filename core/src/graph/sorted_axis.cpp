#include "lf/graph/sorted_axis.hpp"

#include <cmath>
#include <cstring>
#include <utility>

namespace lf::graph {
namespace {

// An unsigned key whose order is the numeric order of finite doubles.
std::uint64_t order_key(double value) {
  // memcpy, not std::bit_cast: Emscripten 3.1.6's libc++ lacks the latter.
  std::uint64_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);
  return (bits >> 63) != 0 ? ~bits : bits | (std::uint64_t{1} << 63);
}

// First index in sorted[0, n) where `before_end` is false, for a predicate
// true on a prefix. Branchless (the step is multiplied by the predicate, and
// the predicates combine their comparisons with & and |): which way a probe
// goes is a coin flip a branch predictor cannot learn.
template <class Predicate>
std::size_t first_false(const double* sorted, std::size_t n, Predicate before_end) {
  if (n == 0) return 0;
  std::size_t base = 0;
  while (n > 1) {
    const std::size_t half = n / 2;
    base += half * static_cast<std::size_t>(before_end(sorted[base + half - 1]));
    n -= half;
  }
  return base + static_cast<std::size_t>(before_end(sorted[base]));
}

}  // namespace

SortedAxis::SortedAxis(std::span<const double> values) : values_(values.begin(), values.end()) {
  const std::size_t n = values.size();
  struct Item {
    std::uint64_t key;
    std::uint32_t point;
  };
  std::vector<Item> items(n);
  std::vector<Item> spare(n);
  for (std::size_t i = 0; i < n; ++i)
    items[i] = {order_key(values[i]), static_cast<std::uint32_t>(i)};
  // Six passes of 11 bits; all histograms are counted in one read of the keys.
  constexpr int kBits = 11;
  constexpr int kPasses = 6;
  constexpr std::size_t kBuckets = std::size_t{1} << kBits;
  std::vector<std::uint32_t> histograms(kPasses * kBuckets, 0);
  for (const Item& item : items) {
    for (int pass = 0; pass < kPasses; ++pass) {
      ++histograms[pass * kBuckets + ((item.key >> (pass * kBits)) & (kBuckets - 1))];
    }
  }
  for (int pass = 0; pass < kPasses; ++pass) {
    std::uint32_t* count = histograms.data() + pass * kBuckets;
    // A digit every key shares leaves the order as it is.
    if (count[(items[0].key >> (pass * kBits)) & (kBuckets - 1)] == n) continue;
    std::uint32_t offset = 0;
    for (std::size_t b = 0; b < kBuckets; ++b) offset += std::exchange(count[b], offset);
    for (const Item& item : items) {
      spare[count[(item.key >> (pass * kBits)) & (kBuckets - 1)]++] = item;
    }
    items.swap(spare);
  }
  sorted_.resize(n);
  point_at_.resize(n);
  rank_of_.resize(n);
  for (std::size_t r = 0; r < n; ++r) {
    point_at_[r] = items[r].point;
    sorted_[r] = values[items[r].point];
    rank_of_[items[r].point] = static_cast<std::uint32_t>(r);
  }
}

std::vector<RankRun> SortedAxis::runs(const std::vector<double>& radii) const {
  const std::size_t n = size();
  std::vector<RankRun> out(n);
  // Queries in rank order: consecutive searches walk nearly the same path
  // through the sorted array, which stays in cache.
  for (std::size_t r = 0; r < n; ++r) {
    const std::size_t i = point_at_[r];
    const double centre = sorted_[r];
    const double radius = radii[i];
    // Below the centre |v − c| shrinks as v grows; above it, it grows.
    const std::size_t begin = first_false(sorted_.data(), n, [&](double v) {
      return v < centre && !(std::fabs(v - centre) < radius);
    });
    const std::size_t end = first_false(
        sorted_.data(), n, [&](double v) { return v < centre || std::fabs(v - centre) < radius; });
    out[i] = {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
  }
  return out;
}

std::vector<std::uint32_t> count_in_both(const SortedAxis& a, const std::vector<RankRun>& a_runs,
                                         const SortedAxis& b, const std::vector<RankRun>& b_runs) {
  // Ranks and counts are 32-bit: a KSG estimate over 2^32 points is out of reach anyway.
  const auto n = static_cast<std::uint32_t>(a.size());
  // count_i = S(end_i) − S(begin_i) over a's run, where S(t) counts the
  // points of a-rank < t whose b-rank is in b's run. Queries are bucketed by
  // t (a counting sort), then answered by a sweep over t that inserts the
  // point of a-rank t into a Fenwick tree over b-ranks.
  std::vector<std::uint32_t> bucket(n + 2, 0);
  for (std::size_t i = 0; i < n; ++i) {
    ++bucket[a_runs[i].begin + 1];
    ++bucket[a_runs[i].end + 1];
  }
  for (std::size_t t = 1; t < bucket.size(); ++t) bucket[t] += bucket[t - 1];
  std::vector<std::uint32_t> events(2 * n);  // query index * 2 + (1 if it is the run's end)
  std::vector<std::uint32_t> fill = bucket;  // next free slot of each bucket
  for (std::size_t i = 0; i < n; ++i) {
    events[fill[a_runs[i].begin]++] = static_cast<std::uint32_t>(2 * i);
    events[fill[a_runs[i].end]++] = static_cast<std::uint32_t>(2 * i + 1);
  }

  std::vector<std::uint32_t> fenwick(n + 1, 0);
  const auto inserted_below = [&](std::uint32_t rank) {
    std::uint32_t sum = 0;
    for (; rank > 0; rank &= rank - 1) sum += fenwick[rank];
    return sum;
  };
  std::vector<std::uint32_t> counts(n);
  for (std::size_t t = 0; t <= n; ++t) {
    for (std::uint32_t e = bucket[t]; e < bucket[t + 1]; ++e) {
      const std::uint32_t query = events[e] / 2;
      const RankRun run = b_runs[query];
      const std::uint32_t in_run = inserted_below(run.end) - inserted_below(run.begin);
      // Unsigned wrap-around is exact: the end term is never the smaller.
      counts[query] += (events[e] & 1) != 0 ? in_run : 0u - in_run;
    }
    if (t < n) {
      for (std::size_t r = std::size_t{b.rank_of_[a.point_at_[t]]} + 1; r <= n; r += r & (~r + 1)) {
        ++fenwick[r];
      }
    }
  }
  return counts;
}

}  // namespace lf::graph
