// Early-warning indicators against pandas / scipy / statsmodels: the golden
// file tests/data/ews/golden.json holds what ewstools' calls compute on two
// series (see its PROVENANCE.md), and tests/js/ews.test.mjs regenerates it
// with Python whenever Python is present, so it cannot drift from pandas.
//
// Tolerance: 1e-9 relative to the quantity's scale (the largest magnitude in
// that column, or 1 for the dimensionless indicators, whose values cross
// zero). Both sides are rounding-level accurate but compute differently:
// pandas slides Kahan-compensated raw power sums (skew, kurtosis) or Welford
// updates (variance), np.corrcoef centres each window afresh (ac1), scipy
// sums the Gaussian kernel in its own order; we slide shifted power sums with
// exact resyncs. Measured disagreements are below 1e-12 relative; 1e-9 leaves
// room for other libm/BLAS builds while still catching any difference of
// definition (a ddof, a window edge, a bias correction is >= 1e-3).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "lf/detect/early_warning.hpp"
#include "lf/detect/early_warning_indicators.hpp"
#include "lf/detect/ews_window.hpp"
#include "lf/detect/kendall_tau.hpp"
#include "lf/detect/registry.hpp"
#include "lf/signal/gaussian_filter.hpp"
#include "lf/signal/lowess.hpp"
#include "synthetic.hpp"

using namespace lf::detect;
using lf::ErrorCode;
using nlohmann::json;

namespace {

constexpr double kRelativeTolerance = 1e-9;
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

const json& golden() {
  static const json data = [] {
    std::ifstream in(LF_TEST_DATA_DIR "/ews/golden.json");
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str());
  }();
  return data;
}

std::vector<double> numbers(const json& array) {
  std::vector<double> out;
  for (const auto& v : array) out.push_back(v.is_null() ? kNan : v.get<double>());
  return out;
}

// Largest |expected| (ignoring null), at least `floor`.
double scale_of(const std::vector<double>& expected, double floor) {
  double scale = floor;
  for (double v : expected) {
    if (!std::isnan(v)) scale = std::max(scale, std::fabs(v));
  }
  return scale;
}

void check_close(const std::vector<double>& actual, const json& expected_json,
                 const std::string& what, bool dimensionless) {
  const auto expected = numbers(expected_json);
  REQUIRE(actual.size() == expected.size());
  const double tolerance = kRelativeTolerance * scale_of(expected, dimensionless ? 1.0 : 0.0);
  for (std::size_t i = 0; i < actual.size(); ++i) {
    INFO(what << "[" << i << "]: " << actual[i] << " vs " << expected[i]);
    CHECK(std::isnan(actual[i]) == std::isnan(expected[i]));
    if (!std::isnan(expected[i])) CHECK(std::fabs(actual[i] - expected[i]) <= tolerance);
  }
}

// AR(1) whose coefficient ramps from 0.2 to 0.99: a linear approach to a fold.
std::vector<double> approach_to_fold(std::size_t n, lf::test::Gaussian& gaussian) {
  std::vector<double> x(n);
  double y = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double phi = 0.2 + 0.79 * static_cast<double>(i) / static_cast<double>(n);
    y = phi * y + gaussian(1.0);
    x[i] = y;
  }
  return x;
}

std::vector<Alert> run_detector(const std::vector<double>& x, const ParameterList& params = {}) {
  auto detector = make_detector("early_warning", params);
  REQUIRE(detector.ok());
  REQUIRE((*detector)->push(x).ok());
  return (*detector)->take_alerts();
}

EwsOptions options_of(const json& o) {
  EwsOptions options;
  options.rolling_window = o["rolling_window"].get<double>();
  const json& d = o["detrend"];
  const std::string method = d["method"].get<std::string>();
  if (method == "gaussian") options.detrend = Detrend::gaussian;
  if (method == "lowess") options.detrend = Detrend::lowess;
  if (d.contains("bandwidth")) options.bandwidth = d["bandwidth"].get<double>();
  if (d.contains("span")) options.span = d["span"].get<double>();
  if (d.contains("iterations")) options.lowess_iterations = d["iterations"].get<std::size_t>();
  return options;
}

}  // namespace

