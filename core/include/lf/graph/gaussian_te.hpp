// Transfer entropy of a linear-Gaussian model, in closed form from the
// covariance of the embedded variables (x source past, y target next, z
// target past):
//
//   TE = I(X; Y | Z) = ½ [ln|Σ_xz| + ln|Σ_yz| − ln|Σ_z| − ln|Σ_xyz|]   (nats)
//
// (JIDT's TransferEntropyCalculatorGaussian; equal to half the Granger
// causality log-ratio). Sample covariances (n − 1); Eigen log-determinants.
#pragma once

#include <cstddef>

#include "lf/common/result.hpp"
#include "lf/graph/samples.hpp"

namespace lf::graph {

class GaussianConditionalMi {
 public:
  // insufficient_data unless there are more observations than variables + 1;
  // degenerate_input when y and z alone are collinear.
  static Result<GaussianConditionalMi> create(Samples y, Samples z, std::size_t x_dims);

  // degenerate_input when x is collinear with y and z.
  Result<double> estimate(const Samples& x) const;

  std::size_t rows() const noexcept { return yz_.rows(); }

 private:
  GaussianConditionalMi(Samples yz, std::size_t y_dims, double log_det_yz, double log_det_z)
      : yz_(std::move(yz)), y_dims_(y_dims), log_det_yz_(log_det_yz), log_det_z_(log_det_z) {}

  Samples yz_;  // y columns, then z columns
  std::size_t y_dims_;
  double log_det_yz_;
  double log_det_z_;
};

}  // namespace lf::graph
