// Hidden Markov models: hmmlearn's categorical "Rainy/Sunny" example
// (hmmlearn's tests/test_categorical_hmm.py, the Wikipedia Viterbi example:
// path, probability, posteriors, log-likelihood), Baum-Welch
// recovering the parameters of a long synthetic 2-state Gaussian series, EM's
// monotone log-likelihood, the online filter against the forward pass, the
// hmm_regime detector on series with known regime changes, and bad input.
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "lf/detect/hmm.hpp"
#include "lf/detect/hmm_filter.hpp"
#include "lf/detect/hmm_fit.hpp"
#include "lf/detect/hmm_regime.hpp"
#include "lf/detect/registry.hpp"
#include "synthetic.hpp"

using namespace lf::detect;
using lf::ErrorCode;

namespace {

// hmmlearn's test_categorical_hmm.py (TestCategoricalAgainstWikipedia):
// states Rainy (0), Sunny (1); symbols walk (0), shop (1), clean (2).
hmm::Model rainy_sunny() {
  return {{0.6, 0.4},
          {0.7, 0.3, 0.4, 0.6},
          hmm::CategoricalEmissions{3, {0.1, 0.4, 0.5, 0.6, 0.3, 0.1}}};
}
const std::vector<double> kWalkShopClean{0, 1, 2};

// Samples a Gaussian HMM: the state path follows `model`, deterministically
// for a seed (the transforms are written out, see synthetic.hpp).
std::vector<double> sample_gaussian_hmm(const hmm::Model& model, std::size_t n, std::uint64_t seed,
                                        std::vector<std::size_t>* path = nullptr) {
  const auto& g = std::get<hmm::GaussianEmissions>(model.emissions);
  std::mt19937_64 engine(seed);
  lf::test::Gaussian gauss(seed + 1);
  auto draw = [&](std::span<const double> p) {
    const double u = static_cast<double>(engine() >> 11) * 0x1p-53;
    double cumulative = 0.0;
    for (std::size_t k = 0; k + 1 < p.size(); ++k) {
      cumulative += p[k];
      if (u < cumulative) return k;
    }
    return p.size() - 1;
  };
  const std::size_t k = model.states();
  std::vector<double> x(n);
  std::size_t state = draw(model.initial);
  for (std::size_t t = 0; t < n; ++t) {
    if (t > 0) state = draw(std::span<const double>(model.transitions).subspan(state * k, k));
    if (path != nullptr) path->push_back(state);
    x[t] = g.means[state] + gauss(std::sqrt(g.variances[state]));
  }
  return x;
}

hmm::Model two_regimes() {
  return {{0.5, 0.5}, {0.95, 0.05, 0.10, 0.90}, hmm::GaussianEmissions{{0.0, 3.0}, {1.0, 0.25}}};
}

// Piecewise-constant means with unit Gaussian noise: [(length, mean), ...].
std::vector<double> steps(std::initializer_list<std::pair<std::size_t, double>> segments,
                          std::uint64_t seed) {
  lf::test::Gaussian gauss(seed);
  std::vector<double> x;
  for (const auto& [length, mean] : segments) {
    for (std::size_t i = 0; i < length; ++i) x.push_back(mean + gauss());
  }
  return x;
}

void check_non_decreasing(const std::vector<double>& trace) {
  for (std::size_t i = 1; i < trace.size(); ++i) {
    CHECK(trace[i] >= trace[i - 1] - 1e-9 * std::fabs(trace[i - 1]));
  }
}

}  // namespace

