#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <random>
#include <vector>

#include "lf/api/dispatch.hpp"
#include "lf/emerge/emergence.hpp"
#include "lf/emerge/mutual_information.hpp"
#include "lf/emerge/regime_validation.hpp"
#include "synthetic.hpp"

using namespace lf::emerge;

namespace {

// The reference systems of ReconcilingEmergences' tests (T = 50,000,
// tolerance 0.01), from a fixed-seed mt19937_64 with the coin written out.
constexpr std::size_t kT = 50000;

class Coin {
 public:
  explicit Coin(std::uint64_t seed) : engine_(seed) {}
  // True with probability p (53 random bits against p).
  bool operator()(double p = 0.5) { return static_cast<double>(engine_() >> 11) * 0x1p-53 < p; }

 private:
  std::mt19937_64 engine_;
};

struct System {
  std::vector<double> macro;
  std::vector<std::vector<double>> micro;
};

// Downward causation: X1_t = X1_{t−1} XOR X2_{t−1}, X2 a fair coin,
// V = X1 XOR X2.
System xor_system(std::uint64_t seed) {
  Coin coin(seed);
  System s{std::vector<double>(kT), {std::vector<double>(kT), std::vector<double>(kT)}};
  bool x1 = false, x2 = false;
  for (std::size_t t = 0; t < kT; ++t) {
    if (t > 0) {
      x1 = x1 != x2;
      x2 = coin();
    }
    s.micro[0][t] = x1;
    s.micro[1][t] = x2;
    s.macro[t] = x1 != x2;
  }
  return s;
}

// Causal decoupling: the parity keeps its value with probability gamma, each
// bit on its own is a fair coin; V = X1 XOR X2.
System decoupling_system(double gamma, std::uint64_t seed) {
  Coin coin(seed);
  System s{std::vector<double>(kT), {std::vector<double>(kT), std::vector<double>(kT)}};
  bool x1 = false, x2 = false;
  for (std::size_t t = 1; t < kT; ++t) {
    const bool parity = (x1 != x2) != !coin(gamma);
    x1 = coin();
    x2 = parity != x1;
    s.micro[0][t] = x1;
    s.micro[1][t] = x2;
    s.macro[t] = x1 != x2;
  }
  return s;
}

System gaussian_noise(std::uint64_t seed) {
  lf::test::Gaussian gauss(seed);
  System s{std::vector<double>(kT), {std::vector<double>(kT), std::vector<double>(kT)}};
  for (std::size_t t = 0; t < kT; ++t) {
    s.micro[0][t] = gauss();
    s.micro[1][t] = gauss();
    s.macro[t] = gauss();
  }
  return s;
}

Emergence measure(const System& s, Estimator estimator, std::size_t lag = 1) {
  EmergenceParams params;
  params.estimator = estimator;
  params.lag = lag;
  auto result = emergence(s.macro, s.micro, params);
  REQUIRE(result.ok());
  return *result;
}

}  // namespace

