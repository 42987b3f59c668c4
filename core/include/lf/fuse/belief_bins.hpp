// Belief bins (design seed 000 §3.4): a continuous detector score or signal
// value becomes a mass function over the frame {bullish, bearish, neutral},
// with Θ read as "unknown", so scores from detectors on different scales can
// be fused by the combination rules.
//
// Bin edges, on the score's own scale (the defaults suit a z-scored signal):
//
//        bearish        |        neutral        |        bullish
//   --------------------+-----------------------+--------------------> s
//                 bearish_below           bullish_above
//
//   s ≤ bearish_below − margin                            m({bearish}) = r
//   bearish_below + margin ≤ s ≤ bullish_above − margin   m({neutral}) = r
//   s ≥ bullish_above + margin                            m({bullish}) = r
//   within `margin` of an edge e, at distance d = |s − e| / margin:
//     m({the two adjacent bins}) = r·(1 − d),  m({the bin s is in}) = r·d
//   and always m(Θ) = 1 − r, r being the reliability.
//
// At an edge the evidence cannot tell the two bins apart, so the mass goes to
// their union rather than being split between them; it moves to the bin
// linearly across the margin, so the masses are continuous in s. With
// margin 0 the bins are crisp: below bearish_below bearish, above
// bullish_above bullish, the closed interval between them neutral.
#pragma once

#include <array>
#include <string_view>

#include "lf/common/result.hpp"
#include "lf/fuse/frame.hpp"
#include "lf/fuse/mass_function.hpp"

namespace lf::fuse {

struct BinEdges {
  double bearish_below = -1.0;
  double bullish_above = 1.0;
  double margin = 0.25;      // >= 0; the two edges' bands must not overlap
  double reliability = 0.9;  // in [0, 1]; 1 − reliability is "unknown"
};

class BeliefBins {
 public:
  // The frame's hypotheses, in frame order (bit 0, 1, 2).
  static constexpr std::array<std::string_view, 3> kHypotheses{"bullish", "bearish", "neutral"};
  static constexpr FocalSet kBullish = 1;
  static constexpr FocalSet kBearish = 2;
  static constexpr FocalSet kNeutral = 4;

  static Frame frame();

  // invalid_parameter for non-finite edges, a negative margin, bands that
  // overlap (bearish_below + margin > bullish_above − margin) or a reliability
  // outside [0, 1].
  static Result<BeliefBins> create(const BinEdges& edges);

  const BinEdges& edges() const noexcept { return edges_; }
  // non_finite_value for a NaN or infinite score.
  Result<MassFunction> mass(double score) const;

 private:
  explicit BeliefBins(const BinEdges& edges) : edges_(edges) {}

  BinEdges edges_;
};

}  // namespace lf::fuse