TEST_SUITE("detect") {
  TEST_CASE("hmm: Rainy/Sunny Viterbi path [1, 0, 0] with probability 0.01344 (hmmlearn)") {
    const auto path = hmm::viterbi(rainy_sunny(), kWalkShopClean);
    REQUIRE(path.ok());
    CHECK(path->states == std::vector<std::size_t>{1, 0, 0});
    // 0.4*0.6 (Sunny, walk) * 0.4*0.4 (Rainy, shop) * 0.7*0.5 (Rainy, clean).
    CHECK(std::exp(path->log_probability) == doctest::Approx(0.01344).epsilon(1e-12));
  }

  TEST_CASE("hmm: Rainy/Sunny posteriors and ln P(X) = -3.3928721 (hmmlearn)") {
    const auto p = hmm::posteriors(rainy_sunny(), kWalkShopClean);
    REQUIRE(p.ok());
    CHECK(p->log_likelihood == doctest::Approx(-3.3928721).epsilon(1e-7));
    const std::vector<double> expected{0.23170296, 0.76829704, 0.62406283,
                                       0.37593717, 0.86397715, 0.13602285};
    REQUIRE(p->probabilities.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      CHECK(std::fabs(p->probabilities[i] - expected[i]) < 1e-6);
    }
  }

  TEST_CASE("hmm: the online filter reproduces the forward pass") {
    // At the last step the smoothed posterior is the filtered one (beta = 1),
    // so the filter must end at hmmlearn's last posterior row.
    auto filter = hmm::ForwardFilter::create(rainy_sunny());
    REQUIRE(filter.ok());
    CHECK(filter->posterior()[0] == 0.6);
    for (double x : kWalkShopClean) CHECK(*filter->update(x));
    CHECK(std::fabs(filter->posterior()[0] - 0.86397715) < 1e-6);
    CHECK(std::fabs(filter->posterior()[1] - 0.13602285) < 1e-6);
    CHECK(filter->map_state() == 0);
    CHECK(filter->observations() == 3);
    // By hand after "walk": 0.6*0.1 = 0.06 vs 0.4*0.6 = 0.24 -> P(Rainy) = 0.2.
    filter->reset();
    CHECK(*filter->update(0));
    CHECK(filter->posterior()[0] == doctest::Approx(0.2).epsilon(1e-15));

    // Bit-identical to the batch forward pass on a long Gaussian series: the
    // last smoothed row is the last filtered row.
    const auto model = two_regimes();
    const auto x = sample_gaussian_hmm(model, 2000, 3);
    auto gaussian = hmm::ForwardFilter::create(model);
    for (double v : x) REQUIRE(*gaussian->update(v));
    const auto smoothed = hmm::posteriors(model, x);
    CHECK(gaussian->posterior()[0] ==
          doctest::Approx(smoothed->probabilities[2 * 1999]).epsilon(1e-12));
  }

  TEST_CASE("hmm: Baum-Welch recovers a 2-state Gaussian HMM from 5000 samples") {
    const auto truth = two_regimes();
    const auto x = sample_gaussian_hmm(truth, 5000, 11);
    hmm::FitOptions options;
    options.seed = 7;
    options.max_iterations = 500;
    const auto fitted = hmm::fit(x, options);
    REQUIRE(fitted.ok());
    CHECK(fitted->converged);
    const auto& g = std::get<hmm::GaussianEmissions>(fitted->model.emissions);
    // States ordered by mean. Standard errors with ~3300 / ~1700 samples per
    // state: means ~0.02, variances ~3%, transition rates ~0.005.
    CHECK(std::fabs(g.means[0] - 0.0) < 0.08);
    CHECK(std::fabs(g.means[1] - 3.0) < 0.08);
    CHECK(std::fabs(g.variances[0] / 1.0 - 1.0) < 0.1);
    CHECK(std::fabs(g.variances[1] / 0.25 - 1.0) < 0.1);
    CHECK(std::fabs(fitted->model.transitions[1] - 0.05) < 0.02);
    CHECK(std::fabs(fitted->model.transitions[2] - 0.10) < 0.03);
    // The maximum likelihood is at least the true parameters' likelihood.
    CHECK(fitted->log_likelihood >= hmm::posteriors(truth, x)->log_likelihood);
    check_non_decreasing(fitted->trace);
    CHECK(fitted->trace.size() == fitted->iterations + 1);
    CHECK(fitted->trace.back() == fitted->log_likelihood);
  }

  TEST_CASE("hmm: a categorical fit is monotone, beats the true model and is reproducible") {
    // 3000 symbols from the Rainy/Sunny model.
    const auto truth = rainy_sunny();
    std::mt19937_64 engine(5);
    auto draw = [&](std::span<const double> p) {
      const double u = static_cast<double>(engine() >> 11) * 0x1p-53;
      return u < p[0] ? 0u : (p.size() == 2 || u < p[0] + p[1]) ? 1u : 2u;
    };
    const auto& b = std::get<hmm::CategoricalEmissions>(truth.emissions).probabilities;
    std::vector<double> x;
    std::size_t state = draw(truth.initial);
    for (int t = 0; t < 3000; ++t) {
      if (t > 0) state = draw(std::span<const double>(truth.transitions).subspan(state * 2, 2));
      x.push_back(draw(std::span<const double>(b).subspan(state * 3, 3)));
    }
    hmm::FitOptions options;
    options.emissions = hmm::EmissionKind::categorical;
    options.restarts = 3;
    options.seed = 42;
    const auto fitted = hmm::fit(x, options);
    REQUIRE(fitted.ok());
    check_non_decreasing(fitted->trace);
    CHECK(std::get<hmm::CategoricalEmissions>(fitted->model.emissions).symbols == 3);
    CHECK(fitted->log_likelihood >= hmm::posteriors(truth, x)->log_likelihood);
    const auto again = hmm::fit(x, options);
    CHECK(again->model.transitions == fitted->model.transitions);
    CHECK(again->log_likelihood == fitted->log_likelihood);
  }

  TEST_CASE("hmm: bad models, observations and options give typed errors") {
    auto model = rainy_sunny();
    model.initial = {0.6, 0.5};
    CHECK(hmm::validate(model).error().code == ErrorCode::invalid_parameter);
    model = rainy_sunny();
    model.transitions.pop_back();
    CHECK(hmm::posteriors(model, kWalkShopClean).error().code == ErrorCode::invalid_parameter);
    model = rainy_sunny();
    std::get<hmm::CategoricalEmissions>(model.emissions).probabilities[0] = -0.1;
    CHECK(hmm::viterbi(model, kWalkShopClean).error().code == ErrorCode::invalid_parameter);
    auto gaussian = two_regimes();
    std::get<hmm::GaussianEmissions>(gaussian.emissions).variances[1] = 0.0;
    CHECK(hmm::validate(gaussian).error().code == ErrorCode::invalid_parameter);
    CHECK(hmm::validate(hmm::Model{}).error().code == ErrorCode::invalid_parameter);

    CHECK(hmm::posteriors(rainy_sunny(), {}).error().code == ErrorCode::empty_input);
    CHECK(hmm::viterbi(rainy_sunny(), std::vector<double>{0, 3}).error().code ==
          ErrorCode::invalid_argument);
    CHECK(hmm::viterbi(rainy_sunny(), std::vector<double>{0.5}).error().code ==
          ErrorCode::invalid_argument);
    CHECK(hmm::posteriors(two_regimes(), std::vector<double>{NAN}).error().code ==
          ErrorCode::non_finite_value);
    // A symbol neither state emits: impossible, named by its index.
    model = rainy_sunny();
    std::get<hmm::CategoricalEmissions>(model.emissions).probabilities = {0.5, 0.5, 0, 0.5, 0.5, 0};
    const auto impossible = hmm::posteriors(model, kWalkShopClean);
    CHECK(impossible.error().code == ErrorCode::invalid_argument);
    CHECK(impossible.error().message.find("index 2") != std::string::npos);
    CHECK(hmm::viterbi(model, kWalkShopClean).error().code == ErrorCode::invalid_argument);

    auto filter = hmm::ForwardFilter::create(rainy_sunny());
    CHECK(filter->update(1.5).error().code == ErrorCode::invalid_argument);
    CHECK(hmm::ForwardFilter::create(hmm::Model{}).error().code == ErrorCode::invalid_parameter);

    const std::vector<double> x{0.1, 0.5, 0.2, 0.9};
    hmm::FitOptions options;
    options.states = 0;
    CHECK(hmm::fit(x, options).error().code == ErrorCode::invalid_parameter);
    options = {};
    options.restarts = 0;
    CHECK(hmm::fit(x, options).error().code == ErrorCode::invalid_parameter);
    options = {};
    options.tolerance = -1;
    CHECK(hmm::fit(x, options).error().code == ErrorCode::invalid_parameter);
    options = {};
    CHECK(hmm::fit({}, options).error().code == ErrorCode::empty_input);
    CHECK(hmm::fit(std::vector<double>{1.0}, options).error().code == ErrorCode::insufficient_data);
    CHECK(hmm::fit(std::vector<double>(10, 2.0), options).error().code ==
          ErrorCode::degenerate_input);
    CHECK(hmm::fit(std::vector<double>{1, INFINITY}, options).error().code ==
          ErrorCode::non_finite_value);
    options.emissions = hmm::EmissionKind::categorical;
    CHECK(hmm::fit(x, options).error().code == ErrorCode::invalid_argument);
    options.symbols = 2;
    CHECK(hmm::fit(std::vector<double>{0, 1, 2}, options).error().code ==
          ErrorCode::invalid_argument);
  }

  TEST_CASE("hmm_regime: alerts at the known regime changes after the warm-up, states by mean") {
    // Levels change at 150, 250, 400 and 600; the warm-up (the first 250
    // samples) sees both levels, and the changes after it are at 250 (down),
    // 400 (up) and 600 (down).
    const auto x = steps({{150, 0.0}, {100, 4.0}, {150, 0.0}, {200, 4.0}, {100, 0.0}}, 9);
    auto d = make_detector("hmm_regime");
    REQUIRE(d.ok());
    REQUIRE((*d)->push(x).ok());
    const auto alerts = (*d)->take_alerts();
    REQUIRE(alerts.size() == 3);
    // A shift of 4 sigma is certain within a sample or two: the alert comes
    // after `persistence` (3) qualifying samples, i.e. 2 to 5 samples late.
    const std::size_t changes[] = {250, 400, 600};
    const char* transitions[] = {"state 1 -> 0", "state 0 -> 1", "state 1 -> 0"};
    for (std::size_t i = 0; i < 3; ++i) {
      CHECK(alerts[i].index >= changes[i] + 2);
      CHECK(alerts[i].index <= changes[i] + 5);
      CHECK(alerts[i].kind == "regime_change");
      CHECK(alerts[i].detail.rfind(transitions[i], 0) == 0);
      CHECK(alerts[i].score >= 0.9);
    }
    const auto* detector = dynamic_cast<const HmmRegimeDetector*>(d->get());
    const auto& means = std::get<hmm::GaussianEmissions>(detector->model()->emissions).means;
    CHECK(std::fabs(means[0]) < 0.3);
    CHECK(std::fabs(means[1] - 4.0) < 0.3);
    CHECK(detector->regime() == 0);
  }

  TEST_CASE("hmm_regime: no regime change on 200000 samples of white noise") {
    lf::test::Gaussian gauss(5);
    std::vector<double> x(200000);
    for (auto& v : x) v = gauss();
    auto d = make_detector("hmm_regime");
    REQUIRE((*d)->push(x).ok());
    CHECK((*d)->take_alerts().empty());
  }

  TEST_CASE("hmm_regime: streaming in small chunks gives the batch alerts") {
    const auto x = steps({{150, 0.0}, {100, 4.0}, {150, 0.0}, {200, 4.0}}, 4);
    auto batch = make_detector("hmm_regime", {{"warmup", 240}, {"persistence", 2}});
    REQUIRE((*batch)->push(x).ok());
    auto streaming = make_detector("hmm_regime", {{"warmup", 240}, {"persistence", 2}});
    for (std::size_t i = 0; i < x.size(); i += 7) {
      const std::size_t n = std::min<std::size_t>(7, x.size() - i);
      REQUIRE((*streaming)->push(std::span<const double>(x).subspan(i, n)).ok());
    }
    const auto expected = (*batch)->take_alerts();
    CHECK_FALSE(expected.empty());
    CHECK((*streaming)->take_alerts() == expected);
  }

  TEST_CASE("hmm_regime: nothing before the warm-up; a constant warm-up is skipped") {
    auto d = make_detector("hmm_regime", {{"warmup", 40}});
    std::vector<double> x(40, 1.0);
    REQUIRE((*d)->push(x).ok());
    const auto* detector = dynamic_cast<const HmmRegimeDetector*>(d->get());
    CHECK(detector->model() == nullptr);  // constant: no Gaussian states
    const auto more = steps({{20, 0.0}, {20, 5.0}}, 2);
    REQUIRE((*d)->push(more).ok());
    CHECK(detector->model() != nullptr);  // fitted on the next 40 samples
    CHECK((*d)->take_alerts().empty());
    (*d)->reset();
    CHECK(detector->model() == nullptr);
  }

  TEST_CASE("hmm_regime: bad parameters are rejected") {
    CHECK(make_detector("hmm_regime", {{"states", 1}}).error().code ==
          ErrorCode::invalid_parameter);
    CHECK(make_detector("hmm_regime", {{"states", 4}, {"warmup", 30}}).error().code ==
          ErrorCode::invalid_parameter);
    CHECK(make_detector("hmm_regime", {{"min_posterior", 0.4}}).error().code ==
          ErrorCode::invalid_parameter);
    CHECK(make_detector("hmm_regime", {{"seed", 0.5}}).error().code ==
          ErrorCode::invalid_parameter);
    CHECK(make_detector("hmm_regime", {{"window", 5}}).error().code ==
          ErrorCode::unknown_parameter);
  }
}
