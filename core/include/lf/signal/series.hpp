// Series: the unit of data every detector consumes. Timestamps are seconds
// (or any strictly increasing unit); when a source has no time column they are
// the sample indices 0, 1, 2, ...
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::signal {

// One named column of values with its timestamps (same length).
struct Series {
  std::string name;
  std::vector<double> timestamps;
  std::vector<double> values;

  std::size_t size() const noexcept { return values.size(); }
};

// Several named columns sharing one time axis. A missing cell is a quiet NaN;
// the validation policy (validate.hpp) decides whether it is rejected or dropped.
struct Table {
  std::vector<std::string> column_names;
  std::vector<double> timestamps;            // one per row
  std::vector<std::vector<double>> columns;  // columns[c][row]

  std::size_t rows() const noexcept { return timestamps.size(); }

  // Index of the column called `name` (exact match), or missing_column.
  Result<std::size_t> find_column(std::string_view name) const;
  // The column called `name`, or the `index`-th one, as a Series.
  Result<Series> series(std::string_view name) const;
  Result<Series> series(std::size_t index) const;
};

// Indices 0..n-1 as timestamps, for sources without a time column.
std::vector<double> index_timestamps(std::size_t n);

}  // namespace lf::signal
