#include "lf/fuse/voting.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "lf/fuse/answer.hpp"

namespace lf::fuse {
namespace {

bool valid_entropy(double h) {
  return std::isfinite(h) && h >= 0.0;
}

bool weighted_before(const AnswerGroup& a, const AnswerGroup& b) {
  if (a.weight != b.weight) return a.weight > b.weight;
  if (a.count != b.count) return a.count > b.count;
  return a.first_index < b.first_index;
}

bool majority_before(const AnswerGroup& a, const AnswerGroup& b) {
  if (a.count != b.count) return a.count > b.count;
  if (a.weight != b.weight) return a.weight > b.weight;
  return a.first_index < b.first_index;
}

}  // namespace

Result<double> mean_entropy(std::span<const double> token_entropies) {
  if (token_entropies.empty()) return make_error(ErrorCode::empty_input, "no token entropies");
  double sum = 0.0;
  for (std::size_t i = 0; i < token_entropies.size(); ++i) {
    if (!valid_entropy(token_entropies[i])) {
      return make_error(ErrorCode::invalid_argument,
                        "token entropy " + std::to_string(i) + " must be finite and >= 0");
    }
    sum += token_entropies[i];
  }
  return sum / static_cast<double>(token_entropies.size());
}

double vote_weight(double entropy) noexcept {
  return 1.0 / (1.0 + entropy);
}

Result<VoteOutcome> entropy_weighted_vote(std::span<const Vote> votes) {
  if (votes.empty()) return make_error(ErrorCode::empty_input, "no votes");
  std::vector<AnswerGroup> groups;
  std::map<std::string, std::size_t, std::less<>> group_of;  // lookup only
  double total = 0.0;
  for (std::size_t i = 0; i < votes.size(); ++i) {
    if (!valid_entropy(votes[i].entropy)) {
      return make_error(ErrorCode::invalid_argument,
                        "vote " + std::to_string(i) + ": entropy must be finite and >= 0");
    }
    std::string answer = normalise_answer(votes[i].answer);
    if (answer.empty()) {
      return make_error(ErrorCode::invalid_argument,
                        "vote " + std::to_string(i) + ": the answer is empty");
    }
    const double weight = vote_weight(votes[i].entropy);
    total += weight;
    const auto [it, inserted] = group_of.try_emplace(answer, groups.size());
    if (inserted) {
      groups.push_back({std::move(answer), 0, 0.0, 0.0, i});
    }
    auto& group = groups[it->second];
    ++group.count;
    group.weight += weight;
  }
  for (auto& group : groups) group.share = group.weight / total;

  const AnswerGroup& majority = *std::min_element(groups.begin(), groups.end(), majority_before);
  VoteOutcome outcome;
  outcome.majority = majority.answer;
  outcome.majority_share = static_cast<double>(majority.count) / static_cast<double>(votes.size());
  std::sort(groups.begin(), groups.end(), weighted_before);
  outcome.winner = groups.front().answer;
  outcome.weight_share = groups.front().share;
  outcome.divergent = outcome.winner != outcome.majority;
  outcome.groups = std::move(groups);
  return outcome;
}

}  // namespace lf::fuse