TEST_SUITE("detect") {
  TEST_CASE("early-warning indicators equal ewstools' (pandas, scipy, statsmodels)") {
    for (const json& c : golden()["cases"]) {
      const std::string name = c["name"].get<std::string>();
      CAPTURE(name);
      const auto values = numbers(golden()["series"][c["series"].get<std::string>()]);
      const auto result = early_warning_indicators(values, options_of(c["options"]));
      REQUIRE_MESSAGE(result.ok(), result.error().message);
      const json& e = c["expected"];
      CHECK(result->window == e["window"].get<std::size_t>());
      if (e.contains("smoothing")) {
        check_close(result->smoothing, e["smoothing"], "smoothing", false);
        check_close(result->residuals, e["residuals"], "residuals", false);
      } else {
        CHECK(result->smoothing.empty());
        CHECK(result->residuals == values);
      }
      const json& ind = e["indicators"];
      const EwsSeries& s = result->indicators;
      check_close(s.variance, ind["variance"], "variance", false);
      check_close(s.std_dev, ind["std"], "std", false);
      check_close(s.cv, ind["cv"], "cv", true);
      check_close(s.ac1, ind["ac1"], "ac1", true);
      check_close(s.skew, ind["skew"], "skew", true);
      check_close(s.kurtosis, ind["kurtosis"], "kurtosis", true);
      const json& tau = e["kendall_tau"];
      const EwsTrends& t = result->kendall_tau;
      CHECK(t.variance == doctest::Approx(tau["variance"].get<double>()).epsilon(1e-12));
      CHECK(t.std_dev == doctest::Approx(tau["std"].get<double>()).epsilon(1e-12));
      CHECK(t.cv == doctest::Approx(tau["cv"].get<double>()).epsilon(1e-12));
      CHECK(t.ac1 == doctest::Approx(tau["ac1"].get<double>()).epsilon(1e-12));
      CHECK(t.skew == doctest::Approx(tau["skew"].get<double>()).epsilon(1e-12));
      CHECK(t.kurtosis == doctest::Approx(tau["kurtosis"].get<double>()).epsilon(1e-12));
    }
  }

  TEST_CASE("Kendall tau-b equals scipy.stats.kendalltau, ties included") {
    for (const json& c : golden()["kendall_tau"]) {
      const auto values = numbers(c["values"]);
      CAPTURE(c["values"].dump());
      const double tau = kendall_tau(values);
      if (c["tau"].is_null()) {
        CHECK(std::isnan(tau));
      } else {
        CHECK(tau == doctest::Approx(c["tau"].get<double>()).epsilon(1e-14));
      }
    }
    CHECK(std::isnan(kendall_tau(std::vector<double>{})));
    CHECK(std::isnan(kendall_tau(std::vector<double>{1.0})));
  }

  TEST_CASE("the trailing Kendall tau equals the batch one over the same values") {
    lf::test::Gaussian gaussian(17);
    std::vector<double> x(400);
    // Rounded to one decimal so that ties occur.
    for (auto& v : x) v = std::round(gaussian(1.0) * 10.0) / 10.0;
    TrailingKendallTau trailing(37);
    for (std::size_t i = 0; i < x.size(); ++i) {
      trailing.push(x[i]);
      const std::size_t first = i + 1 >= 37 ? i + 1 - 37 : 0;
      const double batch = kendall_tau(std::span(x).subspan(first, i + 1 - first));
      if (std::isnan(batch)) {
        CHECK(std::isnan(trailing.tau()));
      } else {
        // Both divide the same integer counts the same way: equal bits.
        CHECK(trailing.tau() == batch);
      }
    }
    trailing.clear();
    CHECK(trailing.count() == 0);
    CHECK(std::isnan(trailing.tau()));
  }

  TEST_CASE("Gaussian filter equals scipy.ndimage.gaussian_filter(mode='reflect')") {
    for (const json& c : golden()["gaussian_filter"]) {
      const auto values = numbers(c["values"]);
      const auto smoothed = lf::signal::gaussian_filter(values, c["sigma"].get<double>());
      REQUIRE(smoothed.ok());
      check_close(*smoothed, c["expected"], "gaussian_filter", false);
    }
  }

  TEST_CASE("LOWESS follows a line through noise and resists an outlier") {
    std::vector<double> y(60);
    const auto line = [](std::size_t i) { return 2.0 - 0.5 * static_cast<double>(i); };
    for (std::size_t i = 0; i < y.size(); ++i) y[i] = line(i) + 0.1 * std::sin(1.7 * i);
    y[30] += 100.0;
    // Without robustifying passes the spike drags its neighbourhood up; with
    // them it gets weight 0 (its residual is far beyond 6 median residuals)
    // and the fit stays within the noise of the line.
    const auto plain = lf::signal::lowess(y, {0.3, 0});
    const auto robust = lf::signal::lowess(y, {0.3, 3});
    REQUIRE(plain.ok());
    REQUIRE(robust.ok());
    CHECK((*plain)[30] - line(30) > 5.0);
    for (std::size_t i = 25; i <= 35; ++i) CHECK(std::fabs((*robust)[i] - line(i)) < 0.2);
  }

  TEST_CASE("streaming indicators equal exact figures over every window") {
    // A level far from zero that jumps and collapses: the shifted sums must
    // resync (drift, collapse) to stay exact. The reference is computed in
    // long double, two-pass: in double, the second segment's mean (-5e3,
    // noise 1e-4) would already carry a 1e-7 relative error of its own.
    lf::test::Gaussian gaussian(5);
    std::vector<double> x;
    for (int i = 0; i < 3000; ++i) x.push_back(1e4 + gaussian(1.0));
    for (int i = 0; i < 3000; ++i) x.push_back(-5e3 + gaussian(1e-4));
    for (int i = 0; i < 3000; ++i) x.push_back(gaussian(50.0));
    const std::size_t w = 64;
    EwsWindow window(w);
    using Real = long double;
    for (std::size_t i = 0; i < x.size(); ++i) {
      window.push(x[i], x[i]);
      if (i + 1 < w) {
        CHECK(std::isnan(window.values().variance));
        continue;
      }
      if (i % 97 != 0) continue;  // spot checks keep the test fast
      const std::span<const double> win = std::span(x).subspan(i + 1 - w, w);
      const Real n = static_cast<Real>(w);
      Real mean = 0, ma = 0, mb = 0;
      for (std::size_t k = 0; k < w; ++k) mean += win[k];
      for (std::size_t k = 0; k + 1 < w; ++k) {
        ma += win[k];
        mb += win[k + 1];
      }
      mean /= n;
      ma /= n - 1;
      mb /= n - 1;
      Real m2 = 0, m3 = 0, m4 = 0, cov = 0, va = 0, vb = 0;
      for (std::size_t k = 0; k < w; ++k) {
        const Real d = win[k] - mean;
        m2 += d * d;
        m3 += d * d * d;
        m4 += d * d * d * d;
        if (k + 1 < w) {
          cov += (win[k] - ma) * (win[k + 1] - mb);
          va += (win[k] - ma) * (win[k] - ma);
          vb += (win[k + 1] - mb) * (win[k + 1] - mb);
        }
      }
      const Real variance = m2 / (n - 1);
      m2 /= n;
      m3 /= n;
      m4 /= n;
      const Real g1 = std::sqrt(n * (n - 1)) / (n - 2) * m3 / (m2 * std::sqrt(m2));
      const Real g2 = ((n * n - 1) * m4 / (m2 * m2) - 3 * (n - 1) * (n - 1)) / ((n - 2) * (n - 3));
      const EwsValues v = window.values();
      CHECK(v.variance == doctest::Approx(static_cast<double>(variance)).epsilon(1e-9));
      CHECK(v.std_dev == doctest::Approx(static_cast<double>(std::sqrt(variance))).epsilon(1e-9));
      CHECK(v.cv == doctest::Approx(static_cast<double>(std::sqrt(variance) / mean)).epsilon(1e-9));
      CHECK(v.skew == doctest::Approx(static_cast<double>(g1)).epsilon(1e-9).scale(1.0));
      CHECK(v.kurtosis == doctest::Approx(static_cast<double>(g2)).epsilon(1e-9).scale(1.0));
      CHECK(
          v.ac1 ==
          doctest::Approx(static_cast<double>(cov / std::sqrt(va * vb))).epsilon(1e-9).scale(1.0));
    }
  }

  TEST_CASE("a constant window has zero variance and undefined shape") {
    EwsWindow window(8);
    for (int i = 0; i < 20; ++i) window.push(i < 5 ? i * 1.5 : 3.0, 3.0);
    const EwsValues v = window.values();
    CHECK(v.variance == 0.0);
    CHECK(v.std_dev == 0.0);
    CHECK(v.cv == 0.0);
    CHECK(std::isnan(v.ac1));
    CHECK(std::isnan(v.skew));
    CHECK(std::isnan(v.kurtosis));
  }

  TEST_CASE("early_warning_indicators: bad input gives typed errors") {
    const std::vector<double> ok(40, 1.0);
    CHECK(early_warning_indicators(std::vector<double>{}).error().code == ErrorCode::empty_input);
    std::vector<double> with_nan = ok;
    with_nan[7] = kNan;
    const auto bad = early_warning_indicators(with_nan);
    CHECK(bad.error().code == ErrorCode::non_finite_value);
    CHECK(bad.error().message.find("index 7") != std::string::npos);
    const auto code = [&](EwsOptions o) { return early_warning_indicators(ok, o).error().code; };
    CHECK(code({.rolling_window = 0.0}) == ErrorCode::invalid_parameter);
    CHECK(code({.rolling_window = -3}) == ErrorCode::invalid_parameter);
    CHECK(code({.rolling_window = kNan}) == ErrorCode::invalid_parameter);
    CHECK(code({.rolling_window = 10.5}) == ErrorCode::invalid_parameter);
    CHECK(code({.rolling_window = 0.05}) == ErrorCode::insufficient_data);  // 2 samples
    CHECK(code({.rolling_window = 41}) == ErrorCode::insufficient_data);
    CHECK(code({.detrend = Detrend::gaussian, .bandwidth = 41}) == ErrorCode::invalid_parameter);
    CHECK(code({.detrend = Detrend::gaussian, .bandwidth = 0}) == ErrorCode::invalid_parameter);
    CHECK(code({.detrend = Detrend::lowess, .span = -0.1}) == ErrorCode::invalid_parameter);
    CHECK(code({.detrend = Detrend::lowess, .lowess_iterations = 101}) ==
          ErrorCode::invalid_parameter);
    CHECK(early_warning_indicators(ok, {.rolling_window = 40}).ok());

    CHECK(lf::signal::gaussian_filter({}, 1.0).error().code == ErrorCode::empty_input);
    CHECK(lf::signal::gaussian_filter(ok, 0.0).error().code == ErrorCode::invalid_parameter);
    CHECK(lf::signal::gaussian_filter(with_nan, 1.0).error().code == ErrorCode::non_finite_value);
    CHECK(lf::signal::lowess(std::vector<double>{1.0}, {}).error().code ==
          ErrorCode::insufficient_data);
    CHECK(lf::signal::lowess(ok, {1.5, 3}).error().code == ErrorCode::invalid_parameter);
    CHECK(lf::signal::lowess(with_nan, {}).error().code == ErrorCode::non_finite_value);
  }

  TEST_CASE("early_warning: the trend taus are the batch taus of the batch indicators") {
    // Without detrending the detector's indicators are the batch ones, and
    // its score at an alert is min(tau_var, tau_ac1) over the last
    // trend_span of them.
    lf::test::Gaussian gaussian(23);
    const auto x = approach_to_fold(3000, gaussian);
    const ParameterList params{{"detrend_bandwidth", 0},
                               {"window", 50},
                               {"trend_span", 120},
                               {"variance_threshold", 0.5},
                               {"ac_threshold", 0.5}};
    const auto alerts = run_detector(x, params);
    REQUIRE_FALSE(alerts.empty());
    const auto batch = early_warning_indicators(x, {.rolling_window = 50});
    REQUIRE(batch.ok());
    for (const auto& alert : alerts) {
      CHECK(alert.kind == "critical_slowing_down");
      CHECK(alert.index >= 50 + 120 - 2);  // warm-up: window + span - 1 samples
      const std::size_t first = alert.index + 1 - 120;
      const auto span = [&](const std::vector<double>& v) {
        return std::span<const double>(v).subspan(first, 120);
      };
      const double tau_var = kendall_tau(span(batch->indicators.variance));
      const double tau_ac = kendall_tau(span(batch->indicators.ac1));
      CHECK(tau_var >= 0.5);
      CHECK(tau_ac >= 0.5);
      CHECK(alert.score == doctest::Approx(std::min(tau_var, tau_ac)).epsilon(1e-12));
    }
  }

  TEST_CASE("early_warning: approaches to a fold are caught, white noise rarely alarms") {
    // Defaults. Measured over 200 series (docs/DETECTORS.md): 68% of 10,000-
    // sample approaches caught, 0.65 false alarms per 100,000 white-noise
    // samples. 20 approaches and 400,000 noise samples: the bounds below hold
    // with a wide margin for a correct detector and fail for a broken one
    // (one that never alerts, or alerts on every upward fluctuation).
    lf::test::Gaussian gaussian(99);
    int caught = 0;
    for (int trial = 0; trial < 20; ++trial) {
      const auto alerts = run_detector(approach_to_fold(10000, gaussian));
      caught += !alerts.empty();
    }
    CHECK(caught >= 8);
    std::vector<double> noise(400000);
    for (auto& v : noise) v = gaussian(1.0);
    CHECK(run_detector(noise).size() <= 12);
  }

  TEST_CASE("early_warning: batch, one by one and chunked give identical alerts") {
    lf::test::Gaussian gaussian(4);
    auto x = approach_to_fold(6000, gaussian);
    // A constant stretch: without detrending the window is constant from 2099
    // to 2199, its ac1 undefined, and the trends restart; they hold trend_span
    // values again only at 2200 + 149.
    for (std::size_t i = 2000; i < 2200; ++i) x[i] = 7.0;
    const ParameterList params{{"detrend_bandwidth", 0},
                               {"trend_span", 150},
                               {"variance_threshold", 0.5},
                               {"ac_threshold", 0.5}};
    const auto batch = run_detector(x, params);
    REQUIRE(batch.size() >= 2);
    for (const auto& alert : batch) CHECK((alert.index < 2099 || alert.index >= 2349));
    CHECK(batch.back().index >= 2349);
    auto one = make_detector("early_warning", params).value();
    for (const double v : x) REQUIRE(one->push(v).ok());
    CHECK(one->take_alerts() == batch);
    auto chunked = make_detector("early_warning", params).value();
    for (std::size_t i = 0; i < x.size(); i += 333) {
      REQUIRE(
          chunked->push(std::span(x).subspan(i, std::min<std::size_t>(333, x.size() - i))).ok());
    }
    CHECK(chunked->take_alerts() == batch);
    one->reset();
    REQUIRE(one->push(x).ok());
    CHECK(one->take_alerts() == batch);
  }

  TEST_CASE("early_warning: the causal detrender spreads like ewstools' kernel") {
    // The EMA weight a for a bandwidth: its weights a(1-a)^k have standard
    // deviation sqrt(1-a)/a, which must equal (0.25/0.675) * bandwidth.
    for (const double bandwidth : {0.5, 10.0, 80.0, 5000.0}) {
      const double a = EarlyWarningDetector::smoothing_weight(bandwidth);
      CHECK(a > 0.0);
      CHECK(a < 1.0);
      CHECK(std::sqrt(1.0 - a) / a == doctest::Approx(0.25 / 0.675 * bandwidth).epsilon(1e-12));
    }
    // A linear trend leaves a constant EMA lag once settled: detrended, a
    // steep ramp plus stationary noise raises no alert.
    lf::test::Gaussian gaussian(8);
    std::vector<double> ramp(20000);
    for (std::size_t i = 0; i < ramp.size(); ++i) ramp[i] = 0.05 * i + gaussian(1.0);
    CHECK(run_detector(ramp).size() <= 2);
  }

  TEST_CASE("early_warning: parameters and typed errors") {
    auto d = make_detector("early_warning");
    REQUIRE(d.ok());
    const auto p = (*d)->parameters();
    REQUIRE(p.size() == 5);
    CHECK(p[0] == Parameter{"window", 100});
    CHECK(p[1] == Parameter{"detrend_bandwidth", 80});
    CHECK(p[2] == Parameter{"trend_span", 300});
    CHECK(p[3] == Parameter{"variance_threshold", 0.7});
    CHECK(p[4] == Parameter{"ac_threshold", 0.7});
    CHECK(make_detector("early_warning", {{"window", 3}}).error().code ==
          ErrorCode::invalid_parameter);
    CHECK(make_detector("early_warning", {{"trend_span", 2}}).error().code ==
          ErrorCode::invalid_parameter);
    CHECK(make_detector("early_warning", {{"ac_threshold", 1.5}}).error().code ==
          ErrorCode::invalid_parameter);
    CHECK(make_detector("early_warning", {{"detrend_bandwidth", -1}}).error().code ==
          ErrorCode::invalid_parameter);
    CHECK(make_detector("early_warning", {{"lag", 2}}).error().code ==
          ErrorCode::unknown_parameter);
    std::vector<double> bad(10, 1.0);
    bad[4] = kNan;
    CHECK((*d)->push(bad).error().code == ErrorCode::non_finite_value);
    CHECK((*d)->samples_seen() == 0);
  }
}
