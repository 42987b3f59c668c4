// Entropy-weighted voting (design seed 000 §4.7): several samples (model
// runs, analysts) each give an answer and how uncertain they were, as an
// entropy H >= 0 (of the final answer, or the mean of per-token entropies).
// Each sample weighs 1/(1 + H): a confident sample (H = 0) counts 1, a
// hesitant one less. Samples are grouped by normalised answer (answer.hpp).
//
// The result names the answer with the largest total weight and its share of
// all the weight, and next to it the plain-majority answer (most samples):
// when the two differ the vote is `divergent`, a sign that the confident
// samples and the many disagree. With equal entropies every weight is equal,
// and the vote is exactly the majority vote.
//
// Ties: the weighted winner is the largest weight, then the most samples,
// then the earliest first appearance; the majority is the most samples, then
// the largest weight, then the earliest. So equal entropies never diverge.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::fuse {

struct Vote {
  std::string answer;  // as extracted; normalised by the vote
  double entropy;      // >= 0, any unit (nats or bits), the same for every vote
};

// The mean of per-token entropies: empty_input when there are none,
// invalid_argument for a negative or non-finite entropy.
Result<double> mean_entropy(std::span<const double> token_entropies);

// 1 / (1 + entropy).
double vote_weight(double entropy) noexcept;

struct AnswerGroup {
  std::string answer;       // the normal form
  std::size_t count;        // samples in the group
  double weight;            // their total weight
  double share;             // weight / the weight of all samples
  std::size_t first_index;  // position of the group's first sample
};

struct VoteOutcome {
  std::string winner;     // the entropy-weighted winner
  double weight_share;    // its share of the total weight
  std::string majority;   // the plain-majority answer
  double majority_share;  // its share of the samples
  bool divergent;         // winner != majority
  // Every group, winner first: by weight, then count, then first appearance.
  std::vector<AnswerGroup> groups;
};

// Errors: no votes: empty_input; a negative or non-finite entropy, or an
// answer that is empty once normalised: invalid_argument (naming the vote).
Result<VoteOutcome> entropy_weighted_vote(std::span<const Vote> votes);

}  // namespace lf::fuse
