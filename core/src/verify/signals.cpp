#include "lf/verify/signals.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "lf/verify/compression.hpp"
#include "lf/verify/numpy_random.hpp"
#include "lf/verify/rounding.hpp"

namespace lf::verify {
namespace {

constexpr double kVoxelLimit = 4611686018427387904.0;  // 2^62

Error invalid(std::string message) {
  return make_error(ErrorCode::invalid_argument, std::move(message));
}

// numpy.histogram(values, bins, range=(low, high)).max() for low < high:
// edges from linspace (i * step + low, the last edge exactly high), indices
// from (v - low) / (high - low) * bins, then corrected against the edges the
// way numpy does, so values on an edge land where numpy puts them.
std::int64_t largest_bin(std::span<const double> values, double low, double high, int bins) {
  std::vector<double> edges(static_cast<std::size_t>(bins) + 1);
  const double step = (high - low) / bins;
  for (int i = 0; i <= bins; ++i) edges[static_cast<std::size_t>(i)] = i * step + low;
  edges.back() = high;
  std::vector<std::int64_t> counts(static_cast<std::size_t>(bins), 0);
  const double width = high - low;
  for (const double v : values) {
    auto index = static_cast<std::int64_t>((v - low) / width * bins);
    if (index == bins) --index;
    if (v < edges[static_cast<std::size_t>(index)]) --index;
    if (index != bins - 1 && v >= edges[static_cast<std::size_t>(index) + 1]) ++index;
    ++counts[static_cast<std::size_t>(index)];
  }
  return *std::max_element(counts.begin(), counts.end());
}

}  // namespace

Result<std::vector<std::int64_t>> box_counts(std::span<const Point3> points,
                                             std::span<const std::int64_t> scales) {
  std::vector<std::int64_t> counts;
  std::vector<std::array<std::int64_t, 3>> voxels(points.size());
  for (const std::int64_t scale : scales) {
    if (scale <= 0) return invalid("scale " + std::to_string(scale) + " is not positive");
    const auto s = static_cast<double>(scale);
    for (std::size_t i = 0; i < points.size(); ++i) {
      for (std::size_t axis = 0; axis < 3; ++axis) {
        const double cell = std::floor(points[i][axis] * s);
        if (!(std::fabs(cell) < kVoxelLimit)) {
          return invalid("a coordinate times scale " + std::to_string(scale) +
                         " is too large for a voxel index");
        }
        voxels[i][axis] = static_cast<std::int64_t>(cell);
      }
    }
    std::sort(voxels.begin(), voxels.end());
    counts.push_back(std::unique(voxels.begin(), voxels.end()) - voxels.begin());
  }
  return counts;
}

Result<double> theil_sen_dimension(std::span<const std::int64_t> scales,
                                   std::span<const std::int64_t> counts) {
  if (scales.size() < 2) return invalid("need at least 2 scales for regression");
  std::vector<std::array<double, 2>> points;
  for (std::size_t i = 0; i < scales.size(); ++i) {
    if (scales[i] <= 0) return invalid("scale " + std::to_string(scales[i]) + " is not positive");
    if (counts[i] <= 0) {
      return invalid("N_j must be positive for scale " + std::to_string(scales[i]));
    }
    points.push_back(
        {std::log2(static_cast<double>(scales[i])), std::log2(static_cast<double>(counts[i]))});
  }
  std::vector<double> slopes;
  for (std::size_t i = 0; i < points.size(); ++i) {
    for (std::size_t j = i + 1; j < points.size(); ++j) {
      const double dx = points[j][0] - points[i][0];
      if (std::fabs(dx) < 1e-9) continue;
      slopes.push_back((points[j][1] - points[i][1]) / dx);
    }
  }
  if (slopes.empty()) return invalid("no valid slopes computed");
  std::sort(slopes.begin(), slopes.end());
  return slopes[slopes.size() / 2];
}

Result<Coherence> directional_coherence(std::span<const Point3> points, std::int64_t seed,
                                        int directions, int bins) {
  if (seed < 0 || seed > 0xffffffffLL) {
    return invalid("seed " + std::to_string(seed) + " is outside [0, 2^32 - 1] (numpy's range)");
  }
  Coherence result;
  if (points.empty()) return result;
  NumpyLegacyRandom random(static_cast<std::uint32_t>(seed));
  double best = 0.0;
  result.v_star = {1.0, 0.0, 0.0};
  std::vector<double> projections(points.size());
  for (int d = 0; d < directions; ++d) {
    Point3 v{};
    for (double& component : v) component = random.next_gauss();
    const double norm = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    for (double& component : v) component /= norm;
    for (std::size_t i = 0; i < points.size(); ++i) {
      projections[i] = points[i][0] * v[0] + points[i][1] * v[1] + points[i][2] * v[2];
    }
    const auto [low, high] = std::minmax_element(projections.begin(), projections.end());
    double coherence = 1.0;
    if (std::fabs(*high - *low) >= 1e-9) {
      coherence = static_cast<double>(largest_bin(projections, *low, *high, bins)) /
                  static_cast<double>(points.size());
    }
    if (coherence > best) {
      best = coherence;
      result.v_star = v;
    }
  }
  result.coh_star = python_round(best, 9);
  return result;
}

Result<double> compressibility(std::string_view raw) {
  if (raw.empty()) return 1.0;
  auto size = zlib_compressed_size(raw, 6);
  if (!size) return std::move(size).error();
  const double ratio = static_cast<double>(*size) / static_cast<double>(raw.size());
  return python_round(std::clamp(ratio, 0.0, 1.0), 9);
}

std::string_view classify_regime(double d_hat, double coh_star) {
  if (coh_star >= 0.70 && d_hat <= 1.5) return "sticky";
  if (d_hat >= 2.6) return "non_sticky";
  return "mixed";
}

double budget_formula(double d_hat, double coh_star, double r) {
  const double budget =
      0.10 + 0.30 * (1.0 - r) + 0.50 * std::max(0.0, d_hat - 2.2) + 0.20 * coh_star;
  return std::clamp(budget, 0.0, 1.0);
}

}  // namespace lf::verify
