// Consensus meta-detector (design seed 002): N member detectors watch the
// same series; a change is confirmed only when members of total weight
// `quorum` call it within `tolerance` of each other (default: 3 of the 5
// default members, unit weights). The rules are those of ConsensusVote
// (consensus_vote.hpp): a member's call is any alert it raises, placed where
// the member places it; at most one confirmed change per `min_interval`; no
// change while the rolling standard deviation of the first differences over
// `volatility_window` differences exceeds `volatility_bound` (0: no bound;
// before the window is full the series counts as calm).
//
// Members are fed one sample at a time, so a call counts from the sample
// that raised it (streaming and batch agree even for members that place
// alerts in the past). The confirmed change is raised at the sample that
// completes the quorum but placed, like BOCPD's, at the earliest agreeing
// call: its index and timestamp may precede the span being pushed.
//
// `tolerance` and `min_interval` are in timestamp units: samples when the
// series has no timestamps, seconds for Unix times. The default min_interval,
// 14400, is the seed's "at most one switch per 4 hours" for timestamps in
// seconds; with sample-index timestamps pass a count of samples instead.
//
// Members are built through the detector catalog (make_detector) from
// {name, parameters, weight}; the default members are the catalog's change
// detectors bocpd, cusum, page_hinkley, phase_transition and hmm_regime with
// their defaults. Member names must be distinct and may not be "consensus".
//
// Alert: kind `change`, severity warning, score the agreeing weight as a
// fraction of the total weight, `members` the agreeing members' names (in
// member order), detail "k of N members (weight w of W), confirmed at i".
// Warm-up and cost: those of the members (each pushed one sample at a time),
// plus O(N) per call.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "lf/detect/consensus_vote.hpp"
#include "lf/detect/detector.hpp"
#include "lf/detect/registry.hpp"
#include "lf/signal/rolling_window.hpp"

namespace lf::detect {

class ConsensusDetector final : public Detector {
 public:
  static constexpr std::string_view kName = "consensus";
  static constexpr std::string_view kVersion = "1.0.0";
  static const std::array<ParameterSpec, 5> kParameters;
  static constexpr std::array<std::string_view, 5> kDefaultMembers{
      "bocpd", "cusum", "page_hinkley", "phase_transition", "hmm_regime"};

  struct Params {
    double quorum = 3.0;
    double tolerance = 25.0;
    double min_interval = 14400.0;
    std::size_t volatility_window = 20;
    double volatility_bound = 0.0;
  };

  static Result<Params> params_from(std::span<const double> values);

  // Builds the members (`members` empty: the defaults, unit weights) and
  // checks the quorum against their total weight. unknown_detector for a
  // member the catalog lacks; unknown_parameter / invalid_parameter for its
  // parameters, a repeated or "consensus" member, a bad weight or an
  // unreachable quorum.
  static Result<std::unique_ptr<Detector>> create(const Params& params,
                                                  std::span<const MemberRequest> members);

  std::string_view name() const noexcept override { return kName; }
  std::string_view version() const noexcept override { return kVersion; }
  ParameterList parameters() const override;
  std::vector<MemberDescription> members() const override;

 private:
  struct Member {
    std::unique_ptr<Detector> detector;
    double weight;
  };

  ConsensusDetector(const Params& params, std::vector<Member> members, ConsensusVote vote);

  void process(std::span<const double> values, std::size_t first_index) override;
  void clear_state() override;
  bool calm(double x);

  Params params_;
  std::vector<Member> members_;
  ConsensusVote vote_;
  signal::RollingWindow differences_;
  bool has_previous_ = false;
  double previous_ = 0.0;
  std::vector<MemberCall> calls_;  // scratch: the calls raised by one sample
};

}  // namespace lf::detect
