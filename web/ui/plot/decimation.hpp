// Per-pixel-column min/max decimation of a line series.
//
// A line of a million samples across a thousand pixel columns is summarised
// per column by its first sample, its min and max, and its last sample. The
// vertical stroke from min to max is exactly what the raw polyline would
// paint in that column, and the first/last samples keep the real connection
// between columns, including across columns without samples (a gap is a
// straight line from the last sample before it to the first sample after it,
// never a drop to zero). The cost is O(columns * log n) with a MinMaxPyramid,
// independent of how many samples are visible.
//
// Columns: the visible range [v.min, v.max] is cut into `columns` equal
// columns with edges e(c) = v.min + (v.max - v.min) * c / columns; column c
// holds the samples with e(c) <= x < e(c + 1), the last column also x == v.max.
//
// Preconditions (the caller's): x ascending, x and y the same length, no NaN,
// and the pyramid (if any) built over exactly y.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "ui/plot/min_max_pyramid.hpp"
#include "ui/plot/view_math.hpp"

namespace lf::ui::plot {

struct Sample {
  double x = 0.0, y = 0.0;
};

struct ColumnSummary {
  std::size_t column = 0;  // 0 .. columns - 1
  Sample first, last;      // first and last sample in the column (equal if only one)
  Extent y;                // min and max y over the column's samples
};

struct Decimation {
  // Raw path (fewer visible samples than columns): `raw` holds the visible
  // samples, in order. Decimated path: `columns` holds one summary per
  // non-empty column, in column order, and `raw` is empty.
  std::vector<Sample> raw;
  std::vector<ColumnSummary> columns;
  // The nearest samples just outside the visible range, so the line enters
  // and leaves the plot where the data does; absent at the series' ends.
  bool has_before = false, has_after = false;
  Sample before, after;
};

// Column c's left edge (see above); column_edge(v, n, n) is the right edge.
double column_edge(Range visible, std::size_t columns, std::size_t c);

// Fills `out` (reusing its storage) for the samples inside `visible`. With
// `pyramid` each column's extent costs O(log n); without it the column's
// samples are scanned (fine for short series). columns == 0 is treated as 1.
void decimate(std::span<const double> x, std::span<const double> y, const MinMaxPyramid* pyramid,
              Range visible, std::size_t columns, Decimation& out);

}  // namespace lf::ui::plot
