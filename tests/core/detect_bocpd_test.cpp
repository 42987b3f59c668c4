// Bayesian online change-point detection: the run-length recursion against a
// hand derivation and against an independent Python implementation
// (tests/data/bocpd), the change rule on series with known change points,
// pruning, and parameter errors.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <numbers>
#include <sstream>

#include "lf/detect/bocpd.hpp"
#include "lf/detect/registry.hpp"
#include "lf/detect/run_length_posterior.hpp"
#include "synthetic.hpp"

using namespace lf::detect;
using nlohmann::json;

namespace {

// No pruning: truncation 0 and room for every run length.
RunLengthPosterior exact_posterior(double hazard, const NormalGammaPrior& prior,
                                   std::size_t samples) {
  return RunLengthPosterior({prior, hazard, 0.0, samples + 2});
}

json read_golden() {
  std::ifstream in(LF_TEST_DATA_DIR "/bocpd/golden.json");
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

std::vector<Alert> detect(const std::vector<double>& x, const ParameterList& params = {}) {
  auto detector = make_detector("bocpd", params);
  REQUIRE(detector.ok());
  REQUIRE((*detector)->push(x).ok());
  return (*detector)->take_alerts();
}

// z-scored as TCPDBench feeds its methods (population standard deviation).
std::vector<double> z_scored(std::vector<double> x) {
  double mean = 0.0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(x.size());
  double ss = 0.0;
  for (double v : x) ss += (v - mean) * (v - mean);
  const double sd = std::sqrt(ss / static_cast<double>(x.size()));
  for (double& v : x) v = (v - mean) / sd;
  return x;
}

// Segments of `length` samples with the given means and standard deviations.
std::vector<double> piecewise_gaussian(const std::vector<std::pair<double, double>>& segments,
                                       std::size_t length, std::uint64_t seed) {
  lf::test::Gaussian gauss(seed);
  std::vector<double> x;
  for (const auto& [mean, sd] : segments) {
    for (std::size_t i = 0; i < length; ++i) x.push_back(mean + gauss(sd));
  }
  return x;
}

}  // namespace

TEST_SUITE("detect") {
  TEST_CASE("bocpd: the first three steps of the recursion, derived by hand") {
    // Prior mu0 = 0, kappa = alpha = beta = 1, H = 1/100, x = 0, 0, 3. A run
    // with Normal-Gamma (mu, kappa, alpha, beta) predicts a Student-t with
    // nu = 2 alpha, location mu, scale^2 s2 = beta (kappa + 1) / (alpha kappa):
    //   f(x) = G((nu+1)/2) / (G(nu/2) sqrt(nu pi s2)) (1 + (x - mu)^2 / (nu s2))^(-(nu+1)/2).
    // Run statistics (mu' = (kappa mu + x)/(kappa + 1), beta' = beta +
    // kappa (x - mu)^2 / (2 (kappa + 1))) stay mu = 0, beta = 1 on zeros:
    //   no sample:  nu 2, s2 2:      f0(x) = 1/4 (1 + x^2/4)^(-3/2)
    //   one zero:   nu 3, s2 1:      f1(x) = 2/(pi sqrt 3) (1 + x^2/3)^(-2)
    //   two zeros:  nu 4, s2 2/3:    f2(x) = (3/8) sqrt(3/2) (1 + 3 x^2/8)^(-5/2)
    const double h = 0.01;
    const double pi = std::numbers::pi;
    auto posterior = exact_posterior(h, {}, 3);
    const double tolerance = 1e-13;

    // Step 1: only the empty run exists, so whatever f0(x_0) is, P(0) = H and P(1) = 1 - H.
    posterior.update(0.0, 0.0);
    auto p = posterior.distribution();
    REQUIRE(p.size() == 2);
    CHECK(p[0].length == 0);
    CHECK(p[0].probability == doctest::Approx(h).epsilon(tolerance));
    CHECK(p[1].length == 1);
    CHECK(p[1].probability == doctest::Approx(1 - h).epsilon(tolerance));

    // Step 2, x = 0: joints H f0(0) (the empty run, H) and (1 - H) f1(0).
    const double f0 = 0.25, f1 = 2 / (pi * std::sqrt(3.0));
    const double w0 = h * f0, w1 = (1 - h) * f1;
    posterior.update(0.0, 1.0);
    p = posterior.distribution();
    REQUIRE(p.size() == 3);
    CHECK(p[0].probability == doctest::Approx(h).epsilon(tolerance));
    CHECK(p[1].probability == doctest::Approx((1 - h) * w0 / (w0 + w1)).epsilon(tolerance));
    CHECK(p[2].probability == doctest::Approx((1 - h) * w1 / (w0 + w1)).epsilon(tolerance));

    // Step 3, x = 3: runs of 0, 1 and 2 zeros.
    const double g0 = 0.25 * std::pow(1 + 9.0 / 4, -1.5);
    const double g1 = f1 * std::pow(1 + 9.0 / 3, -2.0);
    const double g2 = 3.0 / 8 * std::sqrt(1.5) * std::pow(1 + 27.0 / 8, -2.5);
    const double v0 = h * g0, v1 = p[1].probability * g1, v2 = p[2].probability * g2;
    const double total = v0 + v1 + v2;
    posterior.update(3.0, 2.0);
    p = posterior.distribution();
    REQUIRE(p.size() == 4);
    CHECK(p[0].probability == doctest::Approx(h).epsilon(tolerance));
    CHECK(p[1].probability == doctest::Approx((1 - h) * v0 / total).epsilon(tolerance));
    CHECK(p[2].probability == doctest::Approx((1 - h) * v1 / total).epsilon(tolerance));
    CHECK(p[3].probability == doctest::Approx((1 - h) * v2 / total).epsilon(tolerance));
    // The jump is not yet believed: the three-sample run stays the most probable.
    CHECK(posterior.most_probable_run().length == 3);
    CHECK(posterior.most_probable_run().start == 0);
  }

  TEST_CASE("bocpd: exact posteriors equal an independent Python implementation to 1e-12") {
    const json golden = read_golden();
    const auto series = golden["series"].get<std::vector<double>>();
    for (const json& c : golden["cases"]) {
      CAPTURE(c["name"].get<std::string>());
      const json& parameters = c["parameters"];
      const NormalGammaPrior prior{
          parameters["prior_mean"].get<double>(), parameters["prior_kappa"].get<double>(),
          parameters["prior_alpha"].get<double>(), parameters["prior_beta"].get<double>()};
      auto posterior =
          exact_posterior(1.0 / parameters["lambda"].get<double>(), prior, series.size());
      for (std::size_t t = 0; t < series.size(); ++t) {
        posterior.update(series[t], static_cast<double>(t));
        const auto expected = c["posteriors"][t].get<std::vector<double>>();
        const auto actual = posterior.distribution();
        REQUIRE(actual.size() == expected.size());
        double worst = 0.0;
        for (std::size_t r = 0; r < expected.size(); ++r) {
          CHECK(actual[r].length == r);
          worst = std::max(worst, std::abs(actual[r].probability - expected[r]));
        }
        CAPTURE(t);
        CHECK(worst <= 1e-12);
      }
    }
  }

  TEST_CASE(
      "bocpd: the change rule applied to the reference posterior gives the detector's alerts") {
    // The documented rule: m_t = argmax over r >= 1 (ties: the longer run);
    // report s_t = t - m_t + 1 when m_t < m_{t-1} and s_t > c + min_separation
    // (c the last reported change; s_t > 0 before any).
    const json golden = read_golden();
    const auto series = golden["series"].get<std::vector<double>>();
    for (const json& c : golden["cases"]) {
      for (const std::size_t separation : {0, 5}) {
        CAPTURE(c["name"].get<std::string>());
        CAPTURE(separation);
        std::vector<std::size_t> expected;
        std::size_t previous = 0;
        for (std::size_t t = 0; t < series.size(); ++t) {
          const auto p = c["posteriors"][t].get<std::vector<double>>();
          std::size_t map = 1;
          for (std::size_t r = 2; r < p.size(); ++r)
            if (p[r] >= p[map]) map = r;
          const std::size_t start = t + 1 - map;
          const bool separated =
              expected.empty() ? start > 0 : start > expected.back() + separation;
          if (map < previous && separated) expected.push_back(start);
          previous = map;
        }
        const json& parameters = c["parameters"];
        const auto alerts =
            detect(series, {{"lambda", parameters["lambda"].get<double>()},
                            {"prior_mean", parameters["prior_mean"].get<double>()},
                            {"prior_kappa", parameters["prior_kappa"].get<double>()},
                            {"prior_alpha", parameters["prior_alpha"].get<double>()},
                            {"prior_beta", parameters["prior_beta"].get<double>()},
                            {"truncation", 0},
                            {"max_run_lengths", 1000},
                            {"min_separation", static_cast<double>(separation)}});
        std::vector<std::size_t> indices;
        for (const auto& a : alerts) indices.push_back(a.index);
        CHECK(indices == expected);
        if (separation == 0 && c["name"] == "grid_values") CHECK(expected.size() >= 3);
      }
    }
    // With TCPDBench's defaults the series' one change (at index 20) is found exactly.
    const auto alerts = detect(series);
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].index == 20);
    CHECK(alerts[0].kind == "change_point");
    CHECK(alerts[0].detector == "bocpd");
    CHECK(alerts[0].version == "1.0.0");
    CHECK(alerts[0].severity == Severity::warning);
    CHECK(alerts[0].score > 0.5);
    CHECK(alerts[0].score <= 1.0);
  }

  TEST_CASE("bocpd: known change points of a piecewise Gaussian series, within 3 samples") {
    // Shifts of the mean by 3 to 5 sigma and a tripled deviation, 150 samples
    // apart, z-scored as TCPDBench does.
    const auto x = z_scored(piecewise_gaussian(
        {{0.0, 1.0}, {4.0, 1.0}, {4.0, 3.0}, {-1.0, 1.0}, {2.0, 0.5}, {-2.0, 0.5}}, 150, 20071019));
    const auto alerts = detect(x);
    const std::vector<std::size_t> truth{150, 300, 450, 600, 750};
    REQUIRE(alerts.size() == truth.size());
    for (std::size_t i = 0; i < truth.size(); ++i) {
      CAPTURE(i);
      CHECK(alerts[i].index + 3 >= truth[i]);
      CHECK(alerts[i].index <= truth[i] + 3);
    }
  }

  TEST_CASE("bocpd: alerts carry the change's own timestamp, also across pushes") {
    const auto x = z_scored(piecewise_gaussian({{0.0, 1.0}, {3.0, 1.0}}, 100, 7));
    std::vector<double> t(x.size());
    for (std::size_t i = 0; i < t.size(); ++i) t[i] = 1e9 + 60.0 * static_cast<double>(i);
    auto detector = make_detector("bocpd");
    REQUIRE(detector.ok());
    // One sample per push: the change is found a few samples after it
    // happened, in a later push than the change's own sample.
    std::vector<Alert> alerts;
    for (std::size_t i = 0; i < x.size(); ++i) {
      REQUIRE((*detector)->push(t[i], x[i]).ok());
      for (auto& a : (*detector)->take_alerts()) {
        CHECK(a.index < i);
        alerts.push_back(std::move(a));
      }
    }
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].index == 100);
    CHECK(alerts[0].timestamp == t[100]);
  }

  TEST_CASE("bocpd: pruning bounds the run lengths and keeps the exact MAP path here") {
    const auto x = z_scored(piecewise_gaussian({{0.0, 1.0}, {3.0, 1.0}, {0.0, 3.0}}, 400, 11));
    auto exact = exact_posterior(0.01, {}, x.size());
    RunLengthPosterior pruned({{}, 0.01, 1e-4, 64});
    std::size_t largest = 0;
    for (std::size_t t = 0; t < x.size(); ++t) {
      exact.update(x[t], static_cast<double>(t));
      pruned.update(x[t], static_cast<double>(t));
      largest = std::max(largest, pruned.size());
      CHECK(pruned.most_probable_run().length == exact.most_probable_run().length);
      double total = 0.0;
      for (const auto& r : pruned.distribution()) total += r.probability;
      CHECK(total == doctest::Approx(1.0).epsilon(1e-12));
    }
    CHECK(largest == 64);  // the cap was reached, and never exceeded
    CHECK(exact.size() == x.size() + 1);
  }

  TEST_CASE("bocpd: batch, one-by-one and chunked pushes agree; reset starts afresh") {
    const auto x =
        z_scored(piecewise_gaussian({{0.0, 1.0}, {2.0, 1.0}, {2.0, 3.0}, {-1.0, 0.5}}, 2000, 3));
    const auto batch = detect(x);
    REQUIRE(batch.size() >= 3);
    auto one_by_one = make_detector("bocpd");
    auto chunked = make_detector("bocpd");
    REQUIRE(one_by_one.ok());
    REQUIRE(chunked.ok());
    for (double v : x) REQUIRE((*one_by_one)->push(v).ok());
    for (std::size_t i = 0; i < x.size(); i += 333) {
      REQUIRE(
          (*chunked)->push(std::span(x).subspan(i, std::min<std::size_t>(333, x.size() - i))).ok());
    }
    CHECK((*one_by_one)->take_alerts() == batch);
    CHECK((*chunked)->take_alerts() == batch);
    (*chunked)->reset();
    REQUIRE((*chunked)->push(x).ok());
    CHECK((*chunked)->take_alerts() == batch);
  }

  TEST_CASE("bocpd: min_separation merges the refinements of one change") {
    const auto x =
        z_scored(piecewise_gaussian({{0.0, 1.0}, {2.0, 1.0}, {2.0, 3.0}, {-1.0, 0.5}}, 2000, 3));
    const auto all = detect(x, {{"min_separation", 0}});
    for (const std::size_t separation : {5, 500}) {
      CAPTURE(separation);
      const auto fewer = detect(x, {{"min_separation", static_cast<double>(separation)}});
      CHECK(fewer.size() < all.size());
      for (std::size_t i = 0; i < fewer.size(); ++i) {
        if (i > 0) CHECK(fewer[i].index > fewer[i - 1].index + separation);
        bool also_without = false;  // a subset of the changes found without separation
        for (const auto& a : all) also_without = also_without || a == fewer[i];
        CHECK(also_without);
      }
    }
  }

  TEST_CASE("bocpd: parameters and their typed errors") {
    auto detector = make_detector("bocpd");
    REQUIRE(detector.ok());
    const auto params = (*detector)->parameters();
    REQUIRE(params.size() == 8);
    CHECK(params[0] == Parameter{"lambda", 100});
    CHECK(params[1] == Parameter{"prior_mean", 0});
    CHECK(params[2] == Parameter{"prior_kappa", 1});
    CHECK(params[3] == Parameter{"prior_alpha", 1});
    CHECK(params[4] == Parameter{"prior_beta", 1});
    CHECK(params[5] == Parameter{"truncation", 1e-4});
    CHECK(params[6] == Parameter{"max_run_lengths", 100});
    CHECK(params[7] == Parameter{"min_separation", 5});

    const auto code = [](const ParameterList& p) { return make_detector("bocpd", p).error().code; };
    using lf::ErrorCode;
    CHECK(code({{"lambda", 1}}) == ErrorCode::invalid_parameter);  // hazard 1: no run can grow
    CHECK(code({{"prior_kappa", 0}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"prior_alpha", -1}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"prior_beta", 0}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"prior_mean", std::numeric_limits<double>::infinity()}}) ==
          ErrorCode::invalid_parameter);
    CHECK(code({{"truncation", -1e-4}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"truncation", 0.9}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"max_run_lengths", 1}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"max_run_lengths", 10.5}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"min_separation", -1}}) == ErrorCode::invalid_parameter);
    CHECK(code({{"hazard", 0.01}}) == ErrorCode::unknown_parameter);
  }
}
