#include "lf/graph/log_det.hpp"

#include <Eigen/Dense>
#include <cmath>

namespace lf::graph {

Result<double> log_determinant(std::span<const double> matrix, std::size_t dims) {
  const auto n = static_cast<Eigen::Index>(dims);
  const Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> m(
      matrix.data(), n, n);
  const Eigen::LLT<Eigen::MatrixXd> llt(m);
  if (llt.info() != Eigen::Success) {
    return make_error(ErrorCode::degenerate_input,
                      "the covariance matrix is singular: a variable is constant or a linear "
                      "function of the others");
  }
  double sum = 0.0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double d = llt.matrixL()(i, i);
    if (!(d > 0.0) || !std::isfinite(d)) {
      return make_error(ErrorCode::degenerate_input, "the covariance matrix is singular");
    }
    sum += std::log(d);
  }
  // ln det of the correlation matrix: below ln 1e-12 (a residual variance
  // of 1e-12 of the total, an information of ~14 nats) the factorisation is
  // rounding noise on an exactly collinear set.
  double diagonal = 0.0;
  for (Eigen::Index i = 0; i < n; ++i) diagonal += std::log(m(i, i));
  if (2.0 * sum - diagonal < std::log(1e-12)) {
    return make_error(ErrorCode::degenerate_input,
                      "the covariance matrix is numerically singular (collinear variables)");
  }
  return 2.0 * sum;
}

std::vector<double> sub_matrix(std::span<const double> matrix, std::size_t dims,
                               std::span<const std::size_t> keep) {
  std::vector<double> out(keep.size() * keep.size());
  for (std::size_t a = 0; a < keep.size(); ++a) {
    for (std::size_t b = 0; b < keep.size(); ++b) {
      out[a * keep.size() + b] = matrix[keep[a] * dims + keep[b]];
    }
  }
  return out;
}

}  // namespace lf::graph
