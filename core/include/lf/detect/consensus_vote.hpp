// The voting core of the consensus meta-detector (consensus.hpp), separate
// from any detector so its rules can be checked on hand-made call patterns.
//
// Members 0..N-1 each have a weight. A member's *call* is an alert it
// raised: it is raised at some time (when the member processed a sample) and
// it places the change at a sample index and timestamp, which some detectors
// (BOCPD) put earlier than the time they raise it. Calls are fed in the order
// they are raised, grouped by the sample that raised them.
//
// Each member keeps its latest unused call. When new calls arrive, each of
// them in turn (in member order; a member calling twice in one batch counts
// with its last call) is a reference: the members whose kept call is placed within
// `tolerance` of the reference's placement (inclusive, either side) agree,
// and a change is confirmed by the first reference whose agreeing members
// weigh at least `quorum` (with unit weights: at least m of N members). The
// change is placed at the earliest agreeing call (detection delays are never
// negative, so that is the members' best estimate of when it began), and the
// agreeing calls are used up, so one burst of calls confirms one change.
//
// A quorum that forms is nevertheless *suppressed* (its calls are used up
// all the same, so it cannot confirm later with stale calls) when
//   - fewer than `min_interval` timestamp units have passed since the last
//     confirmed change was raised (at most one switch per interval), or
//   - the caller reports that the series is volatile (no switch then).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::detect {

struct ConsensusRules {
  std::vector<double> weights;  // one per member, finite and > 0
  double quorum = 3.0;          // agreeing weight needed, in (0, total weight]
  double tolerance = 5.0;       // timestamp units, >= 0
  double min_interval = 0.0;    // timestamp units between confirmed changes, >= 0
};

struct MemberCall {
  std::size_t member;  // < N
  std::size_t index;   // where the member places the change
  double timestamp;    // that sample's timestamp
};

enum class VoteOutcome {
  none,       // no quorum
  confirmed,  // a change is confirmed
  too_soon,   // a quorum, suppressed by min_interval
  volatile_,  // a quorum, suppressed because the series is volatile
};

struct Vote {
  VoteOutcome outcome = VoteOutcome::none;
  std::vector<std::size_t> members;  // the agreeing members, ascending (empty for none)
  double weight = 0.0;               // their total weight
  std::size_t index = 0;             // the change's placement: the earliest agreeing call
  double timestamp = 0.0;
};

class ConsensusVote {
 public:
  // invalid_parameter: no members, a weight that is not finite and positive,
  // a quorum outside (0, total weight], a negative or non-finite tolerance
  // or interval.
  static Result<ConsensusVote> create(ConsensusRules rules);

  // `calls` were raised at time `now` (which does not decrease from one
  // observe() to the next), each by a member < N. `calm` is false while the
  // series is too volatile to switch.
  Vote observe(double now, std::span<const MemberCall> calls, bool calm);

  const ConsensusRules& rules() const noexcept { return rules_; }
  double total_weight() const noexcept { return total_weight_; }
  void reset();

 private:
  explicit ConsensusVote(ConsensusRules rules, double total_weight);
  // The members agreeing with `reference`, their weight and placement.
  Vote agreement(const MemberCall& reference) const;

  ConsensusRules rules_;
  double total_weight_;
  std::vector<std::optional<MemberCall>> kept_;  // per member: the latest unused call
  std::optional<double> last_switch_;            // when the last change was confirmed
};

}  // namespace lf::detect
