// Scoring change points against human annotations, exactly as TCPDBench does
// (G. J. J. van den Burg and C. K. I. Williams, "An Evaluation of Change Point
// Detection Algorithms", 2020; analysis/scripts/metrics.py and summarize.py of
// github.com/alan-turing-institute/TCPDBench), so a figure computed here can
// stand next to the published ones.
//
// Change points are 0-based sample indices into a series of n samples: the
// index of the first sample of a new segment. An annotation set is one
// annotator's change points; a series has several annotators (TCPD has 5).
//
// F1 with margin M:
//   index 0 is added to every annotator's set T_k and to the prediction X (so
//   an empty prediction still scores); a truth and a prediction at most M
//   apart may match, each prediction at most once (greedy, below);
//   precision P = |matched truths of the union of all T_k| / |X|;
//   recall    R = mean over annotators of |matched truths of T_k| / |T_k|;
//   F = P·R / (αR + (1−α)P), α = 0.5.
// The matching is TCPDBench's greedy one: truths are visited in CPython's set
// iteration order (the order metrics.py happens to visit them in), and each
// takes the nearest unmatched prediction within M, the smaller index on a
// tie. Visiting them in another order changes the count in a few percent of
// cases (a prediction within M of two truths), so the order is reproduced.
//
// Cover: segmentation covering (Arbeláez et al. 2010, eq. 8) of each
// annotator's segmentation S by the predicted one S', with Jaccard overlap,
//   C(S', S) = (1/n) Σ_{R∈S} |R| · max_{R'∈S'} |R∩R'| / |R∪R'|,
// averaged over annotators.
//
// Annotators are scored in the order given (TCPD lists them by ascending
// annotator id); the order changes only the last bits of the sums and the
// union's visiting order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::detect {

using ChangePoints = std::vector<std::size_t>;

// TCPDBench's margin: 5 samples either side.
inline constexpr std::int64_t kDefaultScoringMargin = 5;

struct F1Score {
  double f1;
  double precision;
  double recall;
};

// Errors (nothing is computed): empty_input for n = 0 or no annotators;
// invalid_argument for margin < 0 or an index >= n (the message names it,
// e.g. "annotations[2][0] = 50 is outside [0, 45)"). Duplicate indices count
// once, as in a set; the order within a set does not matter.
Result<F1Score> f1_score(std::span<const ChangePoints> annotations,
                         std::span<const std::size_t> predictions, std::size_t n,
                         std::int64_t margin = kDefaultScoringMargin);

// Same errors as f1_score (without the margin).
Result<double> segmentation_cover(std::span<const ChangePoints> annotations,
                                  std::span<const std::size_t> predictions, std::size_t n);

// TCPDBench's cleanup of a method's output before scoring: duplicates removed,
// sorted, and only 1 <= index <= n - 2 kept (0 and n - 1 are where several
// methods report a "change" by construction, which says nothing).
ChangePoints clean_change_points(std::span<const std::size_t> indices, std::size_t n);

}  // namespace lf::detect
