// The risk concern's arithmetic against outside values: pandas' rolling
// correlation, the textbook liquidation price, drawdown, the submit rate
// window, and the limits' domains.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "lf/risk/correlation.hpp"
#include "lf/risk/equity_curve.hpp"
#include "lf/risk/liquidation.hpp"
#include "lf/risk/price_histories.hpp"
#include "lf/risk/rate_limiter.hpp"
#include "lf/risk/risk_limits.hpp"

using namespace lf::risk;
using lf::ErrorCode;

namespace {

template <class T>
void check_code(const lf::Result<T>& result, ErrorCode code) {
  REQUIRE_FALSE(result.ok());
  CHECK_MESSAGE(result.error().code == code, result.error().message);
  CHECK_FALSE(result.error().message.empty());
}

// Prices starting at 100 whose simple returns are `returns`.
std::vector<double> prices_from(const std::vector<double>& returns) {
  std::vector<double> prices{100.0};
  for (double r : returns) prices.push_back(prices.back() * (1.0 + r));
  return prices;
}

}  // namespace

TEST_SUITE("risk") {
  TEST_CASE("rolling Pearson matches pandas' rolling(4).corr") {
    // pandas 1.5: pd.Series([3,3,3,5,8]).rolling(4).corr(pd.Series([3,4,4,4,8]))
    //   -> NaN, NaN, NaN, 0.333333, 0.916949
    const std::vector<double> x{3, 3, 3, 5, 8};
    const std::vector<double> y{3, 4, 4, 4, 8};
    auto r = rolling_pearson(x, y, 4);
    REQUIRE(r.ok());
    REQUIRE(r->size() == 5);
    CHECK(std::isnan((*r)[0]));
    CHECK(std::isnan((*r)[1]));
    CHECK(std::isnan((*r)[2]));
    CHECK((*r)[3] == doctest::Approx(0.333333).epsilon(1e-6));
    CHECK((*r)[4] == doctest::Approx(0.916949).epsilon(1e-6));
    // By hand from the deviations: [3,3,3,5] vs [3,4,4,4] give Sxy 0.5,
    // Sxx 3, Syy 0.75, r = 1/3; [3,3,5,8] vs [4,4,4,8] give 13, 16.75, 12,
    // r = 13 / sqrt(201).
    CHECK((*r)[3] == doctest::Approx(1.0 / 3.0).epsilon(1e-15));
    CHECK((*r)[4] == doctest::Approx(13.0 / std::sqrt(201.0)).epsilon(1e-15));
  }

  TEST_CASE("rolling Pearson: undefined on a constant window, typed errors on bad input") {
    auto constant = rolling_pearson(std::vector<double>{1, 1, 1}, std::vector<double>{1, 2, 3}, 3);
    REQUIRE(constant.ok());
    CHECK(std::isnan((*constant)[2]));
    auto perfect = rolling_pearson(std::vector<double>{1, 2, 4}, std::vector<double>{2, 4, 8}, 3);
    CHECK((*perfect)[2] == doctest::Approx(1.0));
    check_code(rolling_pearson(std::vector<double>{1, 2}, std::vector<double>{1}, 2),
               ErrorCode::length_mismatch);
    check_code(rolling_pearson(std::vector<double>{1, 2}, std::vector<double>{1, 2}, 1),
               ErrorCode::invalid_parameter);
    check_code(rolling_pearson(std::vector<double>{1, NAN}, std::vector<double>{1, 2}, 2),
               ErrorCode::non_finite_value);
  }

  TEST_CASE("simple returns") {
    auto r = simple_returns(std::vector<double>{100, 110, 99});
    REQUIRE(r.ok());
    CHECK((*r)[0] == doctest::Approx(0.1));
    CHECK((*r)[1] == doctest::Approx(-0.1));
    check_code(simple_returns(std::vector<double>{100}), ErrorCode::empty_input);
    check_code(simple_returns(std::vector<double>{100, 0}), ErrorCode::invalid_argument);
    check_code(simple_returns(std::vector<double>{100, INFINITY}), ErrorCode::non_finite_value);
  }

  TEST_CASE("liquidation price of an isolated linear perpetual") {
    // The seed's example: 65000 entry, 10x, 0.5% maintenance margin.
    CHECK(liquidation_price(Side::buy, 65000, 10, 0.005) == doctest::Approx(58825).epsilon(1e-12));
    // Short side: 65000 * (1 + 1/10 - 0.005).
    CHECK(liquidation_price(Side::sell, 65000, 10, 0.005) == doctest::Approx(71175).epsilon(1e-12));
    // Without maintenance margin, a 1x long is liquidated only at 0.
    CHECK(liquidation_price(Side::buy, 100, 1, 0.0) == 0.0);
    CHECK(liquidation_price(Side::sell, 100, 4, 0.0) == doctest::Approx(125));
  }

  TEST_CASE("cached return correlation follows its histories") {
    // The golden pairs above as returns: the last window of 4 is [3,3,5,8] vs [4,4,4,8].
    PriceHistories prices;
    REQUIRE(prices.set("X", prices_from({0.03, 0.03, 0.03, 0.05, 0.08})).ok());
    REQUIRE(prices.set("Y", prices_from({0.03, 0.04, 0.04, 0.04, 0.08})).ok());
    const double r = prices.return_correlation("X", "Y", 4);
    CHECK(r == doctest::Approx(0.916949).epsilon(1e-6));
    CHECK(prices.return_correlation("Y", "X", 4) == r);
    // The same value rolling_pearson gives on the returns.
    auto rx = simple_returns(prices.history("X"));
    auto ry = simple_returns(prices.history("Y"));
    CHECK((*rolling_pearson(*rx, *ry, 4))[4] == r);
    CHECK(prices.return_correlation("X", "Y", 5) ==
          doctest::Approx(rolling_pearson(*rx, *ry, 5)->back()));
    // A new price invalidates the cached value.
    REQUIRE(prices.append("X", prices.last_price("X").value() * 1.01).ok());
    REQUIRE(prices.append("Y", prices.last_price("Y").value() * 0.98).ok());
    rx = simple_returns(prices.history("X"));
    ry = simple_returns(prices.history("Y"));
    CHECK(prices.return_correlation("X", "Y", 4) == rolling_pearson(*rx, *ry, 4)->back());
    CHECK(prices.return_correlation("X", "Y", 4) != r);
    // Adding an instrument keeps the pairs already cached.
    REQUIRE(prices.set("Z", prices_from({0.01, 0.02, 0.03, 0.01, 0.02, 0.03})).ok());
    CHECK(prices.return_correlation("X", "Y", 4) == rolling_pearson(*rx, *ry, 4)->back());
    // Too short a history or an unknown instrument: NaN.
    CHECK(std::isnan(prices.return_correlation("X", "Y", 7)));
    CHECK(std::isnan(prices.return_correlation("X", "W", 4)));
  }

  TEST_CASE("price histories reject bad prices and change nothing") {
    PriceHistories prices;
    REQUIRE(prices.set("X", {1, 2}).ok());
    check_code(prices.set("X", {1, NAN}), ErrorCode::non_finite_value);
    check_code(prices.set("X", {1, -2}), ErrorCode::invalid_argument);
    check_code(prices.set("", {1}), ErrorCode::invalid_argument);
    check_code(prices.append("X", 0.0), ErrorCode::invalid_argument);
    check_code(prices.append("New", NAN), ErrorCode::non_finite_value);
    CHECK(prices.history("X").size() == 2);
    CHECK_FALSE(prices.contains("New"));
    CHECK(prices.size() == 1);
    REQUIRE(prices.set("Empty", {}).ok());
    CHECK(prices.contains("Empty"));
    CHECK_FALSE(prices.last_price("Empty"));
  }

  TEST_CASE("drawdown from the running peak") {
    auto curve = EquityCurve::from(std::vector<double>{100, 120, 90, 110});
    REQUIRE(curve.ok());
    CHECK(curve->peak() == 120);
    CHECK(drawdown(*curve, 102) == doctest::Approx(0.15));
    CHECK(drawdown(*curve, 130) == 0.0);
    CHECK(drawdown(*curve, 0) == 1.0);
    CHECK(drawdown(*curve, -12) == doctest::Approx(1.1));
    check_code(EquityCurve::from(std::vector<double>{100, NAN}), ErrorCode::non_finite_value);
    check_code(EquityCurve::from(std::vector<double>{100, 0}), ErrorCode::invalid_argument);
    EquityCurve grown;
    check_code(grown.append(-1), ErrorCode::invalid_argument);
    CHECK(grown.empty());
  }

  TEST_CASE("submit rate: at most N within any interval, the boundary excluded") {
    SubmitRateLimiter limiter(2, 1.0);
    CHECK_FALSE(limiter.last());
    CHECK(limiter.permits(0.0));
    limiter.record(0.0);
    CHECK(limiter.permits(0.5));
    limiter.record(0.5);
    CHECK_FALSE(limiter.permits(0.99));
    CHECK(limiter.permits(1.0));  // the submit at 0.0 is a full interval ago
    limiter.record(1.0);
    CHECK(*limiter.last() == 1.0);
    CHECK_FALSE(limiter.permits(1.49));
    CHECK(limiter.permits(1.5));
  }

  TEST_CASE("limits: defaults are valid, each field out of its domain is named") {
    CHECK(validate(RiskLimits{}).ok());
    const RiskLimits defaults;
    CHECK(defaults.max_position_fraction == 0.02);
    CHECK(defaults.max_correlation == 0.7);
    CHECK(defaults.max_drawdown == 0.15);
    CHECK(defaults.margin_buffer == 1.1);
    const auto bad = [](auto mutate, const char* field) {
      RiskLimits limits;
      mutate(limits);
      const auto status = validate(limits);
      REQUIRE_FALSE(status.ok());
      CHECK(status.error().code == ErrorCode::invalid_parameter);
      CHECK_MESSAGE(status.error().message.find(field) != std::string::npos,
                    status.error().message);
    };
    bad([](RiskLimits& l) { l.max_position_fraction = 0; }, "max_position_fraction");
    bad([](RiskLimits& l) { l.max_position_fraction = NAN; }, "max_position_fraction");
    bad([](RiskLimits& l) { l.max_correlation = 1.5; }, "max_correlation");
    bad([](RiskLimits& l) { l.min_stop_distance = 0.2; }, "min_stop_distance");
    bad([](RiskLimits& l) { l.maintenance_margin_rate = -0.1; }, "maintenance_margin_rate");
    bad([](RiskLimits& l) { l.correlation_window = 1; }, "correlation_window");
    bad([](RiskLimits& l) { l.margin_buffer = 0.9; }, "margin_buffer");
    bad([](RiskLimits& l) { l.max_leverage = 0; }, "max_leverage");
    bad([](RiskLimits& l) { l.max_order_notional = INFINITY; }, "max_order_notional");
    bad([](RiskLimits& l) { l.max_submits = 0; }, "max_submits");
    bad([](RiskLimits& l) { l.submit_interval = 0; }, "submit_interval");
  }
}
