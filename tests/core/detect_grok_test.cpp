// Micro-grokking: token entropy against closed forms, the curvature against
// analytic second derivatives, and the state machine on synthetic entropy
// curves whose answer is known by construction.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "lf/detect/micro_grokking.hpp"
#include "lf/detect/registry.hpp"
#include "lf/detect/token_entropy.hpp"
#include "synthetic.hpp"

using namespace lf::detect;
using lf::ErrorCode;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Logits whose softmax has entropy `h` over a vocabulary of 8: a two-level
// distribution (one token at p, seven sharing 1 - p), found by bisection on
// p; only the entropy matters to the monitor.
std::vector<double> logits_with_entropy(double h) {
  const auto entropy_of = [](double p) {
    const double q = (1.0 - p) / 7.0;
    return -(p * std::log(p) + 7.0 * q * std::log(q));
  };
  double lo = 1.0 / 8.0, hi = 1.0 - 1e-15;  // entropy falls from ln 8 to ~0
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2.0;
    (entropy_of(mid) > h ? lo : hi) = mid;
  }
  const double p = (lo + hi) / 2.0;
  std::vector<double> z(8, std::log((1.0 - p) / 7.0));
  z[0] = std::log(p);
  return z;
}

// A fall from `high` to `low` nats centred on token t0, over about `width`
// tokens (logistic).
double logistic_drop(double t, double high, double low, double t0, double width) {
  return low + (high - low) / (1.0 + std::exp((t - t0) * 4.0 / width));
}

struct Run {
  std::vector<TokenMetrics> metrics;
  std::vector<std::pair<std::size_t, std::string>> events;
  std::size_t first_early_stop = std::numeric_limits<std::size_t>::max();
};

Run track(const std::vector<double>& entropies, const GrokParams& params = {}) {
  GrokTracker tracker(params);
  Run run;
  for (std::size_t t = 0; t < entropies.size(); ++t) {
    run.metrics.push_back(tracker.push(entropies[t]));
    if (tracker.event()) run.events.emplace_back(t, std::string(tracker.event()->kind));
    if (tracker.should_early_stop() && run.first_early_stop > t) run.first_early_stop = t;
  }
  return run;
}

}  // namespace

