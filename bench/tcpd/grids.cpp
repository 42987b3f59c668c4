#include "grids.hpp"

#include <array>

namespace lf::tcpd {
namespace {

// Why each grid is what it is. The series are z-scored, so every level or
// threshold below is in units of the series' standard deviation; lengths are
// in samples (TCPD's series have 15 to 816).
const std::array<DetectorGrid, 7> kGrids{{
    {"bocpd",
     "TCPDBench's own bocpd grid, unchanged: hazard rate 1/lambda with lambda in "
     "{10, 50, 100, 200}, Normal-Gamma prior alpha, beta, kappa (its a, b, k) each in "
     "{0.01, 0.1, 1, 10, 100} "
     "(500 configurations), so our oracle searches what the published one searched",
     {{"lambda", {10, 50, 100, 200}},
      {"prior_alpha", {0.01, 0.1, 1, 10, 100}},
      {"prior_beta", {0.01, 0.1, 1, 10, 100}},
      {"prior_kappa", {0.01, 0.1, 1, 10, 100}}}},
    {"consensus",
     "the quorum of its 5 default members that must agree (2, 3 = default, or 4), the "
     "agreement tolerance (5 = the scoring margin, 10, or the default 25 samples), and the "
     "minimum interval between confirmed changes: the default 14400 (the seed's 4 hours in "
     "seconds, i.e. at most one change on these index-timed series) or 5 samples (the "
     "scoring margin)",
     {{"quorum", {2, 3, 4}}, {"tolerance", {5, 10, 25}}, {"min_interval", {5, 14400}}}},
    {"cusum",
     "the textbook design: drift k = delta/2 for a mean shift of delta = 0.5, 1 or 2 "
     "standard deviations, decision threshold h from 1 to 16 (doubling), around the "
     "classic h = 4-5; the reference is estimated over a warm-up of 10 or 30 (default) "
     "samples, 30 being longer than the shortest series",
     {{"drift", {0.25, 0.5, 1.0}}, {"threshold", {1, 2, 4, 8, 16}}, {"warmup", {10, 30}}}},
    {"hmm_regime",
     "2 or 3 regimes; a warm-up of 30, 50 or 100 samples (at least 10 per state) (the default 250 "
     "is longer than "
     "most TCPD series, whose first regime is often shorter still); persistence 1 or 3",
     {{"states", {2, 3}}, {"warmup", {30, 50, 100}}, {"persistence", {1, 3}}}},
    {"page_hinkley",
     "River's parameters around its defaults: threshold lambda from 5 to 100 (default 50), "
     "tolerated drift delta 0.005 (default), 0.05 or 0.5 standard deviations, warm-up "
     "min_instances 5 or 30 (default; longer than the shortest series)",
     {{"threshold", {5, 10, 25, 50, 100}},
      {"delta", {0.005, 0.05, 0.5}},
      {"min_instances", {5, 30}}}},
    {"phase_transition",
     "recent window 5, 10 or 20 differences against a baseline of 20, 50 or 100, variance "
     "ratio threshold 2, 4 or 8 (the default 20/100/4 is in the grid)",
     {{"short_window", {5, 10, 20}}, {"baseline_window", {20, 50, 100}}, {"threshold", {2, 4, 8}}}},
    {"variance_compression",
     "the same windows as phase_transition; compression below 0.25 or 0.5 of the baseline "
     "variance, expansion above 2 or 3 times it",
     {{"short_window", {5, 10, 20}},
      {"baseline_window", {20, 50, 100}},
      {"low_ratio", {0.25, 0.5}},
      {"high_ratio", {2, 3}}}},
}};

}  // namespace

std::span<const DetectorGrid> detector_grids() {
  return kGrids;
}

std::vector<detect::ParameterList> expand(const DetectorGrid& grid) {
  std::vector<detect::ParameterList> configurations{{}};
  for (const auto& axis : grid.axes) {
    std::vector<detect::ParameterList> extended;
    for (const auto& partial : configurations) {
      for (const double value : axis.values) {
        auto next = partial;
        next.push_back({std::string(axis.parameter), value});
        extended.push_back(std::move(next));
      }
    }
    configurations = std::move(extended);
  }
  return configurations;
}

}  // namespace lf::tcpd
