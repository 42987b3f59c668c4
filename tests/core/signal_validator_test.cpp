// The statistical validator: each threshold's accept and reject side, and the
// figures computed from a return sample against scipy 1.10.1 (Debian
// bookworm's python3-scipy), generated once with /usr/bin/python3:
//   scipy.stats.ttest_1samp(r, 0.0, alternative="greater")  -> t, p
//   numpy: r.mean(), r.std(ddof=1), r.mean() / r.std(ddof=1) * sqrt(252)
//   scipy.stats.t.sf(t, df)                                   -> survival
#include "lf/risk/signal_validator.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

using namespace lf::risk;
using lf::ErrorCode;

namespace {

void check_close(double actual, double expected, double relative = 1e-12) {
  CHECK_MESSAGE(std::fabs(actual - expected) <= relative * std::fabs(expected) + 1e-15,
                "actual " << actual << " expected " << expected);
}

SignalVerdict verdict(const SignalStatistics& s, const ValidatorThresholds& t = {}) {
  auto v = validate_signal(s, t);
  REQUIRE_MESSAGE(v.ok(), v.error().message);
  return *v;
}

}  // namespace

TEST_SUITE("risk") {
  TEST_CASE("validator: a signal passing every threshold is accepted") {
    const auto v = verdict({0.01, 0.002, 2.5, 0.8});
    CHECK(v.accepted);
    CHECK(v.rejections.empty());
  }

  TEST_CASE("validator: each threshold's reject side, with its reason code") {
    // The boundaries: p = 0.05 rejects (p >= 0.05), EV = 0 rejects (<= 0),
    // Sharpe = 2.0 and confidence = 0.75 pass (only below rejects).
    CHECK(verdict({0.0499, 0.001, 2.0, 0.75}).accepted);
    const auto p = verdict({0.05, 0.001, 2.0, 0.75});
    CHECK(p.rejections == std::vector<SignalRejection>{SignalRejection::p_value_too_high});
    const auto ev = verdict({0.01, 0.0, 2.0, 0.75});
    CHECK(ev.rejections ==
          std::vector<SignalRejection>{SignalRejection::expected_value_not_positive});
    const auto sharpe = verdict({0.01, 0.001, 1.999, 0.75});
    CHECK(sharpe.rejections == std::vector<SignalRejection>{SignalRejection::sharpe_too_low});
    const auto confidence = verdict({0.01, 0.001, 2.0, 0.7499});
    CHECK(confidence.rejections ==
          std::vector<SignalRejection>{SignalRejection::confidence_too_low});
    const auto all = verdict({0.5, -0.01, -1.0, 0.1});
    CHECK_FALSE(all.accepted);
    CHECK(all.rejections ==
          std::vector<SignalRejection>{
              SignalRejection::p_value_too_high, SignalRejection::expected_value_not_positive,
              SignalRejection::sharpe_too_low, SignalRejection::confidence_too_low});
    CHECK(to_string(SignalRejection::expected_value_not_positive) == "expected_value_not_positive");
  }

  TEST_CASE("validator: thresholds are configurable") {
    ValidatorThresholds strict;
    strict.max_p_value = 0.01;
    strict.min_sharpe = 3.0;
    const auto v = verdict({0.02, 0.001, 2.5, 0.9}, strict);
    CHECK(v.rejections == std::vector<SignalRejection>{SignalRejection::p_value_too_high,
                                                       SignalRejection::sharpe_too_low});
  }

  TEST_CASE("validator: Student's t survival function matches scipy") {
    check_close(student_t_survival(2.0, 5), 0.05096973941492914);
    check_close(student_t_survival(0.5, 1), 0.3524163823495668);
    check_close(student_t_survival(-1.3, 12), 0.8909914144582428);
    check_close(student_t_survival(3.7, 30), 0.00043229992662364465, 1e-10);
    check_close(student_t_survival(10.0, 3), 0.0010641995292070747, 1e-10);
    CHECK(student_t_survival(0.0, 7) == 0.5);
  }

  TEST_CASE("validator: EV, t, p and Sharpe of a return sample match scipy") {
    const std::vector<double> daily{0.012, -0.004, 0.008,  0.015, -0.002,
                                    0.007, 0.011,  -0.006, 0.009, 0.004};
    auto s = return_statistics(daily);
    REQUIRE(s.ok());
    CHECK(s->samples == 10);
    check_close(s->mean, 0.005399999999999999);
    check_close(s->standard_deviation, 0.007183313998427189);
    check_close(s->t_statistic, 2.377217447079184);
    check_close(s->p_value, 0.020708075243131393, 1e-10);
    check_close(s->sharpe, 11.933536874103224);
    // p < 0.05, EV > 0, Sharpe >= 2: accepted at confidence 0.8, not at 0.7.
    CHECK(verdict({s->p_value, s->mean, s->sharpe, 0.8}).accepted);
    CHECK_FALSE(verdict({s->p_value, s->mean, s->sharpe, 0.7}).accepted);

    // A negative mean: t = -1/3 with one degree of freedom.
    auto negative = return_statistics(std::vector<double>{-0.5, 0.25});
    REQUIRE(negative.ok());
    check_close(negative->t_statistic, -0.3333333333333333);
    check_close(negative->p_value, 0.6024163823495667, 1e-10);
    check_close(negative->sharpe, -3.7416573867739418);

    // Sharpe scales with sqrt(periods per year): 52 weekly periods.
    auto weekly = return_statistics(daily, 52.0);
    REQUIRE(weekly.ok());
    check_close(weekly->sharpe, 0.005399999999999999 / 0.007183313998427189 * std::sqrt(52.0));
  }

  TEST_CASE("validator: bad input") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const auto code_of = [](const SignalStatistics& s, const ValidatorThresholds& t = {}) {
      auto v = validate_signal(s, t);
      REQUIRE_FALSE(v.ok());
      return v.error().code;
    };
    CHECK(code_of({nan, 0.1, 3, 0.9}) == ErrorCode::non_finite_value);
    CHECK(code_of({0.01, INFINITY, 3, 0.9}) == ErrorCode::non_finite_value);
    CHECK(code_of({1.5, 0.1, 3, 0.9}) == ErrorCode::invalid_argument);
    CHECK(code_of({0.01, 0.1, 3, -0.1}) == ErrorCode::invalid_argument);
    ValidatorThresholds bad;
    bad.max_p_value = 0.0;
    CHECK(code_of({0.01, 0.1, 3, 0.9}, bad) == ErrorCode::invalid_parameter);
    bad = {};
    bad.min_confidence = 2.0;
    CHECK(code_of({0.01, 0.1, 3, 0.9}, bad) == ErrorCode::invalid_parameter);
    bad = {};
    bad.min_sharpe = nan;
    CHECK(code_of({0.01, 0.1, 3, 0.9}, bad) == ErrorCode::invalid_parameter);

    const auto stats_code = [](std::vector<double> r, double periods = 252.0) {
      auto s = return_statistics(r, periods);
      REQUIRE_FALSE(s.ok());
      return s.error().code;
    };
    CHECK(stats_code({0.01}) == ErrorCode::insufficient_data);
    CHECK(stats_code({0.01, nan, 0.02}) == ErrorCode::non_finite_value);
    CHECK(stats_code({0.01, 0.01, 0.01}) == ErrorCode::degenerate_input);
    CHECK(stats_code({0.01, 0.02}, 0.0) == ErrorCode::invalid_parameter);
  }
}
