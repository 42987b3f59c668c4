// Consensus: the voting core on hand-made call patterns (quorum, tolerance
// edges, weights, used-up calls, the minimum switch interval, the volatility
// bound), then the meta-detector built from catalog members, end to end on a
// synthetic step series.
#include <doctest/doctest.h>

#include <cmath>

#include "lf/detect/consensus.hpp"
#include "lf/detect/consensus_vote.hpp"
#include "lf/detect/registry.hpp"
#include "synthetic.hpp"

using namespace lf::detect;
using lf::ErrorCode;

namespace {

ConsensusVote make_vote(std::vector<double> weights, double quorum, double tolerance,
                        double min_interval = 0.0) {
  auto vote = ConsensusVote::create({std::move(weights), quorum, tolerance, min_interval});
  REQUIRE(vote.ok());
  return std::move(*vote);
}

using Members = std::vector<std::size_t>;

// `calling` members each raise a call at `now`, placed at `now` (as CUSUM
// places its alerts: at the sample that raised them).
Vote call(ConsensusVote& vote, double now, const Members& calling, bool calm = true) {
  std::vector<MemberCall> calls;
  for (const std::size_t m : calling) calls.push_back({m, static_cast<std::size_t>(now), now});
  return vote.observe(now, calls, calm);
}

const std::vector<double> kFiveEqual(5, 1.0);

// Unit Gaussian noise around levels: [(length, level), ...].
std::vector<double> steps(std::initializer_list<std::pair<std::size_t, double>> segments,
                          std::uint64_t seed) {
  lf::test::Gaussian gauss(seed);
  std::vector<double> x;
  for (const auto& [length, level] : segments) {
    for (std::size_t i = 0; i < length; ++i) x.push_back(level + gauss());
  }
  return x;
}

std::vector<Alert> run(const std::vector<double>& x, const ParameterList& params = {}) {
  auto d = make_detector("consensus", params);
  REQUIRE(d.ok());
  REQUIRE((*d)->push(x).ok());
  return (*d)->take_alerts();
}

}  // namespace