TEST_SUITE("detect") {
  TEST_CASE("token entropy: closed forms") {
    // Uniform logits: ln V exactly, whatever their common value.
    for (const double level : {0.0, 123.4, -7e5}) {
      CHECK(*token_entropy(std::vector<double>(7, level)) == std::log(7.0));
    }
    CHECK(*token_entropy(std::vector<double>(50000, 1.0)) == std::log(50000.0));
    // Two tokens at 1/4 and 3/4: H = -(1/4 ln 1/4 + 3/4 ln 3/4).
    const double two_point = 0.25 * std::log(4.0) + 0.75 * std::log(4.0 / 3.0);
    CHECK(*token_entropy(std::vector<double>{std::log(0.25), std::log(0.75)}) ==
          doctest::Approx(two_point).epsilon(1e-15));
    // Logits shifted by a constant are the same distribution (log-probs vs logits).
    CHECK(*token_entropy(std::vector<double>{std::log(0.25) + 9, std::log(0.75) + 9}) ==
          doctest::Approx(two_point).epsilon(1e-15));
    // Masked tokens carry no probability: [0, 0, -inf] is a fair coin.
    CHECK(*token_entropy(std::vector<double>{0.0, 0.0, -kInf}) == doctest::Approx(std::log(2.0)));
    // Nearly one-hot: p_other = e^-50 each, H ~ 3 * 51 e^-50 ~ 3e-20.
    const double h = *token_entropy(std::vector<double>{50.0, 0.0, 0.0, 0.0});
    CHECK(h >= 0.0);
    CHECK(h < 1e-18);
    CHECK(*token_entropy(std::vector<double>{0.0, -1e4}) == 0.0);  // e^-1e4 underflows to 0
  }

  TEST_CASE("token entropy: bad logits give typed errors") {
    CHECK(token_entropy(std::vector<double>{}).error().code == ErrorCode::empty_input);
    CHECK(token_entropy(std::vector<double>{0.0, std::nan("")}).error().code ==
          ErrorCode::non_finite_value);
    CHECK(token_entropy(std::vector<double>{0.0, kInf}).error().code ==
          ErrorCode::non_finite_value);
    CHECK(token_entropy(std::vector<double>{-kInf, -kInf}).error().code ==
          ErrorCode::non_finite_value);
  }

  TEST_CASE("curvature without smoothing is the second difference of a logistic drop") {
    // smoothing_span 1: a = 1, S = H, and c_t = H_t - 2 H_{t-1} + H_{t-2}
    // approximates H''(t-1) with error H''''/12 (Taylor).
    const double high = 3.0, low = 0.3, t0 = 40.0, width = 20.0;
    const double k = 4.0 / width;
    std::vector<double> h(80);
    for (std::size_t t = 0; t < h.size(); ++t) h[t] = logistic_drop(t, high, low, t0, width);
    const auto run = track(h, {.smoothing_span = 1});
    CHECK(std::isnan(run.metrics[0].curvature));
    CHECK(std::isnan(run.metrics[1].curvature));
    double worst = 0.0;
    for (std::size_t t = 2; t < h.size(); ++t) {
      CHECK(run.metrics[t].smoothed_entropy == h[t]);
      CHECK(run.metrics[t].curvature == h[t] - 2.0 * h[t - 1] + h[t - 2]);
      // Analytic: with s = 1/(1 + e^(k(u - t0))), H = low + A s and
      // H'' = A k^2 s (1 - s)(1 - 2s).
      const double s = 1.0 / (1.0 + std::exp(k * (static_cast<double>(t) - 1.0 - t0)));
      const double analytic = (high - low) * k * k * s * (1.0 - s) * (1.0 - 2.0 * s);
      worst = std::max(worst, std::fabs(run.metrics[t].curvature - analytic));
    }
    // H'''' = A k^4 s(1-s)(1-2s)(1-12s+12s^2), at most 0.12768 A k^4 in size.
    CHECK(worst <= (high - low) * std::pow(k, 4) * 0.12769 / 12.0);
  }

  TEST_CASE("smoothed curvature of a quadratic converges to its second derivative") {
    // Each EMA pass maps q t^2 to q t^2 + (lower order) once its transient
    // (1 - a)^t has died away, so the curvature tends to 2q.
    std::vector<double> h(400);
    for (std::size_t t = 0; t < h.size(); ++t) h[t] = 5.0 + 1e-4 * static_cast<double>(t * t);
    const auto run = track(h, {.smoothing_span = 5});
    CHECK(run.metrics.back().curvature == doctest::Approx(2e-4).epsilon(1e-9));
  }

  TEST_CASE("a sharp fall after exploration is grokked, then early stop is confirmed") {
    lf::test::Gaussian noise(7);
    std::vector<double> h(160);
    for (std::size_t t = 0; t < h.size(); ++t) {
      h[t] = std::max(0.0, logistic_drop(t, 3.0, 0.3, 80, 5) + noise(0.15));
    }
    const GrokParams params;
    const auto run = track(h, params);
    // Exploring (or stuck on the plateau) before the fall, grokked after it.
    for (std::size_t t = 0; t < 78; ++t) CHECK(run.metrics[t].state != GrokState::grokked);
    std::size_t grokked_at = 0;
    for (const auto& [t, kind] : run.events) {
      if (kind == "grokked") grokked_at = t;
    }
    REQUIRE(grokked_at > 0);
    // The low level is 0.5 * peak ~ 1.5 nats: the curve crosses it at t = 80.
    CHECK(grokked_at >= 80);
    CHECK(grokked_at <= 90);
    for (std::size_t t = grokked_at; t < h.size(); ++t) {
      CHECK(run.metrics[t].state == GrokState::grokked);
    }
    // Early stop once the low level has held for confirm_tokens tokens.
    CHECK(run.first_early_stop >= grokked_at + params.confirm_tokens - 1);
    CHECK(run.first_early_stop <= grokked_at + params.confirm_tokens + 4);
  }

  TEST_CASE("flat or oscillating entropy is stuck; a slow drift is not grokked") {
    std::vector<double> flat(100), oscillating(100), drift(300);
    for (std::size_t t = 0; t < 100; ++t) {
      flat[t] = 3.0 + 0.05 * std::sin(1.3 * t);
      oscillating[t] = 3.0 + std::sin(2.0 * M_PI * t / 8.0);
    }
    for (std::size_t t = 0; t < drift.size(); ++t) drift[t] = 3.0 - 2.7 * t / 300.0;
    for (const auto* h : {&flat, &oscillating}) {
      const auto run = track(*h);
      REQUIRE(run.events.size() == 1);
      CHECK(run.events[0].second == "stuck");
      // Not before a whole window has been seen.
      CHECK(run.events[0].first >= GrokParams{}.stuck_window - 1);
      CHECK(run.metrics.back().state == GrokState::stuck);
    }
    // A steady decline of 0.45% of the peak per token makes progress: never
    // stuck, and with no sharp start, never grokked.
    const auto run = track(drift);
    CHECK(run.events.empty());
    CHECK(run.first_early_stop == std::numeric_limits<std::size_t>::max());
  }

  TEST_CASE("entropy climbing back relapses into exploration") {
    std::vector<double> h;
    for (int t = 0; t < 120; ++t) h.push_back(logistic_drop(t, 3.0, 0.3, 60, 3));
    for (int t = 0; t < 60; ++t) h.push_back(logistic_drop(t, 0.3, 3.0, 10, 3));
    const auto run = track(h);
    // The plateau before the fall is flat: stuck first, then grokked.
    REQUIRE(run.events.size() == 2);
    CHECK(run.events[0].second == "stuck");
    CHECK(run.events[1].second == "grokked");
    CHECK(run.first_early_stop < 120);
    CHECK(run.metrics[119].state == GrokState::grokked);
    CHECK(run.metrics.back().state != GrokState::grokked);
  }

  TEST_CASE("a generation confident from the start is never judged") {
    const auto run = track(std::vector<double>(200, 0.05));
    CHECK(run.events.empty());
    CHECK(run.metrics.back().state == GrokState::exploring);
  }

  TEST_CASE("the monitor takes logits or log-probs; bad tokens change nothing") {
    MicroGrokkingMonitor monitor;
    MicroGrokkingMonitor reference;
    const auto uniform = std::vector<double>(8, 0.0);
    auto first = monitor.on_token(uniform);
    REQUIRE(first.ok());
    CHECK(first->entropy == std::log(8.0));
    CHECK(first->index == 0);
    CHECK(monitor.vocab_size() == 8);
    REQUIRE(reference.on_token(uniform).ok());

    CHECK(monitor.on_token(std::vector<double>{}).error().code == ErrorCode::empty_input);
    std::vector<double> with_nan = uniform;
    with_nan[3] = std::nan("");
    const auto nan_error = monitor.on_token(with_nan);
    CHECK(nan_error.error().code == ErrorCode::non_finite_value);
    CHECK(nan_error.error().message.find("token 1") != std::string::npos);
    CHECK(monitor.on_token(std::vector<double>(9, 0.0)).error().code == ErrorCode::length_mismatch);
    CHECK(monitor.tokens() == 1);

    // After the rejected tokens it continues exactly like one that never saw them.
    for (int t = 0; t < 40; ++t) {
      const auto z = logits_with_entropy(logistic_drop(t, 2.0, 0.1, 25, 3));
      const auto a = monitor.on_token(z);
      const auto b = reference.on_token(z);
      REQUIRE(a.ok());
      CHECK(a->smoothed_entropy == b->smoothed_entropy);
      CHECK(a->state == b->state);
    }
    CHECK(monitor.state() == GrokState::grokked);
    monitor.reset();
    CHECK(monitor.tokens() == 0);
    CHECK(monitor.vocab_size() == 0);
    CHECK(monitor.on_token(std::vector<double>(3, 1.0)).ok());
  }

  TEST_CASE("micro_grokking in the catalog: entropies in, grokked and stuck alerts out") {
    auto made = make_detector("micro_grokking");
    REQUIRE(made.ok());
    Detector& d = **made;
    std::vector<double> h;
    for (int t = 0; t < 120; ++t) h.push_back(3.0 + 0.05 * std::sin(1.3 * t));    // stuck
    for (int t = 0; t < 60; ++t) h.push_back(logistic_drop(t, 3.0, 0.3, 10, 3));  // grokked
    REQUIRE(d.push(h).ok());
    const auto alerts = d.take_alerts();
    REQUIRE(alerts.size() == 2);
    CHECK(alerts[0].kind == "stuck");
    CHECK(alerts[0].severity == Severity::warning);
    CHECK(alerts[0].score == doctest::Approx(3.0).epsilon(0.02));
    CHECK(alerts[1].kind == "grokked");
    CHECK(alerts[1].severity == Severity::info);
    CHECK(alerts[1].index > 120);
    CHECK(alerts[1].detector == "micro_grokking");
    CHECK(alerts[1].version == "1.0.0");

    // Batch, one by one and chunked agree.
    auto one_by_one = make_detector("micro_grokking").value();
    for (const double v : h) REQUIRE(one_by_one->push(v).ok());
    CHECK(one_by_one->take_alerts() == alerts);

    CHECK(make_detector("micro_grokking", {{"smoothing_span", 0}}).error().code ==
          ErrorCode::invalid_parameter);
    CHECK(make_detector("micro_grokking", {{"low_ratio", 1.5}}).error().code ==
          ErrorCode::invalid_parameter);
    CHECK(make_detector("micro_grokking", {{"span", 5}}).error().code ==
          ErrorCode::unknown_parameter);
    CHECK(grok_params({{"stuck_window", 2.5}}).error().code == ErrorCode::invalid_parameter);
  }
}
