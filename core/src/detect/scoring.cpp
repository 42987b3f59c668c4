#include "lf/detect/scoring.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "python_set_order.hpp"

namespace lf::detect {
namespace {

Status check_indices(std::span<const std::size_t> indices, std::size_t n, const std::string& what) {
  for (std::size_t i = 0; i < indices.size(); ++i) {
    if (indices[i] >= n) {
      return make_error(ErrorCode::invalid_argument,
                        what + "[" + std::to_string(i) + "] = " + std::to_string(indices[i]) +
                            " is outside [0, " + std::to_string(n) + ")");
    }
  }
  return {};
}

Status check_inputs(std::span<const ChangePoints> annotations,
                    std::span<const std::size_t> predictions, std::size_t n) {
  if (n == 0) return make_error(ErrorCode::empty_input, "n (the series length) must be positive");
  if (annotations.empty())
    return make_error(ErrorCode::empty_input, "no annotators to score against");
  for (std::size_t k = 0; k < annotations.size(); ++k) {
    auto status = check_indices(annotations[k], n, "annotations[" + std::to_string(k) + "]");
    if (!status) return status;
  }
  return check_indices(predictions, n, "predictions");
}

std::vector<std::size_t> sorted_unique(std::span<const std::size_t> indices) {
  std::vector<std::size_t> out(indices.begin(), indices.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// metrics.py's true_positives: each truth, in `truth_order`, takes the nearest
// prediction not yet taken that is at most `margin` away (the smaller index on
// a tie). `predictions` is sorted and unique.
std::size_t count_true_positives(const std::vector<std::uint64_t>& truth_order,
                                 const std::vector<std::size_t>& predictions,
                                 std::uint64_t margin) {
  std::vector<bool> taken(predictions.size(), false);
  std::size_t matched = 0;
  for (const std::uint64_t truth : truth_order) {
    const std::uint64_t low = truth >= margin ? truth - margin : 0;
    const std::uint64_t high = std::numeric_limits<std::uint64_t>::max() - truth < margin
                                   ? std::numeric_limits<std::uint64_t>::max()
                                   : truth + margin;
    auto k = static_cast<std::size_t>(
        std::lower_bound(predictions.begin(), predictions.end(), low) - predictions.begin());
    std::size_t best = predictions.size();
    std::uint64_t best_distance = 0;
    for (; k < predictions.size() && predictions[k] <= high; ++k) {
      if (taken[k]) continue;
      const std::uint64_t x = predictions[k];
      const std::uint64_t distance = x > truth ? x - truth : truth - x;
      if (best == predictions.size() || distance < best_distance) {
        best = k;
        best_distance = distance;
      }
    }
    if (best != predictions.size()) {
      taken[best] = true;
      ++matched;
    }
  }
  return matched;
}

// Segment boundaries [0, c_1, ..., c_k, n) of the partition the change points
// make (metrics.py's partition_from_cps: 0 starts no new segment).
std::vector<std::size_t> segment_starts(std::span<const std::size_t> change_points) {
  std::vector<std::size_t> starts = sorted_unique(change_points);
  if (starts.empty() || starts.front() != 0) starts.insert(starts.begin(), 0);
  return starts;
}

// metrics.py's cover_single(S', S): sum over R in S of |R| times its best
// Jaccard overlap with a segment of S', over n. Segments are intervals, so only
// the S' segments that intersect R are visited.
double cover_single(const std::vector<std::size_t>& predicted,
                    const std::vector<std::size_t>& truth, std::size_t n) {
  double covered = 0.0;
  std::size_t p = 0;  // first predicted segment that may intersect the current R
  for (std::size_t t = 0; t < truth.size(); ++t) {
    const std::size_t begin = truth[t];
    const std::size_t end = t + 1 < truth.size() ? truth[t + 1] : n;
    while (p + 1 < predicted.size() && predicted[p + 1] <= begin) ++p;
    double best = 0.0;
    for (std::size_t q = p; q < predicted.size() && predicted[q] < end; ++q) {
      const std::size_t q_begin = predicted[q];
      const std::size_t q_end = q + 1 < predicted.size() ? predicted[q + 1] : n;
      const std::size_t overlap = std::min(end, q_end) - std::max(begin, q_begin);
      const std::size_t united = (end - begin) + (q_end - q_begin) - overlap;
      best = std::max(best, static_cast<double>(overlap) / static_cast<double>(united));
    }
    covered += static_cast<double>(end - begin) * best;
  }
  return covered / static_cast<double>(n);
}

}  // namespace

Result<F1Score> f1_score(std::span<const ChangePoints> annotations,
                         std::span<const std::size_t> predictions, std::size_t n,
                         std::int64_t margin) {
  if (margin < 0) {
    return make_error(ErrorCode::invalid_argument,
                      "margin must be >= 0, got " + std::to_string(margin));
  }
  if (auto status = check_inputs(annotations, predictions, n); !status) {
    return std::move(status).error();
  }

  // As metrics.py builds them: each annotator's set from its list, then 0;
  // the union by visiting those sets in their own iteration order.
  std::vector<detail::PythonIntSet> truth_sets(annotations.size());
  detail::PythonIntSet all_truths;
  for (std::size_t k = 0; k < annotations.size(); ++k) {
    for (const std::size_t index : annotations[k]) truth_sets[k].add(index);
    truth_sets[k].add(0);
    for (const std::uint64_t index : truth_sets[k].iteration_order()) all_truths.add(index);
  }
  std::vector<std::size_t> predicted = sorted_unique(predictions);
  if (predicted.empty() || predicted.front() != 0) predicted.insert(predicted.begin(), 0);

  const auto reach = static_cast<std::uint64_t>(margin);
  const double precision =
      static_cast<double>(count_true_positives(all_truths.iteration_order(), predicted, reach)) /
      static_cast<double>(predicted.size());
  double recall_sum = 0.0;
  for (const auto& truths : truth_sets) {
    recall_sum +=
        static_cast<double>(count_true_positives(truths.iteration_order(), predicted, reach)) /
        static_cast<double>(truths.size());
  }
  // Evaluated in metrics.py's order, so the bits agree: 1 / K * sum, then
  // P * R / (α R + (1 - α) P).
  const double recall = 1.0 / static_cast<double>(annotations.size()) * recall_sum;
  constexpr double kAlpha = 0.5;
  const double f1 = precision * recall / (kAlpha * recall + (1.0 - kAlpha) * precision);
  return F1Score{f1, precision, recall};
}

Result<double> segmentation_cover(std::span<const ChangePoints> annotations,
                                  std::span<const std::size_t> predictions, std::size_t n) {
  if (auto status = check_inputs(annotations, predictions, n); !status) {
    return std::move(status).error();
  }
  const std::vector<std::size_t> predicted = segment_starts(predictions);
  double total = 0.0;
  for (const auto& annotation : annotations) {
    total += cover_single(predicted, segment_starts(annotation), n);
  }
  return total / static_cast<double>(annotations.size());
}

ChangePoints clean_change_points(std::span<const std::size_t> indices, std::size_t n) {
  ChangePoints kept;
  for (const std::size_t index : sorted_unique(indices)) {
    if (index >= 1 && index + 2 <= n) kept.push_back(index);
  }
  return kept;
}

}  // namespace lf::detect
