// See decimation.hpp.
#include "ui/plot/decimation.hpp"

#include <algorithm>

namespace lf::ui::plot {

namespace {

Extent column_extent(std::span<const double> y, const MinMaxPyramid* pyramid, std::size_t first,
                     std::size_t last) {
  if (pyramid != nullptr) return pyramid->query(first, last);
  Extent extent;
  for (std::size_t i = first; i < last; ++i) extent.include(y[i]);
  return extent;
}

// The first index in [from, to) with x >= value, or `to`, searched outwards
// from `guess` (steps 1, 2, 4, ... away from it, then a binary search inside
// the last step): O(log d) for an answer d samples from the guess. The
// decimation guesses that a column holds as many samples as the one before,
// which is exact for evenly spaced samples, and its probes then touch only
// the memory the next column reads anyway; a binary search over the whole
// series would touch megabytes per frame.
std::size_t first_at_or_after(std::span<const double> x, std::size_t from, std::size_t to,
                              double value, std::size_t guess) {
  guess = std::clamp(guess, from, to);
  std::size_t lo = from, hi = to;  // the answer is in [lo, hi]
  if (guess < to && x[guess] < value) {
    lo = guess + 1;
    std::size_t step = 1;
    while (lo + step - 1 < to && x[lo + step - 1] < value) {
      lo += step;
      step *= 2;
    }
    hi = std::min(lo + step - 1, to);
  } else {
    hi = guess;
    std::size_t step = 1;
    while (hi >= from + step && x[hi - step] >= value) {
      hi -= step;
      step *= 2;
    }
    lo = hi >= from + step ? hi - step + 1 : from;
  }
  const auto begin = x.begin();
  return static_cast<std::size_t>(std::lower_bound(begin + static_cast<std::ptrdiff_t>(lo),
                                                   begin + static_cast<std::ptrdiff_t>(hi), value) -
                                  begin);
}

}  // namespace

double column_edge(Range visible, std::size_t columns, std::size_t c) {
  if (c >= columns) return visible.max;
  return visible.min + width(visible) * static_cast<double>(c) / static_cast<double>(columns);
}

void decimate(std::span<const double> x, std::span<const double> y, const MinMaxPyramid* pyramid,
              Range visible, std::size_t columns, Decimation& out) {
  out.raw.clear();
  out.columns.clear();
  columns = std::max<std::size_t>(columns, 1);
  const std::size_t n = std::min(x.size(), y.size());
  x = x.first(n);

  const IndexRange shown = visible_indices(x, visible);
  out.has_before = shown.first > 0;
  if (out.has_before) out.before = {x[shown.first - 1], y[shown.first - 1]};
  out.has_after = shown.last < n;
  if (out.has_after) out.after = {x[shown.last], y[shown.last]};

  if (shown.size() < columns) {
    for (std::size_t i = shown.first; i < shown.last; ++i) out.raw.push_back({x[i], y[i]});
    return;
  }

  // Each column's samples are [begin, end): the next column starts at the
  // first sample at or past its left edge (first_at_or_after), so the walk
  // is O(columns * log n) and skips empty columns.
  std::size_t begin = shown.first;
  std::size_t previous_count = shown.size() / columns;
  while (begin < shown.last) {
    // The column of x[begin]: the last c with e(c) <= x[begin]. The division
    // only estimates it; the edge comparisons make it exact.
    const double offset = (x[begin] - visible.min) / width(visible) * static_cast<double>(columns);
    std::size_t c = std::min(static_cast<std::size_t>(std::max(offset, 0.0)), columns - 1);
    while (c > 0 && column_edge(visible, columns, c) > x[begin]) --c;
    while (c + 1 < columns && column_edge(visible, columns, c + 1) <= x[begin]) ++c;

    const std::size_t end =
        c + 1 == columns
            ? shown.last
            : first_at_or_after(x, begin, shown.last, column_edge(visible, columns, c + 1),
                                begin + previous_count);
    previous_count = end - begin;
    out.columns.push_back(
        {c, {x[begin], y[begin]}, {x[end - 1], y[end - 1]}, column_extent(y, pyramid, begin, end)});
    begin = end;
  }
}

}  // namespace lf::ui::plot
