#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "lf/signal/validate.hpp"
#include "synthetic.hpp"

using namespace lf::signal;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

TEST_SUITE("signal") {
  TEST_CASE("reject policy: non-finite values and timestamps are typed errors") {
    auto validator = SampleValidator::create({});
    REQUIRE(validator.ok());
    REQUIRE(validator->admit(0, 1.0).ok());
    auto nan_value = validator->admit(1, kNaN);
    REQUIRE_FALSE(nan_value.ok());
    CHECK(nan_value.error().code == lf::ErrorCode::non_finite_value);
    CHECK(nan_value.error().message.find("index 1") != std::string::npos);
    auto inf_time = validator->admit(kInf, 2.0);
    REQUIRE_FALSE(inf_time.ok());
    CHECK(inf_time.error().code == lf::ErrorCode::non_finite_value);
    CHECK(validator->counts().accepted == 1);
  }

  TEST_CASE("reject policy: timestamps must strictly increase, and an error changes nothing") {
    auto validator = SampleValidator::create({});
    REQUIRE(validator->admit(5, 1.0).ok());
    for (double t : {5.0, 4.0}) {
      auto bad = validator->admit(t, 1.0);
      REQUIRE_FALSE(bad.ok());
      CHECK(bad.error().code == lf::ErrorCode::non_increasing_timestamp);
    }
    // The failed samples left no trace: 6 is still the next acceptable time.
    CHECK(validator->admit(6, 1.0).ok());
    CHECK(validator->counts().accepted == 2);
    CHECK(validator->counts().dropped == 0);
  }

  TEST_CASE("drop policy removes bad samples and keeps their source indices") {
    Series s{"x", {0, 1, 2, 2, 4, 5}, {1, kNaN, 3, 4, -kInf, 6}};
    ValidationPolicy policy;
    policy.non_finite = InvalidSamplePolicy::drop;
    policy.out_of_order = InvalidSamplePolicy::drop;
    auto v = validate_series(s, policy);
    REQUIRE(v.ok());
    CHECK(v->series.values == std::vector<double>{1, 3, 6});
    CHECK(v->source_indices == std::vector<std::size_t>{0, 2, 5});
    CHECK(v->counts.dropped == 3);
    CHECK(v->counts.accepted == 3);
  }

  TEST_CASE("clipping bounds outliers at k sigma of the running baseline") {
    ValidationPolicy policy;
    policy.clip_sigma = 5.0;
    policy.clip_window = 50;
    auto validator = SampleValidator::create(policy);
    lf::test::Gaussian gauss(1);
    std::vector<double> baseline;
    for (int i = 0; i < 50; ++i) {
      const double x = gauss();
      baseline.push_back(x);
      REQUIRE(validator->admit(i, x)->outcome == SampleOutcome::accepted);
    }
    double mean = 0;
    for (double v : baseline) mean += v;
    mean /= 50;
    const double sigma = std::sqrt(lf::test::two_pass_variance(baseline));
    auto outlier = validator->admit(50, 1e6);
    REQUIRE(outlier.ok());
    CHECK(outlier->outcome == SampleOutcome::clipped);
    CHECK(outlier->value == doctest::Approx(mean + 5 * sigma).epsilon(1e-9));
    auto low = validator->admit(51, -1e6);
    CHECK(low->outcome == SampleOutcome::clipped);
    CHECK(low->value < mean - 4 * sigma);
    CHECK(validator->counts().clipped == 2);
  }

  TEST_CASE("bad policies and mismatched series are rejected") {
    ValidationPolicy negative;
    negative.clip_sigma = -1;
    CHECK(SampleValidator::create(negative).error().code == lf::ErrorCode::invalid_parameter);
    ValidationPolicy tiny;
    tiny.clip_window = 1;
    CHECK(SampleValidator::create(tiny).error().code == lf::ErrorCode::invalid_parameter);
    Series mismatched{"x", {0, 1}, {1, 2, 3}};
    CHECK(validate_series(mismatched, {}).error().code == lf::ErrorCode::length_mismatch);
  }
}
