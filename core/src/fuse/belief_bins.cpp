#include "lf/fuse/belief_bins.hpp"

#include <algorithm>
#include <cmath>

#include "format.hpp"
#include "mass_access.hpp"

namespace lf::fuse {
namespace {

constexpr FocalSet kTheta = BeliefBins::kBullish | BeliefBins::kBearish | BeliefBins::kNeutral;

Error bad_edges(const std::string& what) {
  return make_error(ErrorCode::invalid_parameter, what);
}

}  // namespace

Frame BeliefBins::frame() {
  return Frame::create({std::string(kHypotheses[0]), std::string(kHypotheses[1]),
                        std::string(kHypotheses[2])})
      .value();
}

Result<BeliefBins> BeliefBins::create(const BinEdges& edges) {
  if (!std::isfinite(edges.bearish_below) || !std::isfinite(edges.bullish_above)) {
    return bad_edges("bin edges must be finite");
  }
  if (!(edges.margin >= 0.0) || !std::isfinite(edges.margin)) {
    return bad_edges("bin margin must be finite and >= 0, got " + format_number(edges.margin));
  }
  if (!(edges.bearish_below + edges.margin <= edges.bullish_above - edges.margin)) {
    return bad_edges("bin edges overlap: bearish_below + margin (" +
                     format_number(edges.bearish_below + edges.margin) +
                     ") must not exceed bullish_above - margin (" +
                     format_number(edges.bullish_above - edges.margin) + ")");
  }
  if (!(edges.reliability >= 0.0 && edges.reliability <= 1.0)) {
    return bad_edges("bin reliability must be in [0, 1], got " + format_number(edges.reliability));
  }
  return BeliefBins(edges);
}

Result<MassFunction> BeliefBins::mass(double score) const {
  if (!std::isfinite(score)) {
    return make_error(ErrorCode::non_finite_value, "a belief-bin score must be finite");
  }
  const double r = edges_.reliability;
  const double w = edges_.margin;
  // The bin the score is in, and (inside an edge's band) the adjacent bin it
  // cannot be told apart from, with the distance d in [0, 1) from the edge.
  FocalSet bin = kNeutral;
  FocalSet ambiguous = 0;
  double d = 1.0;
  if (score < edges_.bearish_below) {
    bin = kBearish;
  } else if (score > edges_.bullish_above) {
    bin = kBullish;
  }
  const double to_lower = std::fabs(score - edges_.bearish_below);
  const double to_upper = std::fabs(score - edges_.bullish_above);
  if (w > 0.0 && to_lower < w) {
    ambiguous = kBearish | kNeutral;
    d = to_lower / w;
  } else if (w > 0.0 && to_upper < w) {
    ambiguous = kNeutral | kBullish;
    d = to_upper / w;
  }
  std::vector<FocalElement> elements;
  elements.reserve(3);
  elements.push_back({bin, r * d});
  if (ambiguous != 0) elements.push_back({ambiguous, r * (1.0 - d)});
  elements.push_back({kTheta, 1.0 - r});
  std::erase_if(elements, [](const FocalElement& e) { return e.mass == 0.0; });
  std::sort(elements.begin(), elements.end(),
            [](const FocalElement& a, const FocalElement& b) { return a.set < b.set; });
  return detail::MassAccess::make(3, std::move(elements));
}

}  // namespace lf::fuse
