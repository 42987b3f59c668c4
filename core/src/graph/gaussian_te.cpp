#include "lf/graph/gaussian_te.hpp"

#include <numeric>
#include <string>
#include <vector>

#include "lf/graph/log_det.hpp"

namespace lf::graph {
namespace {

std::vector<std::size_t> range(std::size_t from, std::size_t to) {
  std::vector<std::size_t> out(to - from);
  std::iota(out.begin(), out.end(), from);
  return out;
}

}  // namespace

Result<GaussianConditionalMi> GaussianConditionalMi::create(Samples y, Samples z,
                                                            std::size_t x_dims) {
  const std::size_t variables = x_dims + y.dims + z.dims;
  if (z.rows() < variables + 2) {
    return make_error(ErrorCode::insufficient_data,
                      std::to_string(z.rows()) + " observations are too few for a " +
                          std::to_string(variables) + "-variable covariance (at least " +
                          std::to_string(variables + 2) + " are needed)");
  }
  const std::size_t y_dims = y.dims;
  Samples yz = concat_columns(y, z);
  const std::vector<double> cov = covariance(yz);
  auto log_det_yz = log_determinant(cov, yz.dims);
  if (!log_det_yz) return std::move(log_det_yz).error();
  const auto z_columns = range(y_dims, yz.dims);
  auto log_det_z = log_determinant(sub_matrix(cov, yz.dims, z_columns), z_columns.size());
  if (!log_det_z) return std::move(log_det_z).error();
  return GaussianConditionalMi(std::move(yz), y_dims, *log_det_yz, *log_det_z);
}

Result<double> GaussianConditionalMi::estimate(const Samples& x) const {
  const Samples joint = concat_columns(x, yz_);  // x, y, z
  const std::vector<double> cov = covariance(joint);
  auto log_det_xyz = log_determinant(cov, joint.dims);
  if (!log_det_xyz) return std::move(log_det_xyz).error();
  std::vector<std::size_t> xz = range(0, x.dims);
  for (std::size_t d = x.dims + y_dims_; d < joint.dims; ++d) xz.push_back(d);
  auto log_det_xz = log_determinant(sub_matrix(cov, joint.dims, xz), xz.size());
  if (!log_det_xz) return std::move(log_det_xz).error();
  return 0.5 * (*log_det_xz + log_det_yz_ - log_det_z_ - *log_det_xyz);
}

}  // namespace lf::graph
