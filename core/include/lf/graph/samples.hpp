// Samples: the observations an estimator works on, one row per observation,
// `dims` columns, stored row-major (rows are what neighbour searches read).
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::graph {

struct Samples {
  std::size_t dims = 0;
  std::vector<double> values;  // rows() * dims, row-major

  Samples() = default;
  Samples(std::size_t rows, std::size_t dims_) : dims(dims_), values(rows * dims_, 0.0) {}

  std::size_t rows() const noexcept { return dims == 0 ? 0 : values.size() / dims; }
  double& at(std::size_t row, std::size_t dim) { return values[row * dims + dim]; }
  double at(std::size_t row, std::size_t dim) const { return values[row * dims + dim]; }
  std::span<const double> row(std::size_t r) const { return {values.data() + r * dims, dims}; }
};

// The columns of `a` then those of `b`, row by row (same number of rows).
Samples concat_columns(const Samples& a, const Samples& b);
// Rows in the order `order` gives (a permutation of 0..rows-1).
Samples permute_rows(const Samples& samples, std::span<const std::size_t> order);
// Each column shifted to mean 0 and scaled to sample standard deviation 1
// (n − 1). degenerate_input if a column is constant.
Status standardise_columns(Samples& samples);
// The column sample mean and covariance (n − 1), summed in a fixed order.
std::vector<double> covariance(const Samples& samples);

// Checks one input series: non-empty, every value finite, not constant.
// `what` names it in messages ("source", "series[2]").
Status check_series(std::span<const double> values, std::string_view what);

}  // namespace lf::graph
