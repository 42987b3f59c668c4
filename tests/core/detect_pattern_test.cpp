// The autocorrelation pattern detector against analytic answers: an exactly
// periodic signal (period P) has autocorrelation 1 at lag P and -1 at lag P/2
// (its differences repeat, and a sine half a period on is its negative), its
// window signature recurs once per period, and a stable pattern is reported
// exactly `min_duration` after the first full window; white noise has none.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

#include "lf/detect/autocorrelation_pattern.hpp"
#include "lf/detect/registry.hpp"
#include "synthetic.hpp"

using namespace lf::detect;
using lf::ErrorCode;

namespace {

constexpr std::size_t kPeriod = 20;

// sin(2 pi t / P + 0.3) computed from t mod P, so the samples repeat exactly.
std::vector<double> periodic(std::size_t n, std::size_t period = kPeriod) {
  std::vector<double> x(n);
  for (std::size_t t = 0; t < n; ++t) {
    const double phase = static_cast<double>(t % period) / static_cast<double>(period);
    x[t] = std::sin(2.0 * std::numbers::pi * phase + 0.3);
  }
  return x;
}

std::vector<std::string> kinds(const std::vector<Alert>& alerts) {
  std::vector<std::string> out;
  for (const auto& a : alerts) out.push_back(a.kind);
  return out;
}

std::unique_ptr<Detector> make(const ParameterList& params = {}) {
  auto d = make_detector("autocorrelation_pattern", params);
  REQUIRE(d.ok());
  return std::move(*d);
}

}  // namespace

TEST_SUITE("detect") {
  TEST_CASE("autocorrelation pattern: period P gives autocorrelation 1 at lag P, -1 at P/2") {
    auto d = make();
    REQUIRE(d->push(periodic(300)).ok());
    const auto& detector = dynamic_cast<const AutocorrelationPatternDetector&>(*d);
    const auto r = detector.autocorrelations();  // lags 2..32
    CHECK(r[kPeriod - 2] == doctest::Approx(1.0).epsilon(1e-12));
    CHECK(r[kPeriod / 2 - 2] == doctest::Approx(-1.0).epsilon(1e-9));
    CHECK(detector.lag() == kPeriod);
    CHECK(detector.strength() == doctest::Approx(1.0).epsilon(1e-12));
    CHECK(detector.phase() == ActivityPhase::screened);
  }

  TEST_CASE("autocorrelation pattern: screened at the first window, stable min_duration later") {
    // The first full window of 64 differences is at index 64 (65 samples).
    const auto alerts = [] {
      auto d = make();
      REQUIRE(d->push(periodic(400)).ok());
      return d->take_alerts();
    }();
    REQUIRE(kinds(alerts) == std::vector<std::string>{"screened", "pattern_stable"});
    CHECK(alerts[0].index == 64);
    CHECK(alerts[1].index == 64 + 64);
    CHECK(alerts[1].severity == Severity::warning);
    CHECK(alerts[1].score == doctest::Approx(1.0).epsilon(1e-12));
    CHECK(alerts[1].detail.rfind("lag 20, autocorrelation 1, signature 0x", 0) == 0);

    // In timestamp units: samples 0.5 apart reach 64 time units after 128 more samples.
    std::vector<double> t(400);
    for (std::size_t i = 0; i < t.size(); ++i) t[i] = 1000.0 + 0.5 * static_cast<double>(i);
    auto timed = make();
    REQUIRE(timed->push(periodic(400), t).ok());
    const auto timed_alerts = timed->take_alerts();
    REQUIRE(timed_alerts.size() == 2);
    CHECK(timed_alerts[1].index == 64 + 128);
    CHECK(timed_alerts[1].timestamp == 1000.0 + 0.5 * (64 + 128));
  }

  TEST_CASE("autocorrelation pattern: recurrences are the analytic count, within the horizon") {
    // At index t >= 64, the windows at t - P, t - 2P, ... (back to index 64
    // and within the last `horizon` windows) have the same signature.
    for (const std::size_t horizon : {4096u, 50u}) {
      auto d = make({{"horizon", static_cast<double>(horizon)}});
      const auto& detector = dynamic_cast<const AutocorrelationPatternDetector&>(*d);
      const auto x = periodic(600);
      for (std::size_t t = 0; t < x.size(); ++t) {
        REQUIRE(d->push(x[t]).ok());
        if (t < 64) continue;
        const std::size_t expected = std::min(t - 64, horizon) / kPeriod;
        REQUIRE(detector.recurrences() == expected);
      }
    }
  }

  TEST_CASE("autocorrelation pattern: white noise has no stable pattern and stays FREE") {
    lf::test::Gaussian gauss(31);
    std::vector<double> x(20000);
    for (auto& v : x) v = gauss();
    auto d = make();
    REQUIRE(d->push(x).ok());
    CHECK(d->take_alerts().empty());
    const auto& detector = dynamic_cast<const AutocorrelationPatternDetector&>(*d);
    CHECK(detector.strength() < 0.8);
    CHECK(detector.recurrences() == 0);
  }

  TEST_CASE("activity phase: hysteresis edges") {
    PhaseHysteresis phase(0.8, 0.5);
    CHECK_FALSE(phase.update(0.7999).has_value());
    CHECK(phase.update(0.8) == ActivityPhase::screened);  // enter is inclusive
    CHECK_FALSE(phase.update(0.9).has_value());
    CHECK_FALSE(phase.update(0.6).has_value());  // between the thresholds: no flip
    CHECK_FALSE(phase.update(0.5).has_value());  // exit is strict
    CHECK(phase.update(0.4999) == ActivityPhase::free);
    CHECK_FALSE(phase.update(0.7).has_value());
    CHECK(phase.phase() == ActivityPhase::free);
  }

  TEST_CASE("autocorrelation pattern: pattern, noise, pattern switches SCREENED/FREE/SCREENED") {
    auto x = periodic(400);
    lf::test::Gaussian gauss(8);
    for (int i = 0; i < 400; ++i) x.push_back(gauss());
    const auto again = periodic(400);
    x.insert(x.end(), again.begin(), again.end());
    auto d = make();
    REQUIRE(d->push(x).ok());
    const auto alerts = d->take_alerts();
    CHECK(kinds(alerts) == std::vector<std::string>{"screened", "pattern_stable", "free",
                                                    "screened", "pattern_stable"});
    REQUIRE(alerts.size() == 5);
    CHECK(alerts[2].index > 400);
    CHECK(alerts[2].index < 400 + 64);  // the noise takes over the window
    CHECK(alerts[3].index >= 800);
    CHECK(alerts[3].index <= 800 + 64 + 1);

    // Streaming in chunks gives the same alerts.
    auto streaming = make();
    for (std::size_t i = 0; i < x.size(); i += 13) {
      REQUIRE(
          streaming
              ->push(std::span<const double>(x).subspan(i, std::min<std::size_t>(13, x.size() - i)))
              .ok());
    }
    CHECK(streaming->take_alerts() == alerts);
  }

  TEST_CASE("autocorrelation pattern: bad parameters are rejected") {
    auto code = [](const ParameterList& params) {
      return make_detector("autocorrelation_pattern", params).error().code;
    };
    CHECK(code({{"min_lag", 10}, {"max_lag", 5}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"window", 40}}) == ErrorCode::invalid_parameter);  // max_lag 32 > 20
    CHECK(code({{"enter", 0.5}, {"exit", 0.5}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"levels", 1}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"stable_threshold", 1.5}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"lags", 3}}) == ErrorCode::unknown_parameter);
  }
}