TEST_SUITE("emerge") {
  TEST_CASE("XOR downward causation: psi 0, delta 1, gamma 1 (bits)") {
    const Emergence e = measure(xor_system(1), Estimator::discrete);
    CHECK(std::fabs(e.psi) < 0.01);
    CHECK(std::fabs(e.macro_information) < 0.01);
    CHECK(std::fabs(e.delta - 1.0) < 0.01);
    CHECK(std::fabs(e.gamma - 1.0) < 0.01);
    // V predicts X1 fully, nothing predicts X2.
    CHECK(std::fabs(e.macro_to_micro[0] - e.micro_to_micro[0] - 1.0) < 0.01);
    CHECK(std::fabs(e.macro_to_micro[1] - e.micro_to_micro[1]) < 0.01);
  }

  TEST_CASE("causal decoupling, gamma = 0.99: psi = 1 - H2(0.01) = 0.919206 bits") {
    const double expected = 1.0 + 0.99 * std::log2(0.99) + 0.01 * std::log2(0.01);
    CHECK(expected == doctest::Approx(0.919206).epsilon(1e-6));
    const Emergence e = measure(decoupling_system(0.99, 2), Estimator::discrete);
    CHECK(std::fabs(e.psi - 0.919206) < 0.01);
    CHECK(std::fabs(e.macro_information - 0.919206) < 0.01);
    CHECK(std::fabs(e.delta) < 0.01);
    CHECK(std::fabs(e.gamma) < 0.01);
  }

  TEST_CASE("independent Gaussian noise: psi, delta, gamma all below 0.01 (nats)") {
    const System noise = gaussian_noise(3);
    for (const std::size_t lag : {1u, 5u}) {
      const Emergence e = measure(noise, Estimator::gaussian, lag);
      CAPTURE(lag);
      CHECK(e.psi < 0.01);
      CHECK(e.delta < 0.01);
      CHECK(e.gamma < 0.01);
      CHECK(std::fabs(e.psi) < 0.01);
      CHECK(std::fabs(e.macro_information) < 0.01);
    }
  }

  TEST_CASE("Gaussian mutual information matches -1/2 ln(1 - rho^2)") {
    lf::test::Gaussian gauss(4);
    const std::size_t n = 20000;
    lf::graph::Samples a(n, 1), b(n, 1);
    for (std::size_t i = 0; i < n; ++i) {
      a.values[i] = gauss();
      b.values[i] = 0.6 * a.values[i] + gauss(0.8);
    }
    auto mi = gaussian_mutual_information(a, b);
    REQUIRE(mi.ok());
    CHECK(std::fabs(*mi - -0.5 * std::log(1.0 - 0.36)) < 0.01);
    const std::vector<std::uint32_t> x{0, 1, 0, 1}, y{0, 1, 0, 1}, z{0, 0, 1, 1};
    CHECK(discrete_mutual_information(x, y) == doctest::Approx(1.0));
    CHECK(discrete_mutual_information(x, z) == doctest::Approx(0.0));
  }

  TEST_CASE("regime validation accepts emergent labels and rejects the rest, saying why") {
    const System decoupled = decoupling_system(0.99, 5);
    EmergenceParams params;
    params.estimator = Estimator::discrete;
    auto good = validate_regimes(decoupled.macro, decoupled.micro, params);
    REQUIRE(good.ok());
    CHECK(good->accepted);
    CHECK(good->reasons.empty());
    REQUIRE(good->measures.has_value());
    CHECK(good->measures->psi > 0.9);

    // Labels that are just the sign of one micro signal: the micro signals
    // already predict them.
    const System noise = gaussian_noise(6);
    std::vector<double> sign_labels(kT);
    for (std::size_t t = 0; t < kT; ++t) sign_labels[t] = noise.micro[0][t] > 0 ? 1 : 0;
    params.micro_symbols = {lf::graph::Binning::quantile, 2};
    auto bad = validate_regimes(sign_labels, noise.micro, params);
    REQUIRE(bad.ok());
    CHECK_FALSE(bad->accepted);
    REQUIRE_FALSE(bad->reasons.empty());
    CHECK(bad->reasons[0].find("below the threshold 0.1") != std::string::npos);

    // A single regime.
    const std::vector<double> constant(kT, 2.0);
    auto single = validate_regimes(constant, noise.micro, params);
    REQUIRE(single.ok());
    CHECK_FALSE(single->accepted);
    CHECK_FALSE(single->measures.has_value());
    CHECK(single->reasons[0].find("single regime") != std::string::npos);
  }

  TEST_CASE("bad inputs give typed errors") {
    const System s = gaussian_noise(7);
    EmergenceParams params;
    std::vector<std::vector<double>> micro = s.micro;
    micro[1].pop_back();
    CHECK(emergence(s.macro, micro, params).error().code == lf::ErrorCode::length_mismatch);
    micro = s.micro;
    micro[0][9] = std::nan("");
    CHECK(emergence(s.macro, micro, params).error().code == lf::ErrorCode::non_finite_value);
    micro = s.micro;
    std::fill(micro[1].begin(), micro[1].end(), 1.0);
    CHECK(emergence(s.macro, micro, params).error().code == lf::ErrorCode::degenerate_input);
    const std::vector<double> three{1, 2, 3};
    const std::vector<std::vector<double>> three_micro{{3, 1, 2}};
    CHECK(emergence(three, three_micro, params).error().code == lf::ErrorCode::insufficient_data);
    CHECK(emergence(s.macro, std::vector<std::vector<double>>{}, params).error().code ==
          lf::ErrorCode::empty_input);
    params.lag = 0;
    CHECK(emergence(s.macro, s.micro, params).error().code == lf::ErrorCode::invalid_parameter);
  }
}

TEST_SUITE("emerge") {
  TEST_CASE("emergence route: measures, units, validation") {
    const System s = decoupling_system(0.99, 8);
    nlohmann::json request{{"macro", s.macro}, {"micro", s.micro}, {"estimator", "discrete"}};
    auto response = lf::api::dispatch("emergence", request.dump());
    REQUIRE(response.status == 200);
    nlohmann::json body = nlohmann::json::parse(response.body);
    CHECK(std::fabs(body["psi"].get<double>() - 0.919206) < 0.01);
    CHECK(std::fabs(body["delta"].get<double>()) < 0.01);
    CHECK(std::fabs(body["gamma"].get<double>()) < 0.01);
    CHECK(body["units"] == "bits");
    CHECK(body["lag"] == 1);
    CHECK(body["samples"] == kT);
    CHECK(body["terms"]["micro_to_macro"].size() == 2);
    CHECK_FALSE(body.contains("validation"));

    request["validate"] = {{"threshold", 0.1}};
    body = nlohmann::json::parse(lf::api::dispatch("emergence", request.dump()).body);
    CHECK(body["validation"]["accepted"] == true);
    CHECK(body["validation"]["reasons"].empty());

    request["macro"] = std::vector<double>(kT, 1.0);
    body = nlohmann::json::parse(lf::api::dispatch("emergence", request.dump()).body);
    CHECK(body["validation"]["accepted"] == false);
    CHECK(body["psi"].is_null());
    CHECK(body["validation"]["reasons"].size() == 1);

    const System noise = gaussian_noise(9);
    nlohmann::json gaussian{{"macro", noise.macro}, {"micro", noise.micro}, {"lag", 5}};
    body = nlohmann::json::parse(lf::api::dispatch("emergence", gaussian.dump()).body);
    CHECK(body["units"] == "nats");
    CHECK(body["estimator"] == "gaussian");
    CHECK(body["psi"].get<double>() < 0.01);

    gaussian["micro"][0].erase(0);
    response = lf::api::dispatch("emergence", gaussian.dump());
    CHECK(response.status == 422);
    CHECK(nlohmann::json::parse(response.body)["error"]["code"] == "length_mismatch");
    response = lf::api::dispatch("emergence", R"({"macro":[1,2,3,4],"micro":[]})");
    CHECK(response.status == 422);
    CHECK(nlohmann::json::parse(response.body)["error"]["code"] == "insufficient_data");
  }
}