TEST_SUITE("detect") {
  TEST_CASE("consensus vote: 3 of 5 within the tolerance confirm, 2 do not") {
    auto vote = make_vote(kFiveEqual, 3, 5);
    CHECK(call(vote, 10, {0}).outcome == VoteOutcome::none);
    CHECK(call(vote, 12, {3}).outcome == VoteOutcome::none);
    const Vote confirmed = call(vote, 14, {1});
    CHECK(confirmed.outcome == VoteOutcome::confirmed);
    CHECK(confirmed.members == Members{0, 1, 3});
    CHECK(confirmed.weight == 3.0);
    // Those calls are used up: two fresh ones are not a quorum.
    CHECK(call(vote, 15, {2}).outcome == VoteOutcome::none);
    CHECK(call(vote, 16, {4}).outcome == VoteOutcome::none);
    // A sample without calls never confirms, even with old calls pending.
    CHECK(call(vote, 17, {}).outcome == VoteOutcome::none);
    // Calls at one sample count together.
    CHECK(call(vote, 100, {0, 1, 2}).outcome == VoteOutcome::confirmed);
    CHECK(confirmed.index == 10);  // placed at the earliest agreeing call
  }

  TEST_CASE("consensus vote: the tolerance is inclusive") {
    auto edge = make_vote(kFiveEqual, 3, 5);
    call(edge, 10, {0});
    call(edge, 12, {1});
    CHECK(call(edge, 15, {2}).outcome == VoteOutcome::confirmed);  // 15 - 10 == 5

    auto beyond = make_vote(kFiveEqual, 3, 5);
    call(beyond, 10, {0});
    call(beyond, 12, {1});
    const Vote late = call(beyond, 15.000001, {2});  // member 0 is now too far
    CHECK(late.outcome == VoteOutcome::none);
    CHECK(late.members.empty());
    // ...but members 1 and 2 still agree with a new call within 5 of both.
    CHECK(call(beyond, 17, {4}).members == Members{1, 2, 4});

    auto zero = make_vote(kFiveEqual, 2, 0);
    call(zero, 1, {0});
    CHECK(call(zero, 1.5, {1}).outcome == VoteOutcome::none);
    CHECK(call(zero, 1.5, {0}).outcome == VoteOutcome::confirmed);  // same instant
  }

  TEST_CASE("consensus vote: calls placed in the past agree by placement, earliest first") {
    // A BOCPD-like member raises at 30 a call it places at 22; CUSUM-like
    // members raised theirs at 24 and 26, where the change showed.
    auto vote = make_vote(kFiveEqual, 3, 5);
    call(vote, 24, {1});
    call(vote, 26, {2});
    const std::vector<MemberCall> late{{0, 22, 22.0}};
    const Vote confirmed = vote.observe(30, late, true);
    CHECK(confirmed.outcome == VoteOutcome::confirmed);
    CHECK(confirmed.members == Members{0, 1, 2});
    CHECK(confirmed.index == 22);
    CHECK(confirmed.timestamp == 22.0);
    // Placed at 16, 8 before the nearest other call: outside the tolerance
    // (with the reference at 16, only calls placed in [11, 21] agree).
    auto apart = make_vote(kFiveEqual, 3, 5);
    call(apart, 24, {1});
    call(apart, 26, {2});
    const std::vector<MemberCall> early{{0, 16, 16.0}};
    CHECK(apart.observe(30, early, true).outcome == VoteOutcome::none);
    // Several calls in one batch; a member's later call replaces its earlier one.
    auto batch = make_vote(kFiveEqual, 2, 5);
    const std::vector<MemberCall> calls{{3, 5, 5.0}, {3, 40, 40.0}, {4, 41, 41.0}};
    const Vote both = batch.observe(41, calls, true);
    CHECK(both.members == Members{3, 4});
    CHECK(both.index == 40);
  }

  TEST_CASE("consensus vote: one member calling repeatedly counts once") {
    auto vote = make_vote(kFiveEqual, 3, 5);
    call(vote, 10, {0});
    call(vote, 11, {0});
    CHECK(call(vote, 12, {1}).outcome == VoteOutcome::none);
    CHECK(call(vote, 13, {0}).outcome == VoteOutcome::none);
  }

  TEST_CASE("consensus vote: weighted quorum") {
    auto vote = make_vote({2.0, 1.0, 1.0, 0.5, 0.5}, 3, 5);
    CHECK(call(vote, 0, {2, 3, 4}).outcome == VoteOutcome::none);  // 2 < 3
    const Vote heavy = call(vote, 1, {0});                         // 2 + 1 + 0.5 + 0.5
    CHECK(heavy.outcome == VoteOutcome::confirmed);
    CHECK(heavy.weight == 4.0);
    CHECK(call(vote, 20, {0, 1}).outcome == VoteOutcome::confirmed);  // exactly 3

    // 0.7 + 0.2 + 0.1 rounds to just below 1 in binary: still a quorum of 1.
    auto fractions = make_vote({0.7, 0.2, 0.1}, 1.0, 5);
    CHECK(call(fractions, 0, {0, 1, 2}).outcome == VoteOutcome::confirmed);
  }

  TEST_CASE("consensus vote: at most one switch per min_interval") {
    auto vote = make_vote(kFiveEqual, 3, 5, 14400);
    CHECK(call(vote, 1000, {0, 1, 2}).outcome == VoteOutcome::confirmed);
    const Vote soon = call(vote, 1000 + 14399, {0, 1, 2});
    CHECK(soon.outcome == VoteOutcome::too_soon);
    CHECK(soon.members == Members{0, 1, 2});
    // The suppressed quorum's calls are used up: no stale confirmation later.
    CHECK(call(vote, 1000 + 14400, {3}).outcome == VoteOutcome::none);
    CHECK(call(vote, 1000 + 14401, {0, 1, 2}).outcome == VoteOutcome::confirmed);
    auto edge = make_vote(kFiveEqual, 3, 5, 100);
    call(edge, 0, {0, 1, 2});
    CHECK(call(edge, 100, {0, 1, 2}).outcome == VoteOutcome::confirmed);  // exactly the interval
  }

  TEST_CASE("consensus vote: no switch while volatile, and it does not start the interval") {
    auto vote = make_vote(kFiveEqual, 3, 5, 50);
    CHECK(call(vote, 10, {0, 1, 2}, /*calm=*/false).outcome == VoteOutcome::volatile_);
    CHECK(call(vote, 12, {3, 4}).outcome == VoteOutcome::none);  // the volatile calls are used
    CHECK(call(vote, 20, {0, 1, 2}).outcome == VoteOutcome::confirmed);
    vote.reset();
    CHECK(call(vote, 21, {0, 1, 2}).outcome == VoteOutcome::confirmed);  // interval forgotten
  }

  TEST_CASE("consensus vote: bad rules give invalid_parameter") {
    auto code = [](ConsensusRules rules) {
      return ConsensusVote::create(std::move(rules)).error().code;
    };
    CHECK(code({{}, 1, 5, 0}) == ErrorCode::invalid_parameter);
    CHECK(code({{1, -1}, 1, 5, 0}) == ErrorCode::invalid_parameter);
    CHECK(code({{1, NAN}, 1, 5, 0}) == ErrorCode::invalid_parameter);
    CHECK(code({{1, 1}, 3, 5, 0}) == ErrorCode::invalid_parameter);  // unreachable
    CHECK(code({{1, 1}, 0, 5, 0}) == ErrorCode::invalid_parameter);
    CHECK(code({{1, 1}, 1, -1, 0}) == ErrorCode::invalid_parameter);
    CHECK(code({{1, 1}, 1, 5, INFINITY}) == ErrorCode::invalid_parameter);
  }

  TEST_CASE("consensus: default members are the five change detectors, by name") {
    auto d = make_detector("consensus");
    REQUIRE(d.ok());
    const auto members = (*d)->members();
    REQUIRE(members.size() == 5);
    for (std::size_t i = 0; i < members.size(); ++i) {
      CHECK(members[i].name == ConsensusDetector::kDefaultMembers[i]);
      CHECK(members[i].weight == 1.0);
      CHECK_FALSE(members[i].parameters.empty());
    }
    CHECK((*d)->parameters() == ParameterList{{"quorum", 3},
                                              {"tolerance", 25},
                                              {"min_interval", 14400},
                                              {"volatility_window", 20},
                                              {"volatility_bound", 0}});
  }

  TEST_CASE("consensus: bad members give typed errors") {
    auto code = [](std::vector<MemberRequest> members, const ParameterList& params = {}) {
      return make_detector("consensus", params, members).error().code;
    };
    CHECK(code({{"no_such_detector", {}, 1}}) == ErrorCode::unknown_detector);
    CHECK(code({{"cusum", {{"no_such_parameter", 1}}, 1}}) == ErrorCode::unknown_parameter);
    CHECK(code({{"consensus", {}, 1}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"cusum", {}, 1}, {"cusum", {}, 1}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"cusum", {}, 0}}, {{"quorum", 1}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"cusum", {}, 1}, {"bocpd", {}, 1}}) == ErrorCode::invalid_parameter);  // 3 > 2
    CHECK(make_detector("cusum", {}, std::vector<MemberRequest>{{"bocpd", {}, 1}}).error().code ==
          ErrorCode::invalid_parameter);
    const auto named =
        make_detector("consensus", {}, std::vector<MemberRequest>{{"cusum", {{"x", 1}}, 1}});
    CHECK(named.error().message.find("member 0 ('cusum')") != std::string::npos);
  }

  TEST_CASE("consensus: a 3-sigma step is confirmed once, at the step, by the change detectors") {
    // bocpd places its call at the step; cusum and page_hinkley raise theirs
    // a few and about 50/3 samples later, within the tolerance (25) of it.
    const auto x = steps({{400, 0.0}, {400, 3.0}}, 2);
    const auto alerts = run(x);
    REQUIRE(alerts.size() == 1);
    const Alert& change = alerts[0];
    CHECK(change.detector == "consensus");
    CHECK(change.kind == "change");
    CHECK(change.index >= 395);
    CHECK(change.index <= 405);
    CHECK(change.timestamp == static_cast<double>(change.index));
    CHECK(change.members == std::vector<std::string>{"bocpd", "cusum", "page_hinkley"});
    CHECK(change.score == doctest::Approx(0.6));
    CHECK(change.detail.rfind("3 of 5 members (weight 3 of 5), confirmed at ", 0) == 0);

    // Streaming in chunks gives the same alert.
    auto streaming = make_detector("consensus");
    for (std::size_t i = 0; i < x.size(); i += 9) {
      REQUIRE(
          (*streaming)
              ->push(std::span<const double>(x).subspan(i, std::min<std::size_t>(9, x.size() - i)))
              .ok());
    }
    CHECK((*streaming)->take_alerts() == alerts);
  }

  TEST_CASE("consensus: min_interval and the volatility bound on a series with two steps") {
    const auto x = steps({{400, 0.0}, {400, 3.0}, {400, 0.0}}, 3);
    // Sample-index timestamps: the default 14400 allows one switch here.
    CHECK(run(x).size() == 1);
    const auto both = run(x, {{"min_interval", 100}});
    REQUIRE(both.size() == 2);
    CHECK(both[1].index >= 795);
    CHECK(both[1].index <= 805);
    // Differences of unit noise have standard deviation sqrt(2): a bound of 1
    // forbids every switch, a bound of 3 none.
    CHECK(run(x, {{"min_interval", 100}, {"volatility_bound", 1}}).empty());
    CHECK(run(x, {{"min_interval", 100}, {"volatility_bound", 3}}) == both);
  }
}
