// The PCS signals, computed exactly as the reference agent computes them
// (docs/VERIFY.md, "Signals"). Each function returns the unrounded value
// unless it says otherwise; the agent rounds them with python_round(., 9).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/verify/point_cloud.hpp"

namespace lf::verify {

// The scales the reference agent uses.
inline constexpr std::int64_t kDefaultScales[] = {2, 4, 8, 16};

// N_j: distinct integer voxels floor(point * s) for each scale s (no
// normalisation). invalid_argument for a non-positive scale or coordinates
// whose voxel index does not fit in 62 bits.
Result<std::vector<std::int64_t>> box_counts(std::span<const Point3> points,
                                             std::span<const std::int64_t> scales);

// D-hat: Theil-Sen slope of (log2 s, log2 N_j) in scale order: every pairwise
// slope i < j (pairs with |dx| < 1e-9 skipped), sorted, element floor(n/2).
// invalid_argument with the reference's wording (fewer than 2 scales, a
// non-positive N_j or scale, no usable pair).
Result<double> theil_sen_dimension(std::span<const std::int64_t> scales,
                                   std::span<const std::int64_t> counts);

struct Coherence {
  double coh_star = 0.0;  // rounded to 9 decimals, as the agent reports it
  Point3 v_star{};        // the unit direction that achieved it
};

// coh-star: over `directions` random unit directions (numpy's legacy
// generator seeded with `seed`), the largest fraction of the points falling
// into one of `bins` equal-width histogram bins of their projections (numpy's
// histogram rules). The first maximum wins. Empty input: 0 and v = 0.
Result<Coherence> directional_coherence(std::span<const Point3> points, std::int64_t seed,
                                        int directions = 100, int bins = 20);

// r: zlib level-6 compressed size over raw size, clamped to [0, 1], rounded
// to 9 decimals; 1.0 for empty input.
Result<double> compressibility(std::string_view raw);

// "sticky" (coh >= 0.70 and D <= 1.5), else "non_sticky" (D >= 2.6), else "mixed".
std::string_view classify_regime(double d_hat, double coh_star);

// 0.10 + 0.30 (1 - r) + 0.50 max(0, D - 2.2) + 0.20 coh, clamped to [0, 1]
// (unrounded; evaluated left to right like the reference).
double budget_formula(double d_hat, double coh_star, double r);

}  // namespace lf::verify
