#include "lf/detect/consensus.hpp"

#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

namespace lf::detect {

const std::array<ParameterSpec, 5> ConsensusDetector::kParameters{{
    {"quorum", 3, 1e-9, 1e6, false, "agreeing member weight that confirms a change"},
    {"tolerance", 25, 0, 1e15, false, "timestamp units within which calls agree"},
    {"min_interval", 14400, 0, 1e15, false,
     "timestamp units between confirmed changes (14400: 4 hours in seconds)"},
    {"volatility_window", 20, 2, 1e6, true, "differences in the rolling volatility window"},
    {"volatility_bound", 0, 0, 1e300, false,
     "no change while the differences' standard deviation exceeds this (0: no bound)"},
}};

Result<ConsensusDetector::Params> ConsensusDetector::params_from(std::span<const double> v) {
  return Params{v[0], v[1], v[2], static_cast<std::size_t>(v[3]), v[4]};
}

namespace {

Error member_error(std::size_t index, const std::string& name, Error error) {
  error.message =
      "consensus member " + std::to_string(index) + " ('" + name + "'): " + error.message;
  return error;
}

}  // namespace

Result<std::unique_ptr<Detector>> ConsensusDetector::create(
    const Params& params, std::span<const MemberRequest> requests) {
  std::vector<MemberRequest> defaults;
  if (requests.empty()) {
    for (const auto name : kDefaultMembers) defaults.push_back({std::string(name), {}, 1.0});
    requests = defaults;
  }
  std::vector<Member> members;
  ConsensusRules rules{{}, params.quorum, params.tolerance, params.min_interval};
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const auto& request = requests[i];
    if (request.name == kName) {
      return member_error(i, request.name,
                          make_error(ErrorCode::invalid_parameter,
                                     "a consensus cannot be a member of a consensus"));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (requests[j].name == request.name) {
        return member_error(i, request.name,
                            make_error(ErrorCode::invalid_parameter,
                                       "member names must be distinct (alerts name the members)"));
      }
    }
    auto detector = make_detector(request.name, request.parameters);
    if (!detector) return member_error(i, request.name, std::move(detector).error());
    members.push_back({std::move(*detector), request.weight});
    rules.weights.push_back(request.weight);
  }
  auto vote = ConsensusVote::create(std::move(rules));
  if (!vote) return std::move(vote).error();
  return std::unique_ptr<Detector>(
      new ConsensusDetector(params, std::move(members), std::move(*vote)));
}

ConsensusDetector::ConsensusDetector(const Params& params, std::vector<Member> members,
                                     ConsensusVote vote)
    : params_(params),
      members_(std::move(members)),
      vote_(std::move(vote)),
      differences_(params.volatility_window) {}

ParameterList ConsensusDetector::parameters() const {
  const std::array<double, 5> values{params_.quorum, params_.tolerance, params_.min_interval,
                                     static_cast<double>(params_.volatility_window),
                                     params_.volatility_bound};
  return name_parameters(kParameters, values);
}

std::vector<MemberDescription> ConsensusDetector::members() const {
  std::vector<MemberDescription> out;
  for (const auto& m : members_) {
    out.push_back({std::string(m.detector->name()), std::string(m.detector->version()),
                   m.detector->parameters(), m.weight});
  }
  return out;
}

bool ConsensusDetector::calm(double x) {
  if (has_previous_) differences_.push(x - previous_);
  has_previous_ = true;
  previous_ = x;
  if (params_.volatility_bound == 0.0 || !differences_.full()) return true;
  return std::sqrt(differences_.variance()) <= params_.volatility_bound;
}

void ConsensusDetector::process(std::span<const double> values, std::size_t first_index) {
  const auto timestamps = current_timestamps();
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::size_t index = first_index + i;
    const bool is_calm = calm(values[i]);
    // Members see one sample at a time, so every call is known at the sample
    // that raised it, in batch as in streaming (a member such as BOCPD
    // places its alerts earlier than it raises them). The push repeats this
    // detector's validated one, so it cannot fail.
    calls_.clear();
    for (std::size_t m = 0; m < members_.size(); ++m) {
      auto& member = *members_[m].detector;
      (void)member.push(values.subspan(i, 1),
                        timestamps.empty() ? timestamps : timestamps.subspan(i, 1));
      for (const auto& alert : member.take_alerts()) {
        calls_.push_back({m, alert.index, alert.timestamp});
      }
    }
    const Vote vote = vote_.observe(timestamp_at(index), calls_, is_calm);
    if (vote.outcome != VoteOutcome::confirmed) continue;

    std::vector<std::string> agreeing;
    for (const std::size_t m : vote.members) agreeing.emplace_back(members_[m].detector->name());
    char detail[128];
    std::snprintf(detail, sizeof detail,
                  "%zu of %zu members (weight %.6g of %.6g), confirmed at %zu", vote.members.size(),
                  members_.size(), vote.weight, vote_.total_weight(), index);
    emit_at(vote.index, vote.timestamp, "change", Severity::warning,
            vote.weight / vote_.total_weight(), detail, std::move(agreeing));
  }
}

void ConsensusDetector::clear_state() {
  for (auto& m : members_) m.detector->reset();
  vote_.reset();
  differences_.reset();
  has_previous_ = false;
  previous_ = 0.0;
}

}  // namespace lf::detect
