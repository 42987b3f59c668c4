#include "lf/detect/consensus_vote.hpp"

#include <cmath>
#include <string>
#include <utility>

namespace lf::detect {
namespace {

// Weights such as 0.7 + 0.2 + 0.1 sum to just below 1 in binary floating
// point; a quorum of 1 must still be reached by them.
constexpr double kQuorumSlack = 1e-9;

}  // namespace

Result<ConsensusVote> ConsensusVote::create(ConsensusRules rules) {
  auto bad = [](const std::string& message) {
    return make_error(ErrorCode::invalid_parameter, message);
  };
  if (rules.weights.empty()) return bad("consensus needs at least one member");
  double total = 0.0;
  for (std::size_t m = 0; m < rules.weights.size(); ++m) {
    if (!(std::isfinite(rules.weights[m]) && rules.weights[m] > 0.0)) {
      return bad("member " + std::to_string(m) + ": weight must be finite and positive");
    }
    total += rules.weights[m];
  }
  if (!(rules.quorum > 0.0 && rules.quorum <= total * (1.0 + kQuorumSlack))) {
    return bad("quorum must be in (0, " + std::to_string(total) +
               "], the members' total weight, so that it can be reached");
  }
  if (!(std::isfinite(rules.tolerance) && rules.tolerance >= 0.0)) {
    return bad("tolerance must be finite and >= 0");
  }
  if (!(std::isfinite(rules.min_interval) && rules.min_interval >= 0.0)) {
    return bad("min_interval must be finite and >= 0");
  }
  return ConsensusVote(std::move(rules), total);
}

ConsensusVote::ConsensusVote(ConsensusRules rules, double total_weight)
    : rules_(std::move(rules)), total_weight_(total_weight), kept_(rules_.weights.size()) {}

Vote ConsensusVote::agreement(const MemberCall& reference) const {
  Vote vote;
  for (std::size_t m = 0; m < kept_.size(); ++m) {
    if (!kept_[m] || std::fabs(kept_[m]->timestamp - reference.timestamp) > rules_.tolerance) {
      continue;
    }
    if (vote.members.empty() || kept_[m]->timestamp < vote.timestamp) {
      vote.index = kept_[m]->index;
      vote.timestamp = kept_[m]->timestamp;
    }
    vote.members.push_back(m);
    vote.weight += rules_.weights[m];
  }
  return vote;
}

Vote ConsensusVote::observe(double now, std::span<const MemberCall> calls, bool calm) {
  // A member calling more than once in one batch is kept at its last call.
  std::vector<bool> called(kept_.size(), false);
  for (const auto& call : calls) {
    kept_[call.member] = call;
    called[call.member] = true;
  }
  for (std::size_t m = 0; m < kept_.size(); ++m) {
    // A quorum below may have used this member's new call already.
    if (!called[m] || !kept_[m]) continue;
    Vote vote = agreement(*kept_[m]);
    if (vote.weight < rules_.quorum * (1.0 - kQuorumSlack)) continue;

    for (const std::size_t m : vote.members) kept_[m].reset();
    if (!calm) {
      vote.outcome = VoteOutcome::volatile_;
    } else if (last_switch_ && now - *last_switch_ < rules_.min_interval) {
      vote.outcome = VoteOutcome::too_soon;
    } else {
      vote.outcome = VoteOutcome::confirmed;
      last_switch_ = now;
    }
    return vote;
  }
  return {};
}

void ConsensusVote::reset() {
  for (auto& call : kept_) call.reset();
  last_switch_.reset();
}

}  // namespace lf::detect
