#include "lf/emerge/mutual_information.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "lf/graph/log_det.hpp"

namespace lf::emerge {
namespace {

// The sizes of the groups of equal keys, in key order.
std::vector<std::uint32_t> run_sizes(std::vector<std::uint64_t> keys) {
  std::sort(keys.begin(), keys.end());
  std::vector<std::uint32_t> sizes;
  for (std::size_t begin = 0; begin < keys.size();) {
    std::size_t end = begin + 1;
    while (end < keys.size() && keys[end] == keys[begin]) ++end;
    sizes.push_back(static_cast<std::uint32_t>(end - begin));
    begin = end;
  }
  return sizes;
}

// Plug-in entropy, bits, of the distribution given by run sizes.
double entropy_bits(const std::vector<std::uint32_t>& sizes, std::size_t n) {
  double h = 0.0;
  for (const std::uint32_t c : sizes) {
    const double p = static_cast<double>(c) / static_cast<double>(n);
    h -= p * std::log2(p);
  }
  return h;
}

}  // namespace

Result<double> gaussian_mutual_information(const graph::Samples& a, const graph::Samples& b) {
  const graph::Samples joint = graph::concat_columns(a, b);
  std::vector<double> r = graph::covariance(joint);
  const std::size_t d = joint.dims;
  for (std::size_t i = 0; i < d; ++i) {
    if (!(r[i * d + i] > 0.0)) {
      return make_error(ErrorCode::degenerate_input,
                        "a variable is constant: its mutual information is undefined");
    }
  }
  // Covariance to correlation.
  std::vector<double> scale(d);
  for (std::size_t i = 0; i < d; ++i) scale[i] = 1.0 / std::sqrt(r[i * d + i]);
  for (std::size_t i = 0; i < d; ++i) {
    for (std::size_t j = 0; j < d; ++j) r[i * d + j] *= scale[i] * scale[j];
  }
  std::vector<std::size_t> first(a.dims);
  std::iota(first.begin(), first.end(), std::size_t{0});
  std::vector<std::size_t> second(b.dims);
  std::iota(second.begin(), second.end(), a.dims);
  auto joint_ld = graph::log_determinant(r, d);
  if (!joint_ld) return std::move(joint_ld).error();
  auto a_ld = graph::log_determinant(graph::sub_matrix(r, d, first), a.dims);
  if (!a_ld) return std::move(a_ld).error();
  auto b_ld = graph::log_determinant(graph::sub_matrix(r, d, second), b.dims);
  if (!b_ld) return std::move(b_ld).error();
  return 0.5 * (*a_ld + *b_ld - *joint_ld);
}

double discrete_mutual_information(std::span<const std::uint32_t> a,
                                   std::span<const std::uint32_t> b) {
  const std::size_t n = a.size();
  if (n == 0) return 0.0;
  std::vector<std::uint64_t> ka(n), kb(n), kab(n);
  for (std::size_t i = 0; i < n; ++i) {
    ka[i] = a[i];
    kb[i] = b[i];
    kab[i] = (std::uint64_t{a[i]} << 32) | b[i];
  }
  // H(A) + H(B) − H(A, B), as DiscreteMI.m computes it.
  return entropy_bits(run_sizes(std::move(ka)), n) + entropy_bits(run_sizes(std::move(kb)), n) -
         entropy_bits(run_sizes(std::move(kab)), n);
}

}  // namespace lf::emerge
