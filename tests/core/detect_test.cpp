#include <doctest/doctest.h>

#include <limits>

#include "lf/detect/phase_transition.hpp"
#include "lf/detect/registry.hpp"
#include "lf/detect/variance_compression.hpp"
#include "synthetic.hpp"

using namespace lf::detect;

namespace {

std::unique_ptr<Detector> make(std::string_view name, const ParameterList& params = {}) {
  auto d = make_detector(name, params);
  REQUIRE(d.ok());
  return std::move(*d);
}

std::vector<Alert> run_batch(std::string_view name, const std::vector<double>& x,
                             const ParameterList& params = {}) {
  auto d = make(name, params);
  REQUIRE(d->push(x).ok());
  return d->take_alerts();
}

// Quiet noise, then a level regime with large swings that reverses its trend:
// a transition at `change` the phase detector must find.
std::vector<double> unstable_after(std::size_t n, std::size_t change) {
  lf::test::Gaussian gauss(2024);
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = i < change ? gauss(0.5)
                      : 8.0 * std::sin(0.5 * static_cast<double>(i - change)) + gauss(0.5);
  }
  return x;
}

// sigma 1, then compressed to sigma 0.05 from `squeeze`, exploding to sigma 6 at `burst`.
std::vector<double> squeeze_then_burst(std::size_t squeeze, std::size_t burst, std::size_t n) {
  lf::test::Gaussian gauss(77);
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = gauss(i < squeeze ? 1.0 : i < burst ? 0.05 : 6.0);
  return x;
}

}  // namespace

