// Two-sided CUSUM: sums derived by hand, Montgomery's published run lengths
// for the k = 1/2, h = 5 design, detection delay, parameter errors.
#include <doctest/doctest.h>

#include <limits>

#include "lf/detect/registry.hpp"
#include "synthetic.hpp"

using namespace lf::detect;

namespace {

std::unique_ptr<Detector> cusum(const ParameterList& params = {}) {
  auto detector = make_detector("cusum", params);
  REQUIRE(detector.ok());
  return std::move(*detector);
}

std::vector<Alert> run(const std::vector<double>& x, const ParameterList& params) {
  auto detector = cusum(params);
  REQUIRE(detector->push(x).ok());
  return detector->take_alerts();
}

// Average run length of the default design with a nearly exact reference
// (a 2000-sample warm-up): samples from the end of the warm-up to the alarm,
// alarm included, when the mean sits `shift` standard deviations off the
// reference. The detector restarts its warm-up after every alarm.
double average_run_length(double shift, std::size_t alarms, std::uint64_t seed) {
  constexpr std::size_t kWarmup = 2000;
  auto detector = cusum({{"warmup", kWarmup}});
  lf::test::Gaussian gauss(seed);
  std::size_t since_start = 0, total = 0, rejected = 0;
  for (std::size_t seen = 0; seen < alarms;) {
    const bool monitoring = since_start >= kWarmup;
    if (!detector->push((monitoring ? shift : 0.0) + gauss()).ok()) ++rejected;
    ++since_start;
    if (!detector->take_alerts().empty()) {
      total += since_start - kWarmup;
      since_start = 0;
      ++seen;
    }
  }
  CHECK(rejected == 0);
  return static_cast<double>(total) / static_cast<double>(alarms);
}

}  // namespace

TEST_SUITE("detect") {
  TEST_CASE("cusum: upper sum by hand, alarm when it exceeds the threshold") {
    // Warm-up 1, 2, 3: mu = 2, sigma = 1. Then z = 2, 3, 4 and with k = 0.5
    // S+ = 1.5, 1.5 + 2.5 = 4, 4 + 3.5 = 7.5 > 5: an increase at index 5.
    const auto alerts = run({1, 2, 3, 4, 5, 6}, {{"warmup", 3}});
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].index == 5);
    CHECK(alerts[0].kind == "increase");
    CHECK(alerts[0].score == 7.5);
    CHECK(alerts[0].severity == Severity::warning);
    CHECK(alerts[0].detector == "cusum");
    CHECK(alerts[0].version == "1.0.0");
  }

  TEST_CASE("cusum: lower sum by hand; reaching the threshold exactly is not an alarm") {
    // mu = 2, sigma = 1. z = -0.5 leaves S- at max(0, 0.5 - 0.5) = 0; then
    // z = -2 adds 1.5 each time: 1.5, 3, 4.5, 6 > 5 at index 7.
    auto alerts = run({1, 2, 3, 1.5, 0, 0, 0, 0}, {{"warmup", 3}});
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].index == 7);
    CHECK(alerts[0].kind == "decrease");
    CHECK(alerts[0].score == 6.0);
    // z = 3 twice: S+ = 2.5, then exactly 5 = threshold, which does not exceed it.
    CHECK(run({1, 2, 3, 5, 5, 2}, {{"warmup", 3}}).empty());
    // With drift 0 the same sums are 3 and 6.
    alerts = run({1, 2, 3, 5, 5}, {{"warmup", 3}, {"drift", 0}});
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].index == 4);
    CHECK(alerts[0].score == 6.0);
  }

  TEST_CASE("cusum: a fresh warm-up after an alarm; a constant warm-up alarms on any change") {
    // The first alarm (index 5, as above) restarts the warm-up on 10, 10, 10:
    // sigma = 0, so 10 again is z = 0 and 9 is z = -1e12.
    const auto alerts = run({1, 2, 3, 4, 5, 6, 10, 10, 10, 10, 9}, {{"warmup", 3}});
    REQUIRE(alerts.size() == 2);
    CHECK(alerts[0].index == 5);
    CHECK(alerts[1].index == 10);
    CHECK(alerts[1].kind == "decrease");
    CHECK(alerts[1].score == 1e12 - 0.5);
  }

  TEST_CASE("cusum: no alarm during the warm-up") {
    std::vector<double> x(30);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<double>(i * i) * 1e6;
    CHECK(run(x, {}).empty());
  }

  TEST_CASE("cusum: run lengths of Montgomery's k = 1/2, h = 5 design (Table 9.3)") {
    // Published: 10.4 samples to detect a shift of one sigma, 465 between
    // false alarms. Standard errors here: about 0.1 (2000 alarms of sd ~5)
    // and about 15 (1000 alarms of sd ~465).
    CHECK(average_run_length(1.0, 2000, 93) == doctest::Approx(10.4).epsilon(0.05));
    CHECK(average_run_length(0.0, 1000, 465) == doctest::Approx(465).epsilon(0.12));
  }

  TEST_CASE("cusum: a 2-sigma step is detected within a few samples of the change") {
    lf::test::Gaussian gauss(2);
    std::vector<double> x;
    for (int i = 0; i < 60; ++i) x.push_back(10.0 + gauss(0.5));
    for (int i = 0; i < 40; ++i) x.push_back(11.0 + gauss(0.5));
    const auto alerts = run(x, {});
    REQUIRE_FALSE(alerts.empty());
    // Montgomery: 4.0 samples on average for a 2-sigma shift.
    CHECK(alerts[0].index >= 60);
    CHECK(alerts[0].index <= 70);
    CHECK(alerts[0].kind == "increase");
  }

  TEST_CASE("cusum: parameters and their typed errors") {
    const auto params = cusum()->parameters();
    REQUIRE(params.size() == 3);
    CHECK(params[0] == Parameter{"warmup", 30});
    CHECK(params[1] == Parameter{"drift", 0.5});
    CHECK(params[2] == Parameter{"threshold", 5});
    using lf::ErrorCode;
    const auto code = [](const ParameterList& p) { return make_detector("cusum", p).error().code; };
    CHECK(code({{"warmup", 1}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"warmup", 2.5}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"drift", -0.1}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"threshold", 0}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"threshold", std::numeric_limits<double>::quiet_NaN()}}) ==
          ErrorCode::invalid_parameter);
    CHECK(code({{"k", 0.5}}) == ErrorCode::unknown_parameter);
  }
}
