// The bias guard: each bias's trigger and non-trigger side with its action,
// cooldowns enforced by time, exemptions for reducing orders, bad input.
// Thresholds are the documented defaults (bias_guard.hpp), so every expected
// decision follows by hand: e.g. 100 -> 106 within the hour is a 6% rise
// (>= 5%); 100 -> 104 is 4%.
#include "lf/risk/bias_guard.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <vector>

using namespace lf::risk;
using lf::ErrorCode;

namespace {

constexpr Nanos kMin = 60 * kNanosPerSecond;
constexpr Nanos kNow = 1000 * kMin;

// A calm buy: flat prices, neutral sentiment, baseline size, two sources.
TradeContext calm() {
  TradeContext c;
  c.now = kNow;
  c.instrument = "BTC-PERP";
  c.side = TradeSide::buy;
  c.size = 1.0;
  c.baseline_size = 1.0;
  c.prices = {{kNow - 50 * kMin, 100.0}, {kNow - 20 * kMin, 100.5}, {kNow, 100.0}};
  c.sentiment = 0.5;
  c.signal_sources = {"momentum", "order-flow"};
  return c;
}

GuardDecision decide(const TradeContext& c, const GuardState& s = {},
                     const BiasConfig& config = {}) {
  auto d = evaluate_biases(c, s, config);
  REQUIRE_MESSAGE(d.ok(), d.error().message);
  return *d;
}

std::vector<Bias> biases(const GuardDecision& d) {
  std::vector<Bias> out;
  for (const auto& f : d.findings) out.push_back(f.bias);
  return out;
}

}  // namespace

