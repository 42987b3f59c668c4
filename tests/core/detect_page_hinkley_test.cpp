// Page-Hinkley with River's semantics: River's documented example
// (tests/data/river), cases traced by hand, directions, reset, errors.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "lf/detect/registry.hpp"

using namespace lf::detect;

namespace {

std::vector<Alert> run(const std::vector<double>& x, const ParameterList& params = {}) {
  auto detector = make_detector("page_hinkley", params);
  REQUIRE(detector.ok());
  REQUIRE((*detector)->push(x).ok());
  return (*detector)->take_alerts();
}

}  // namespace

TEST_SUITE("detect") {
  TEST_CASE("page_hinkley: River's documented example, change detected at index 1006") {
    // river.drift.PageHinkley's docstring: 1000 draws from {0, 1} then 1000
    // from {4, ..., 7} (random.Random(12345).choices), default parameters:
    // "Change detected at index 1006, input value: 5".
    std::ifstream in(LF_TEST_DATA_DIR "/river/page_hinkley_stream.json");
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    const auto stream = nlohmann::json::parse(text.str()).get<std::vector<double>>();
    REQUIRE(stream.size() == 2000);
    const auto alerts = run(stream);
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].index == 1006);
    CHECK(stream[alerts[0].index] == 5);
    CHECK(alerts[0].kind == "increase");
    CHECK(alerts[0].score > 50);
    CHECK(alerts[0].detector == "page_hinkley");
    CHECK(alerts[0].version == "1.0.0");
  }

  TEST_CASE("page_hinkley: an increase traced by hand") {
    // min_instances 3, delta 0, alpha 1, threshold 1.5; x = 0, 0, 0, 3.
    // n = 1..3: mean 0, deviations 0, U = L = 0, min U = max L = 0.
    // n = 4: mean = 0 + (1/4)(3 - 0) = 0.75, deviation 2.25, U = L = 2.25,
    // min U = 0, so U - min U = 2.25 > 1.5 at index 3; max L - L = 0.
    const ParameterList params{
        {"min_instances", 3}, {"delta", 0}, {"alpha", 1}, {"threshold", 1.5}};
    const auto alerts = run({0, 0, 0, 3}, params);
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].index == 3);
    CHECK(alerts[0].kind == "increase");
    CHECK(alerts[0].score == 2.25);
    CHECK(alerts[0].severity == Severity::warning);
    // The same stream with the threshold at 2.25 exactly: not exceeded.
    CHECK(run({0, 0, 0, 3}, {{"min_instances", 3}, {"delta", 0}, {"alpha", 1}, {"threshold", 2.25}})
              .empty());
  }

  TEST_CASE("page_hinkley: a decrease with forgetting, traced by hand") {
    // min_instances 3, delta 0.1, alpha 0.5, threshold 1; x = 2, 2, 2, 0.
    // n = 1..3: deviations 0; U = 0.5 U - 0.1: -0.1, -0.15, -0.175;
    //           L = 0.5 L + 0.1: 0.1, 0.15, 0.175 (= max L).
    // n = 4: mean = 2 + (1/4)(0 - 2) = 1.5, deviation -1.5,
    //        L = 0.0875 - 1.5 + 0.1 = -1.3125, max L - L = 1.4875 > 1;
    //        U = -0.0875 - 1.5 - 0.1 = -1.6875 is its own minimum: U - min U = 0.
    const auto alerts =
        run({2, 2, 2, 0}, {{"min_instances", 3}, {"delta", 0.1}, {"alpha", 0.5}, {"threshold", 1}});
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].index == 3);
    CHECK(alerts[0].kind == "decrease");
    CHECK(alerts[0].score == doctest::Approx(1.4875).epsilon(1e-14));
  }

  TEST_CASE("page_hinkley: min_instances counts from the last reset") {
    // A detection at index 3 (as traced above) resets the count: the jump at
    // index 5 comes 2 samples after the reset, before min_instances 3.
    const ParameterList params{
        {"min_instances", 3}, {"delta", 0}, {"alpha", 1}, {"threshold", 1.5}};
    CHECK(run({0, 0, 0, 3, 3, 9}, params).size() == 1);
    // One sample later it may fire: n = 3, mean 5, deviation 4 > 1.5.
    const auto alerts = run({0, 0, 0, 3, 3, 3, 9}, params);
    REQUIRE(alerts.size() == 2);
    CHECK(alerts[1].index == 6);
    CHECK(alerts[1].score == 4.0);
  }

  TEST_CASE("page_hinkley: River's modes up and down") {
    const ParameterList base{{"min_instances", 3}, {"delta", 0}, {"alpha", 1}, {"threshold", 1.5}};
    auto up_only = base;
    up_only.push_back({"detect_decrease", 0});
    auto down_only = base;
    down_only.push_back({"detect_increase", 0});
    CHECK(run({0, 0, 0, 3}, up_only).size() == 1);
    CHECK(run({0, 0, 0, 3}, down_only).empty());
    CHECK(run({0, 0, 0, -3}, up_only).empty());
    const auto alerts = run({0, 0, 0, -3}, down_only);
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].kind == "decrease");
    CHECK(alerts[0].score == 2.25);
  }

  TEST_CASE("page_hinkley: parameters and their typed errors") {
    auto detector = make_detector("page_hinkley");
    REQUIRE(detector.ok());
    const auto params = (*detector)->parameters();
    REQUIRE(params.size() == 6);
    CHECK(params[0] == Parameter{"min_instances", 30});
    CHECK(params[1] == Parameter{"delta", 0.005});
    CHECK(params[2] == Parameter{"threshold", 50});
    CHECK(params[3] == Parameter{"alpha", 1 - 1e-4});
    CHECK(params[4] == Parameter{"detect_increase", 1});
    CHECK(params[5] == Parameter{"detect_decrease", 1});
    using lf::ErrorCode;
    const auto code = [](const ParameterList& p) {
      return make_detector("page_hinkley", p).error().code;
    };
    CHECK(code({{"detect_increase", 0}, {"detect_decrease", 0}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"detect_increase", 2}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"min_instances", 0}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"delta", -0.005}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"threshold", 0}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"alpha", 0}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"alpha", 1.5}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"mode", 0}}) == ErrorCode::unknown_parameter);
  }
}
