// Log-determinants of small symmetric positive-definite matrices (covariance
// and correlation matrices of a few embedded variables), via Eigen's LLT.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::graph {

// ln det of the dims × dims row-major symmetric matrix. degenerate_input when
// it is not positive definite (a constant variable, or one a linear function
// of the others).
Result<double> log_determinant(std::span<const double> matrix, std::size_t dims);

// The sub-matrix of the rows and columns `keep` (in that order).
std::vector<double> sub_matrix(std::span<const double> matrix, std::size_t dims,
                               std::span<const std::size_t> keep);

}  // namespace lf::graph