TEST_SUITE("risk") {
  TEST_CASE("bias guard: a calm order passes with no findings") {
    const auto d = decide(calm());
    CHECK(d.allowed);
    CHECK(d.findings.empty());
    CHECK_FALSE(d.max_size.has_value());
    CHECK(d.confirmations_required == 0);
    CHECK_FALSE(d.state.cooldown_until.has_value());
  }

  TEST_CASE("bias guard: FOMO blocks a buy chasing a rapid rise with high sentiment") {
    TradeContext c = calm();
    c.prices = {{kNow - 90 * kMin, 90.0},   // outside the hour: not the low
                {kNow - 50 * kMin, 100.0},  // the hour's low
                {kNow - 10 * kMin, 103.0},
                {kNow, 106.0}};  // +6% from 100
    c.sentiment = 0.85;
    auto d = decide(c);
    CHECK_FALSE(d.allowed);
    REQUIRE(d.findings.size() == 1);
    CHECK(d.findings[0].bias == Bias::fomo);
    CHECK(d.findings[0].action == GuardAction::block);
    CHECK(d.findings[0].detail ==
          "price rose 0.06000000000000005 within the window with sentiment 0.85");

    c.sentiment = 0.79;  // the same rise without the crowd: no FOMO
    CHECK(decide(c).allowed);
    c.sentiment = 0.85;
    c.prices.back().price = 104.0;  // +4% < 5%
    CHECK(decide(c).allowed);
    c.prices.back().price = 106.0;
    c.side = TradeSide::sell;  // selling into a rise is not chasing it
    CHECK(decide(c).allowed);
  }

  TEST_CASE("bias guard: panic selling after a fall with extreme fear is FOMO's mirror") {
    TradeContext c = calm();
    c.side = TradeSide::sell;
    c.prices = {{kNow - 30 * kMin, 100.0}, {kNow, 94.0}};  // -6% from the hour's high
    c.sentiment = 0.2;                                     // <= 1 - 0.8
    const auto d = decide(c);
    CHECK_FALSE(d.allowed);
    CHECK(biases(d) == std::vector<Bias>{Bias::fomo});
    c.sentiment = 0.21;
    CHECK(decide(c).allowed);
  }

  TEST_CASE("bias guard: revenge trading starts a cooldown enforced by time") {
    TradeContext c = calm();
    c.last_loss_at = kNow - 29 * kMin;  // re-entry 29 min after a loss (< 30)
    auto d = decide(c);
    CHECK_FALSE(d.allowed);
    REQUIRE(biases(d) == std::vector<Bias>{Bias::revenge_trading});
    CHECK(d.findings[0].action == GuardAction::cooldown);
    CHECK(d.findings[0].detail == "re-entry 1740 s after a loss; cooldown 3600 s");
    REQUIRE(d.state.cooldown_until.has_value());
    CHECK(*d.state.cooldown_until == kNow + 60 * kMin);

    // Within the cooldown every opening order is refused, even a calm one
    // long after the loss; at its end trading resumes and it is forgotten.
    TradeContext later = calm();
    later.now = kNow + 59 * kMin;
    later.prices.back().at = later.now;
    auto during = decide(later, d.state);
    CHECK_FALSE(during.allowed);
    CHECK(during.findings[0].detail == "cooldown active for another 60 s");
    CHECK(during.state.cooldown_until == d.state.cooldown_until);
    later.now = kNow + 60 * kMin;
    later.prices.back().at = later.now;
    auto after = decide(later, d.state);
    CHECK(after.allowed);
    CHECK_FALSE(after.state.cooldown_until.has_value());

    // 30 min after the loss is no longer revenge.
    c.last_loss_at = kNow - 30 * kMin;
    CHECK(decide(c).allowed);
  }

  TEST_CASE("bias guard: overconfidence caps the size at the baseline") {
    TradeContext c = calm();
    c.win_streak = 6;  // > 5
    auto d = decide(c);
    CHECK(d.allowed);  // the order may go, no bigger than the cap
    REQUIRE(biases(d) == std::vector<Bias>{Bias::overconfidence});
    CHECK(d.findings[0].action == GuardAction::cap_size);
    CHECK(*d.max_size == 1.0);

    c = calm();
    c.win_streak = 5;
    c.size = 1.5;  // exactly 1.5x is not above it
    CHECK(decide(c).findings.empty());
    c.size = 1.6;
    c.baseline_size = 1.0;
    d = decide(c);
    REQUIRE(biases(d) == std::vector<Bias>{Bias::overconfidence});
    CHECK(d.findings[0].detail == "size 1.6x baseline; size capped at 1");

    c = calm();
    c.baseline_size = 2.0;
    c.size = 2.0;
    c.overridden_warnings = 1;
    d = decide(c);
    CHECK(*d.max_size == 2.0);
    CHECK(d.findings[0].detail == "1 overridden risk warnings; size capped at 2");
  }

  TEST_CASE("bias guard: loss aversion forces the stop of positions held past it") {
    TradeContext c = calm();
    c.positions = {{"ETH-PERP", TradeSide::buy, 95.0, 96.0},   // long below its stop
                   {"SOL-PERP", TradeSide::sell, 20.0, 21.0},  // short below its stop: fine
                   {"XRP-PERP", TradeSide::sell, 0.6, 0.6},    // short at its stop
                   {"ADA-PERP", TradeSide::buy, 0.5, 0.4}};    // long above its stop: fine
    const auto d = decide(c);
    CHECK(d.allowed);
    CHECK(d.force_stop == std::vector<std::string>{"ETH-PERP", "XRP-PERP"});
    REQUIRE(d.findings.size() == 2);
    CHECK(d.findings[0].action == GuardAction::force_stop);
    CHECK(d.findings[0].detail == "ETH-PERP long at 95 is past its stop 96");
  }

  TEST_CASE("bias guard: a single signal source requires confirmations") {
    TradeContext c = calm();
    c.signal_sources = {"twitter", "twitter"};  // one distinct source
    auto d = decide(c);
    CHECK_FALSE(d.allowed);
    CHECK(biases(d) == std::vector<Bias>{Bias::confirmation_bias});
    CHECK(d.findings[0].action == GuardAction::require_confirmations);
    CHECK(d.confirmations_required == 1);
    c.signal_sources.clear();
    CHECK(decide(c).confirmations_required == 2);
    BiasConfig three;
    three.min_signal_sources = 3;
    c.signal_sources = {"a", "b"};
    CHECK(decide(c, {}, three).confirmations_required == 1);
  }

  TEST_CASE("bias guard: several biases at once, in the table's order") {
    TradeContext c = calm();
    c.prices = {{kNow - 30 * kMin, 100.0}, {kNow, 110.0}};
    c.sentiment = 0.9;
    c.last_loss_at = kNow - kMin;
    c.win_streak = 8;
    c.signal_sources = {"tip"};
    c.positions = {{"ETH-PERP", TradeSide::buy, 90.0, 95.0}};
    const auto d = decide(c);
    CHECK_FALSE(d.allowed);
    CHECK(biases(d) == std::vector<Bias>{Bias::fomo, Bias::revenge_trading, Bias::overconfidence,
                                         Bias::loss_aversion, Bias::confirmation_bias});
  }

  TEST_CASE("bias guard: reducing orders are exempt from everything but loss aversion") {
    TradeContext c = calm();
    c.reduces_position = true;
    c.prices.clear();  // not needed to reduce
    c.sentiment = 0.95;
    c.last_loss_at = kNow - kMin;
    c.win_streak = 9;
    c.signal_sources.clear();
    c.positions = {{"BTC-PERP", TradeSide::buy, 90.0, 95.0}};
    const auto during_cooldown = GuardState{kNow + kMin};
    const auto d = decide(c, during_cooldown);
    CHECK(d.allowed);
    CHECK(biases(d) == std::vector<Bias>{Bias::loss_aversion});
    CHECK(d.state.cooldown_until == during_cooldown.cooldown_until);
  }

  TEST_CASE("bias guard: bad input") {
    const auto code_of = [](const TradeContext& c, const BiasConfig& config = {}) {
      auto d = evaluate_biases(c, {}, config);
      REQUIRE_FALSE(d.ok());
      return d.error().code;
    };
    TradeContext c = calm();
    c.instrument.clear();
    CHECK(code_of(c) == ErrorCode::invalid_argument);
    c = calm();
    c.size = 0;
    CHECK(code_of(c) == ErrorCode::invalid_argument);
    c = calm();
    c.baseline_size = std::numeric_limits<double>::infinity();
    CHECK(code_of(c) == ErrorCode::non_finite_value);
    c = calm();
    c.sentiment = 1.2;
    CHECK(code_of(c) == ErrorCode::invalid_argument);
    c = calm();
    c.prices[1].at = c.prices[0].at;
    CHECK(code_of(c) == ErrorCode::non_increasing_timestamp);
    c = calm();
    c.prices.back().at = kNow + 1;
    CHECK(code_of(c) == ErrorCode::non_increasing_timestamp);
    c = calm();
    c.prices[0].price = -1;
    CHECK(code_of(c) == ErrorCode::invalid_argument);
    c = calm();
    c.prices.clear();
    CHECK(code_of(c) == ErrorCode::insufficient_data);
    c = calm();
    c.last_loss_at = kNow + 1;
    CHECK(code_of(c) == ErrorCode::invalid_argument);
    c = calm();
    c.now = -1;
    CHECK(code_of(c) == ErrorCode::invalid_argument);
    c = calm();
    c.positions = {{"ETH", TradeSide::buy, 10.0, 0.0}};
    CHECK(code_of(c) == ErrorCode::invalid_argument);

    const auto config_code = [&](auto mutate) {
      BiasConfig config;
      mutate(config);
      return code_of(calm(), config);
    };
    CHECK(config_code([](BiasConfig& b) { b.fomo_rise = 0; }) == ErrorCode::invalid_parameter);
    CHECK(config_code([](BiasConfig& b) { b.fomo_sentiment = 0.5; }) ==
          ErrorCode::invalid_parameter);
    CHECK(config_code([](BiasConfig& b) { b.revenge_cooldown = 0; }) ==
          ErrorCode::invalid_parameter);
    CHECK(config_code([](BiasConfig& b) { b.max_overrides = 0; }) == ErrorCode::invalid_parameter);
    CHECK(config_code([](BiasConfig& b) { b.capped_size = -1; }) == ErrorCode::invalid_parameter);
    CHECK(config_code([](BiasConfig& b) { b.min_signal_sources = 0; }) ==
          ErrorCode::invalid_parameter);
    CHECK(validate(BiasConfig{}).ok());
  }
}
