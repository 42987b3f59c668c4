#include "lf/graph/discrete_te.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace lf::graph {
namespace {

// For every observation, how many observations share its key (a tuple of
// codes). Sorting indices by key makes the groups contiguous; the counts do
// not depend on the sort's tie order.
template <std::size_t N>
std::vector<std::uint32_t> group_sizes(const std::vector<std::array<std::uint64_t, N>>& keys) {
  std::vector<std::uint32_t> order(keys.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; });
  std::vector<std::uint32_t> sizes(keys.size());
  for (std::size_t begin = 0; begin < order.size();) {
    std::size_t end = begin + 1;
    while (end < order.size() && keys[order[end]] == keys[order[begin]]) ++end;
    for (std::size_t r = begin; r < end; ++r)
      sizes[order[r]] = static_cast<std::uint32_t>(end - begin);
    begin = end;
  }
  return sizes;
}

}  // namespace

Result<std::vector<std::uint64_t>> state_codes(const Samples& symbols, std::uint32_t alphabet) {
  constexpr std::uint64_t kLimit = std::uint64_t{1} << 62;
  std::uint64_t states = 1;
  for (std::size_t d = 0; d < symbols.dims; ++d) {
    if (states > kLimit / std::max<std::uint64_t>(alphabet, 1)) {
      return make_error(ErrorCode::invalid_parameter,
                        "alphabet^history is too large to code (more than 2^62 states): "
                        "use fewer bins or a shorter history");
    }
    states *= alphabet;
  }
  std::vector<std::uint64_t> codes(symbols.rows());
  for (std::size_t r = 0; r < symbols.rows(); ++r) {
    std::uint64_t code = 0;
    for (std::size_t d = symbols.dims; d-- > 0;) {
      code = code * alphabet + static_cast<std::uint64_t>(symbols.at(r, d));
    }
    codes[r] = code;
  }
  return codes;
}

DiscreteConditionalMi::DiscreteConditionalMi(std::vector<std::uint64_t> y,
                                             std::vector<std::uint64_t> z)
    : y_(std::move(y)), z_(std::move(z)) {
  std::vector<std::array<std::uint64_t, 2>> yz(y_.size());
  std::vector<std::array<std::uint64_t, 1>> z_only(z_.size());
  for (std::size_t i = 0; i < y_.size(); ++i) {
    yz[i] = {z_[i], y_[i]};
    z_only[i] = {z_[i]};
  }
  count_yz_ = group_sizes(yz);
  count_z_ = group_sizes(z_only);
}

double DiscreteConditionalMi::estimate(std::span<const std::uint64_t> x) const {
  const std::size_t n = y_.size();
  std::vector<std::array<std::uint64_t, 3>> xyz(n);
  std::vector<std::array<std::uint64_t, 2>> xz(n);
  for (std::size_t i = 0; i < n; ++i) {
    xyz[i] = {z_[i], x[i], y_[i]};
    xz[i] = {z_[i], x[i]};
  }
  const std::vector<std::uint32_t> count_xyz = group_sizes(xyz);
  const std::vector<std::uint32_t> count_xz = group_sizes(xz);
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double numerator = static_cast<double>(count_xyz[i]) * static_cast<double>(count_z_[i]);
    const double denominator = static_cast<double>(count_xz[i]) * static_cast<double>(count_yz_[i]);
    sum += std::log(numerator / denominator);
  }
  return sum / static_cast<double>(n);
}

}  // namespace lf::graph