TEST_SUITE("detect") {
  TEST_CASE("phase transition: alert within 10 samples of a known transition, none before") {
    const auto x = unstable_after(600, 400);
    const auto alerts = run_batch("phase_transition", x);
    REQUIRE_FALSE(alerts.empty());
    CHECK(alerts.front().index >= 400);
    CHECK(alerts.front().index <= 410);
    CHECK(alerts.front().kind == "phase_transition");
    CHECK(alerts.front().score > 3.0);
    CHECK(alerts.front().detector == "phase_transition");
    CHECK(alerts.front().version == "2.0.0");
  }

  TEST_CASE("defaults keep false alarms on white noise near the documented 1e-4 per sample") {
    // 200k samples at a true rate <= 1e-4 expect <= 20 alerts; 40 leaves room
    // for chance, while the 10/50-window settings measured at 1.4e-2 would
    // give ~2700.
    lf::test::Gaussian gauss(5);
    std::vector<double> x(200000);
    for (auto& v : x) v = gauss();
    CHECK(run_batch("phase_transition", x).size() <= 40);
    CHECK(run_batch("variance_compression", x).size() <= 40);
  }

  TEST_CASE("phase transition: cooldown spaces alerts") {
    // The new regime keeps the ratio high (and the trend turning every ~6
    // samples) until the baseline has absorbed it: many candidate alerts.
    const auto x = unstable_after(800, 300);
    const auto unthrottled = run_batch("phase_transition", x, {{"cooldown", 0}});
    const auto alerts = run_batch("phase_transition", x, {{"cooldown", 8}});
    REQUIRE(unthrottled.size() >= 3);
    REQUIRE(alerts.size() >= 2);
    CHECK(alerts.size() < unthrottled.size());
    for (std::size_t i = 1; i < alerts.size(); ++i) {
      CHECK(alerts[i].index - alerts[i - 1].index > 8);
    }
  }

  TEST_CASE("variance compression: warning inside the squeeze, expansion at the burst") {
    const auto x = squeeze_then_burst(300, 340, 420);
    const auto alerts = run_batch("variance_compression", x);
    REQUIRE(alerts.size() == 2);
    CHECK(alerts[0].kind == "compression");
    CHECK(alerts[0].severity == Severity::warning);
    // The recent variance falls below 0.25x baseline once at most ~4 of the
    // 20 recent samples predate the squeeze, then min_duration (5) more.
    CHECK(alerts[0].index >= 310);
    CHECK(alerts[0].index <= 330);
    CHECK(alerts[1].kind == "expansion");
    CHECK(alerts[1].severity == Severity::critical);
    CHECK(alerts[1].index >= 340);
    CHECK(alerts[1].index <= 343);
  }

  TEST_CASE("variance compression: an unresolved squeeze expires after max_armed") {
    const auto x = squeeze_then_burst(300, 1000, 1100);
    const auto alerts = run_batch("variance_compression", x, {{"max_armed", 20}});
    REQUIRE_FALSE(alerts.empty());
    CHECK(alerts[0].kind == "compression");
    for (const auto& a : alerts) CHECK(a.kind != "expansion");
  }

  TEST_CASE("no alerts during warm-up") {
    // A violent series: any detector that ignored warm-up would fire at once.
    std::vector<double> x(59);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = (i % 2 ? 1e3 : -1e3) * static_cast<double>(i);
    CHECK(
        run_batch("phase_transition", x, {{"short_window", 10}, {"baseline_window", 49}}).empty());
    CHECK(run_batch("variance_compression", x, {{"short_window", 10}, {"baseline_window", 50}})
              .empty());
  }

  TEST_CASE("batch and sample-by-sample give identical alerts") {
    const auto x = squeeze_then_burst(300, 340, 20000);
    const auto y = unstable_after(20000, 9000);
    for (const auto* series : {&x, &y}) {
      for (std::string_view name : {"phase_transition", "variance_compression"}) {
        const auto batch = run_batch(name, *series);
        auto one_by_one = make(name);
        for (double v : *series) REQUIRE(one_by_one->push(v).ok());
        auto chunked = make(name);
        for (std::size_t i = 0; i < series->size(); i += 777) {
          const auto n = std::min<std::size_t>(777, series->size() - i);
          REQUIRE(chunked->push(std::span(*series).subspan(i, n)).ok());
        }
        CHECK(one_by_one->take_alerts() == batch);
        CHECK(chunked->take_alerts() == batch);
      }
    }
  }

  TEST_CASE("timestamps are carried into alerts; reset starts afresh") {
    const auto x = squeeze_then_burst(300, 340, 420);
    std::vector<double> t(x.size());
    for (std::size_t i = 0; i < t.size(); ++i) t[i] = 1000.0 + 0.5 * static_cast<double>(i);
    auto d = make("variance_compression");
    REQUIRE(d->push(x, t).ok());
    auto alerts = d->take_alerts();
    REQUIRE_FALSE(alerts.empty());
    CHECK(alerts[0].timestamp == 1000.0 + 0.5 * static_cast<double>(alerts[0].index));
    d->reset();
    CHECK(d->samples_seen() == 0);
    REQUIRE(d->push(x).ok());
    CHECK(d->take_alerts().size() == alerts.size());
  }

  TEST_CASE("bad samples are rejected whole and change nothing") {
    auto d = make("phase_transition");
    REQUIRE(d->push(std::vector<double>{1, 2, 3}).ok());
    std::vector<double> bad{4, std::numeric_limits<double>::quiet_NaN(), 6};
    auto status = d->push(bad);
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().code == lf::ErrorCode::non_finite_value);
    CHECK(status.error().message.find("index 4") != std::string::npos);
    CHECK(d->samples_seen() == 3);

    CHECK(d->push(std::vector<double>{1, 2}, std::vector<double>{10}).error().code ==
          lf::ErrorCode::length_mismatch);
    CHECK(d->push(std::vector<double>{1, 2}, std::vector<double>{10, 10}).error().code ==
          lf::ErrorCode::non_increasing_timestamp);
    REQUIRE(d->push(50.0, 1.0).ok());
    CHECK(d->push(49.0, 1.0).error().code == lf::ErrorCode::non_increasing_timestamp);
    CHECK(d->push(1.0).error().code == lf::ErrorCode::non_increasing_timestamp);
    CHECK(d->samples_seen() == 4);
  }

  TEST_CASE("parameters: defaults, overrides and typed errors") {
    auto d = make("phase_transition", {{"short_window", 5}});
    const auto params = d->parameters();
    REQUIRE(params.size() == 5);
    CHECK(params[0] == Parameter{"short_window", 5});
    CHECK(params[1] == Parameter{"baseline_window", 100});

    CHECK(make_detector("nope").error().code == lf::ErrorCode::unknown_detector);
    CHECK(make_detector("phase_transition", {{"window", 5}}).error().code ==
          lf::ErrorCode::unknown_parameter);
    CHECK(make_detector("phase_transition", {{"short_window", 1}}).error().code ==
          lf::ErrorCode::invalid_parameter);
    CHECK(make_detector("phase_transition", {{"short_window", 5.5}}).error().code ==
          lf::ErrorCode::invalid_parameter);
    CHECK(
        make_detector("phase_transition", {{"threshold", std::numeric_limits<double>::quiet_NaN()}})
            .error()
            .code == lf::ErrorCode::invalid_parameter);
    CHECK(make_detector("phase_transition", {{"cooldown", 1}, {"cooldown", 2}}).error().code ==
          lf::ErrorCode::invalid_parameter);
    CHECK(make_detector("variance_compression", {{"low_ratio", 0.9}, {"high_ratio", 1.0}}).ok());
    CHECK(make_detector("variance_compression", {{"low_ratio", 1.0}, {"high_ratio", 1.0}})
              .error()
              .code == lf::ErrorCode::invalid_parameter);
  }

  TEST_CASE("the catalog lists every detector with its parameter specs") {
    const auto catalog = detector_catalog();
    REQUIRE(catalog.size() >= 2);
    for (std::size_t i = 1; i < catalog.size(); ++i) CHECK(catalog[i - 1].name < catalog[i].name);
    for (const auto& info : catalog) {
      auto detector = make_detector(info.name);
      REQUIRE(detector.ok());
      CHECK((*detector)->name() == info.name);
      CHECK((*detector)->version() == info.version);
      CHECK((*detector)->parameters().size() == info.parameters.size());
      for (const auto& spec : info.parameters) {
        CHECK(spec.default_value >= spec.min);
        CHECK(spec.default_value <= spec.max);
      }
    }
  }
}
