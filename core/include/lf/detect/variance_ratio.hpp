// Ratio of a recent variance to a baseline variance, shared by the detectors
// that compare a short window against a longer one.
#pragma once

namespace lf::detect {

// Ratios are capped so that a perfectly flat baseline yields a large but
// finite score (JSON has no infinity).
inline constexpr double kMaxVarianceRatio = 1e12;

inline double variance_ratio(double recent, double baseline) noexcept {
  if (baseline > 0.0) {
    const double ratio = recent / baseline;
    return ratio < kMaxVarianceRatio ? ratio : kMaxVarianceRatio;
  }
  return recent > 0.0 ? kMaxVarianceRatio : 1.0;
}

}  // namespace lf::detect
