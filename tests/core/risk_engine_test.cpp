// The pre-trade risk engine, in the style of nautilus_trader's RiskEngine
// tests: for each rule an order just inside its limit and one just outside,
// the mode gates, the fail-closed cases, and bad inputs that must change
// nothing. Figures are hand-derived from the documented formulas.
#include <doctest/doctest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "lf/risk/pre_trade_engine.hpp"
#include "lf/verify/audit_chain.hpp"

using namespace lf::risk;
using lf::ErrorCode;

namespace {

// Prices from `start` whose simple returns are `returns`.
std::vector<double> prices_from(double start, const std::vector<double>& returns) {
  std::vector<double> prices{start};
  for (double r : returns) prices.push_back(prices.back() * (1.0 + r));
  return prices;
}

// A 100,000 account with 50,000 free cash at its equity peak, flat, with
// BTC last traded at 1000 (2% of equity is 2,000 of notional: 2 BTC).
struct Desk {
  explicit Desk(const RiskLimits& limits = {}, TradingMode mode = TradingMode::normal)
      : state(mode), engine(*PreTradeEngine::create(limits)) {
    portfolio.equity = 100000.0;
    portfolio.cash = 50000.0;
    REQUIRE(portfolio.equity_curve.append(90000.0).ok());
    REQUIRE(portfolio.equity_curve.append(100000.0).ok());
    REQUIRE(portfolio.prices.set("BTC", {980.0, 1010.0, 1000.0}).ok());
  }

  Decision decide(const Order& order) {
    now += 10.0;
    auto decision = engine.check(order, portfolio, state, now);
    REQUIRE_MESSAGE(decision.ok(), decision.error().message);
    return *decision;
  }

  lf::Error error(const Order& order, double at) {
    auto decision = engine.check(order, portfolio, state, at);
    REQUIRE_FALSE(decision.ok());
    return decision.error();
  }

  Portfolio portfolio;
  TradingState state;
  PreTradeEngine engine;
  double now = 0.0;
};

// 1 BTC at 1000: stop 5% below, take-profit 10% above, 2x.
Order buy(double quantity, std::optional<double> price = 1000.0) {
  Order order;
  order.instrument = "BTC";
  order.side = Side::buy;
  order.quantity = quantity;
  order.price = price;
  order.stop_loss = 950.0;
  order.take_profit = 1100.0;
  order.leverage = 2.0;
  return order;
}

Order sell(double quantity, std::optional<double> price = 1000.0) {
  Order order = buy(quantity, price);
  order.side = Side::sell;
  order.stop_loss = 1050.0;
  order.take_profit = 900.0;
  return order;
}

Order reduce_only(Order order) {
  order.reduce_only = true;
  order.stop_loss.reset();
  order.take_profit.reset();
  return order;
}

void approved(const Decision& d) {
  CHECK_MESSAGE(d.verdict == Verdict::approved, d.message);
  CHECK_FALSE(d.reason);
  CHECK(d.message.empty());
  CHECK(d.risk_score >= 0.0);
  CHECK(d.risk_score <= 1.0);
}

void rejected(const Decision& d, RiskReason reason) {
  CHECK(d.verdict == Verdict::rejected);
  REQUIRE(d.reason);
  CHECK_MESSAGE(*d.reason == reason, to_string(*d.reason), ": ", d.message);
  CHECK_FALSE(d.message.empty());
}

std::string join(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line;
  return text;
}

}  // namespace

TEST_SUITE("risk") {
  TEST_CASE("a sound order is approved with its stop, take-profit and risk score") {
    Desk desk;
    const Decision d = desk.decide(buy(1.0));
    approved(d);
    CHECK(d.intent == OrderIntent::open);
    CHECK(d.mode == TradingMode::normal);
    CHECK(d.stop_loss == 950.0);
    CHECK(d.take_profit == 1100.0);
    CHECK(d.figures.entry_price == 1000.0);
    CHECK(d.figures.notional == 1000.0);
    CHECK(d.figures.margin_required == 500.0);
    // 1000 * (1 - 1/2 + 0.005)
    CHECK(d.figures.liquidation_price == doctest::Approx(505.0));
    CHECK(d.figures.drawdown == 0.0);
    CHECK(std::isnan(d.figures.max_correlation));  // no position to correlate with
    // The largest share of a limit: the stop at 5% of a 10% bound and the
    // position at 1,000 of 2,000 both use half.
    CHECK(d.risk_score == doctest::Approx(0.5));
  }

  TEST_CASE("position size: at most 2% of equity, from quantity x price") {
    Desk desk;
    const Decision at_limit = desk.decide(buy(2.0));
    approved(at_limit);
    CHECK(at_limit.figures.position_notional == 2000.0);
    CHECK(at_limit.risk_score == doctest::Approx(1.0));
    const Decision over = desk.decide(buy(2.5));
    rejected(over, RiskReason::position_size_exceeded);
    CHECK(over.figures.position_notional == 2500.0);
    CHECK(over.suggested_quantity == doctest::Approx(2.0));
    // A market order is valued at the last price (1000), not trusted from anyone.
    approved(desk.decide(buy(2.0, std::nullopt)));
    rejected(desk.decide(buy(2.01, std::nullopt)), RiskReason::position_size_exceeded);
  }

  TEST_CASE("position size counts the position already held") {
    Desk desk;
    desk.portfolio.positions["BTC"] = {1.0, 900.0};
    approved(desk.decide(buy(1.0)));  // 2 BTC after it
    const Decision over = desk.decide(buy(1.5));
    rejected(over, RiskReason::position_size_exceeded);
    CHECK(over.suggested_quantity == doctest::Approx(1.0));
    // Flipping a short: from -1 to +2 is a 3 BTC buy, to +2.5 too much.
    desk.portfolio.positions["BTC"] = {-1.0, 1100.0};
    approved(desk.decide(buy(3.0)));
    const Decision flip = desk.decide(buy(3.5));
    rejected(flip, RiskReason::position_size_exceeded);
    CHECK(flip.suggested_quantity == doctest::Approx(3.0));
  }

  TEST_CASE("stop-loss: mandatory, on the losing side, within its distance bounds") {
    Desk desk;
    Order order = buy(1.0);
    order.stop_loss.reset();
    rejected(desk.decide(order), RiskReason::stop_loss_missing);
    order.stop_loss = 1010.0;
    rejected(desk.decide(order), RiskReason::stop_loss_wrong_side);
    order.stop_loss = 1000.0;
    rejected(desk.decide(order), RiskReason::stop_loss_wrong_side);
    Order short_order = sell(1.0);
    short_order.stop_loss = 990.0;
    rejected(desk.decide(short_order), RiskReason::stop_loss_wrong_side);

    order.stop_loss = 900.0;  // 10%: the bound itself
    approved(desk.decide(order));
    order.stop_loss = 899.0;
    Decision far = desk.decide(order);
    CHECK(far.verdict == Verdict::modify_required);
    CHECK(far.reason == RiskReason::stop_loss_too_far);
    CHECK(far.suggested_stop_loss == doctest::Approx(900.0));
    order.stop_loss = 999.0;  // 0.1%: the lower bound itself
    approved(desk.decide(order));
    order.stop_loss = 999.5;
    Decision close = desk.decide(order);
    CHECK(close.verdict == Verdict::modify_required);
    CHECK(close.reason == RiskReason::stop_loss_too_close);
    CHECK(close.suggested_stop_loss == doctest::Approx(999.0));
    short_order.stop_loss = 1101.0;
    Decision short_far = desk.decide(short_order);
    CHECK(short_far.reason == RiskReason::stop_loss_too_far);
    CHECK(short_far.suggested_stop_loss == doctest::Approx(1100.0));
  }

  TEST_CASE("take-profit: optional, on the winning side") {
    Desk desk;
    Order order = buy(1.0);
    order.take_profit = 990.0;
    rejected(desk.decide(order), RiskReason::take_profit_wrong_side);
    order.take_profit.reset();
    const Decision d = desk.decide(order);
    approved(d);
    CHECK_FALSE(d.take_profit);
    Order short_order = sell(1.0);
    short_order.take_profit = 1001.0;
    rejected(desk.decide(short_order), RiskReason::take_profit_wrong_side);
  }

  TEST_CASE("max notional per order") {
    RiskLimits limits;
    limits.max_order_notional = 1000.0;
    Desk desk(limits);
    const Decision at_limit = desk.decide(buy(1.0));
    approved(at_limit);
    CHECK(at_limit.risk_score == doctest::Approx(1.0));
    const Decision over = desk.decide(buy(1.5));
    rejected(over, RiskReason::order_notional_exceeded);
    CHECK(over.suggested_quantity == doctest::Approx(1.0));
  }

  TEST_CASE("leverage at most max_leverage") {
    RiskLimits limits;
    limits.max_leverage = 5.0;
    Desk desk(limits);
    Order order = buy(1.0);
    order.leverage = 5.0;
    approved(desk.decide(order));
    order.leverage = 5.5;
    rejected(desk.decide(order), RiskReason::leverage_exceeded);
  }

  TEST_CASE("margin: free cash at least 110% of the initial margin") {
    // 1 BTC at 2x: 500 of margin, so 550 of cash at the default buffer.
    Desk desk;
    desk.portfolio.cash = 551.0;
    approved(desk.decide(buy(1.0)));
    desk.portfolio.cash = 549.0;
    const Decision short_of = desk.decide(buy(1.0));
    rejected(short_of, RiskReason::insufficient_margin);
    // 549 covers 1.1 x 1000 q / 2: q = 549 * 2 / 1100.
    CHECK(short_of.suggested_quantity == doctest::Approx(549.0 * 2.0 / 1100.0));
    // The boundary itself, with a buffer exactly representable in binary.
    RiskLimits limits;
    limits.margin_buffer = 1.25;
    Desk exact(limits);
    exact.portfolio.cash = 625.0;
    approved(exact.decide(buy(1.0)));
    exact.portfolio.cash = 624.99;
    rejected(exact.decide(buy(1.0)), RiskReason::insufficient_margin);
  }

  TEST_CASE("liquidation price: the seed's example on both sides") {
    Desk desk;
    REQUIRE(desk.portfolio.prices.set("BTC", {64000.0, 65000.0}).ok());
    // 0.03 BTC at 65000 is 1,950 of notional, under the 2,000 cap.
    Order order = buy(0.03, 65000.0);
    order.stop_loss = 63000.0;
    order.take_profit.reset();
    order.leverage = 10.0;
    const Decision long_side = desk.decide(order);
    approved(long_side);
    CHECK(long_side.figures.liquidation_price == doctest::Approx(58825.0).epsilon(1e-12));
    order.side = Side::sell;
    order.stop_loss = 67000.0;
    const Decision short_side = desk.decide(order);
    approved(short_side);
    CHECK(short_side.figures.liquidation_price == doctest::Approx(71175.0).epsilon(1e-12));
  }

  TEST_CASE("liquidation: a minimum distance from the entry") {
    // Without maintenance margin a 10x long at 1000 is liquidated at 900: 10% away.
    RiskLimits limits;
    limits.maintenance_margin_rate = 0.0;
    limits.min_liquidation_distance = 0.1;
    Desk desk(limits);
    Order order = buy(1.0);
    order.leverage = 10.0;
    const Decision at_limit = desk.decide(order);
    approved(at_limit);
    CHECK(at_limit.figures.liquidation_price == 900.0);
    order.leverage = 10.5;
    rejected(desk.decide(order), RiskReason::liquidation_too_close);
  }

  TEST_CASE("the stop must trigger before liquidation") {
    // 10x at the default 0.5% maintenance margin: a long is liquidated at
    // 1000 * 0.905 = 905, a short at 1000 * 1.095 = 1095.
    Desk desk;
    Order order = buy(1.0);
    order.leverage = 10.0;
    order.stop_loss = 906.0;
    const Decision inside = desk.decide(order);
    approved(inside);
    const double long_liquidation = inside.figures.liquidation_price;
    CHECK(long_liquidation == doctest::Approx(905.0));
    order.stop_loss = long_liquidation;  // triggering together with liquidation is too late
    rejected(desk.decide(order), RiskReason::stop_beyond_liquidation);
    order.stop_loss = 904.0;
    rejected(desk.decide(order), RiskReason::stop_beyond_liquidation);

    Order short_order = sell(1.0);
    short_order.leverage = 10.0;
    short_order.stop_loss = 1094.0;
    const Decision short_inside = desk.decide(short_order);
    approved(short_inside);
    const double short_liquidation = short_inside.figures.liquidation_price;
    CHECK(short_liquidation == doctest::Approx(1095.0));
    short_order.stop_loss = short_liquidation;
    rejected(desk.decide(short_order), RiskReason::stop_beyond_liquidation);
    short_order.stop_loss = 1096.0;
    rejected(desk.decide(short_order), RiskReason::stop_beyond_liquidation);
  }

  TEST_CASE("correlation with open positions, by direction") {
    // pandas' golden pairs as returns over a window of 4: BTC [3,3,5,8]% vs
    // ETH [4,4,4,8]% has r = 0.916949; [3,3,3,5]% vs [3,4,4,4]% has r = 1/3.
    RiskLimits limits;
    limits.correlation_window = 4;
    Desk desk(limits);
    desk.portfolio.positions["ETH"] = {10.0, 100.0};
    const auto set_pair = [&](std::vector<double> btc, std::vector<double> eth) {
      REQUIRE(desk.portfolio.prices.set("BTC", prices_from(1000.0 / 1.2, btc)).ok());
      REQUIRE(desk.portfolio.prices.set("ETH", prices_from(100.0, eth)).ok());
    };
    set_pair({0.03, 0.03, 0.05, 0.08}, {0.04, 0.04, 0.04, 0.08});
    const Decision high = desk.decide(buy(1.0, std::nullopt));
    rejected(high, RiskReason::correlation_exceeded);
    CHECK(high.figures.max_correlation == doctest::Approx(0.916949).epsilon(1e-6));
    // Selling against the long ETH position hedges it: r counts negatively.
    const Decision hedge = desk.decide(sell(1.0, std::nullopt));
    approved(hedge);
    CHECK(hedge.figures.max_correlation == doctest::Approx(-0.916949).epsilon(1e-6));
    desk.portfolio.positions["ETH"].quantity = -10.0;  // short ETH: buying BTC hedges
    approved(desk.decide(buy(1.0, std::nullopt)));
    // A perfect hedge: identical returns (r = 1) against the short is -1.
    set_pair({0.03, 0.03, 0.05, 0.08}, {0.03, 0.03, 0.05, 0.08});
    const Decision perfect = desk.decide(buy(1.0, std::nullopt));
    approved(perfect);
    CHECK(perfect.figures.max_correlation == doctest::Approx(-1.0));
    desk.portfolio.positions["ETH"].quantity = 10.0;

    set_pair({0.03, 0.03, 0.03, 0.05}, {0.03, 0.04, 0.04, 0.04});
    const Decision low = desk.decide(buy(1.0, std::nullopt));
    approved(low);
    CHECK(low.figures.max_correlation == doctest::Approx(1.0 / 3.0));
    // Around the limit: 1/3 passes 0.34 and fails 0.33.
    limits.max_correlation = 0.34;
    Desk loose(limits);
    loose.portfolio.prices = desk.portfolio.prices;
    loose.portfolio.positions = desk.portfolio.positions;
    approved(loose.decide(buy(1.0, std::nullopt)));
    limits.max_correlation = 0.33;
    Desk tight(limits);
    tight.portfolio.prices = desk.portfolio.prices;
    tight.portfolio.positions = desk.portfolio.positions;
    rejected(tight.decide(buy(1.0, std::nullopt)), RiskReason::correlation_exceeded);
  }

  TEST_CASE("correlation fails closed on too little or constant history") {
    RiskLimits limits;
    limits.correlation_window = 4;
    Desk desk(limits);
    desk.portfolio.positions["ETH"] = {10.0, 100.0};
    REQUIRE(desk.portfolio.prices.set("BTC", prices_from(1000.0 / 1.1, {.01, .02, .03, .04})).ok());
    REQUIRE(desk.portfolio.prices.set("ETH", {100.0, 101.0, 102.0, 103.0}).ok());  // 3 returns
    rejected(desk.decide(buy(1.0, std::nullopt)), RiskReason::correlation_unavailable);
    REQUIRE(desk.portfolio.prices.set("ETH", {100.0, 100.0, 100.0, 100.0, 100.0}).ok());
    rejected(desk.decide(buy(1.0, std::nullopt)), RiskReason::correlation_unavailable);
    // A flat position is not exposure: nothing to correlate with.
    desk.portfolio.positions["ETH"].quantity = 0.0;
    approved(desk.decide(buy(1.0, std::nullopt)));
  }

  TEST_CASE("drawdown at 15% trips the kill switch; liquidation still passes") {
    Desk desk;
    desk.portfolio.positions["BTC"] = {1.0, 1000.0};
    desk.portfolio.equity = 85001.0;  // drawdown 14.999%
    approved(desk.decide(buy(0.5)));
    CHECK(desk.state.mode() == TradingMode::normal);
    CHECK(desk.state.audit_records() == 0);

    desk.portfolio.equity = 85000.0;  // exactly 15% below the 100,000 peak
    const Decision tripped = desk.decide(buy(0.5));
    rejected(tripped, RiskReason::drawdown_limit);
    CHECK(tripped.kill_switch_tripped);
    CHECK(tripped.mode == TradingMode::emergency);
    CHECK(tripped.figures.drawdown == doctest::Approx(0.15));
    CHECK(desk.state.mode() == TradingMode::emergency);
    const auto lines = desk.state.drain_audit_lines();
    REQUIRE(lines.size() == 1);
    CHECK(lf::verify::verify_audit_log(join(lines)).intact);
    const auto data = nlohmann::json::parse(lines[0])["data"];
    CHECK(data["kind"] == "trip");
    CHECK(data["cause"] == "drawdown");
    CHECK(data["to"] == "emergency");

    // Already latched: no second trip, the same reason.
    const Decision again = desk.decide(buy(0.5));
    rejected(again, RiskReason::drawdown_limit);
    CHECK_FALSE(again.kill_switch_tripped);
    CHECK(desk.state.drain_audit_lines().empty());
    // Getting out of the position is always allowed, stop-loss or not.
    const Decision out = desk.decide(reduce_only(sell(1.0, std::nullopt)));
    approved(out);
    CHECK(out.intent == OrderIntent::liquidate);
  }

  TEST_CASE("submit rate: deny beyond N per interval, never queue") {
    RiskLimits limits;
    limits.max_submits = 2;
    limits.submit_interval = 1.0;
    Desk desk(limits);
    const auto at = [&](double now) {
      return *desk.engine.check(buy(0.1), desk.portfolio, desk.state, now);
    };
    approved(at(0.0));
    Order no_stop = buy(0.1);
    no_stop.stop_loss.reset();
    // A rejected order is not a submit and does not use the budget.
    rejected(*desk.engine.check(no_stop, desk.portfolio, desk.state, 0.2),
             RiskReason::stop_loss_missing);
    approved(at(0.5));
    rejected(at(0.9), RiskReason::rate_limited);
    rejected(at(0.99), RiskReason::rate_limited);
    approved(at(1.0));  // the first submit is a full interval ago
    rejected(at(1.4), RiskReason::rate_limited);
    // Submits made elsewhere count too.
    Desk replayed(limits);
    REQUIRE(replayed.engine.record_submit(5.0).ok());
    REQUIRE(replayed.engine.record_submit(5.5).ok());
    rejected(*replayed.engine.check(buy(0.1), replayed.portfolio, replayed.state, 5.9),
             RiskReason::rate_limited);
  }

  TEST_CASE("fail closed: missing account data, unknown instrument, missing price") {
    Desk desk;
    desk.portfolio.equity.reset();
    rejected(desk.decide(buy(1.0)), RiskReason::missing_account_data);
    desk.portfolio.equity = 100000.0;
    desk.portfolio.cash.reset();
    rejected(desk.decide(buy(1.0)), RiskReason::missing_account_data);
    desk.portfolio.cash = 50000.0;
    Desk no_curve;
    no_curve.portfolio.equity_curve = EquityCurve();
    rejected(no_curve.decide(buy(1.0)), RiskReason::missing_account_data);

    Order unknown = buy(1.0);
    unknown.instrument = "DOGE";
    rejected(desk.decide(unknown), RiskReason::unknown_instrument);
    desk.portfolio.positions["SOL"] = {3.0, 20.0};
    rejected(desk.decide(buy(1.0)), RiskReason::unknown_instrument);
    desk.portfolio.positions.erase("SOL");

    REQUIRE(desk.portfolio.prices.set("NEW", {}).ok());
    Order no_price = buy(1.0);
    no_price.instrument = "NEW";
    rejected(desk.decide(no_price), RiskReason::missing_price);  // limit order
    no_price.price.reset();
    rejected(desk.decide(no_price), RiskReason::missing_price);  // market order
    CHECK(desk.state.mode() == TradingMode::normal);
  }

  TEST_CASE("modes gate orders by what they do to the position") {
    const Order open = buy(0.5);
    const Order reduce = reduce_only(sell(0.5));
    const Order liquidate = reduce_only(sell(1.0, std::nullopt));
    const struct {
      TradingMode mode;
      std::optional<RiskReason> open, reduce, liquidate;
    } table[] = {
        {TradingMode::normal, std::nullopt, std::nullopt, std::nullopt},
        {TradingMode::reduced, RiskReason::trading_reduced, std::nullopt, std::nullopt},
        {TradingMode::paused, RiskReason::trading_paused, RiskReason::trading_paused,
         RiskReason::trading_paused},
        {TradingMode::emergency, RiskReason::trading_emergency, RiskReason::trading_emergency,
         std::nullopt},
    };
    for (const auto& row : table) {
      CAPTURE(to_string(row.mode));
      Desk desk({}, row.mode);
      desk.portfolio.positions["BTC"] = {1.0, 1000.0};
      const auto expect = [&](const Order& order, std::optional<RiskReason> reason,
                              OrderIntent intent) {
        const Decision d = desk.decide(order);
        CHECK(d.intent == intent);
        CHECK(d.mode == row.mode);
        if (reason) {
          rejected(d, *reason);
        } else {
          approved(d);
        }
      };
      expect(open, row.open, OrderIntent::open);
      expect(reduce, row.reduce, OrderIntent::reduce);
      expect(liquidate, row.liquidate, OrderIntent::liquidate);
      CHECK(desk.state.mode() == row.mode);  // checks never move the mode themselves
    }
  }

  TEST_CASE("reduce_only must reduce; unflagged orders count as opening") {
    Desk desk({}, TradingMode::reduced);
    desk.portfolio.positions["BTC"] = {1.0, 1000.0};
    rejected(desk.decide(reduce_only(buy(0.5))), RiskReason::reduce_only_would_increase);
    rejected(desk.decide(reduce_only(sell(1.5))), RiskReason::reduce_only_would_increase);
    desk.portfolio.positions.clear();
    rejected(desk.decide(reduce_only(sell(0.5))), RiskReason::reduce_only_would_increase);
    desk.portfolio.positions["BTC"] = {1.0, 1000.0};
    // Without the flag the venue could let it open a position: Reduced refuses it.
    rejected(desk.decide(sell(0.5)), RiskReason::trading_reduced);
    // A limit order closing the whole position reduces; only market liquidates.
    Desk emergency({}, TradingMode::emergency);
    emergency.portfolio.positions["BTC"] = {1.0, 1000.0};
    const Decision limit_close = emergency.decide(reduce_only(sell(1.0)));
    CHECK(limit_close.intent == OrderIntent::reduce);
    rejected(limit_close, RiskReason::trading_emergency);
  }

  TEST_CASE("bad inputs are typed errors that change nothing") {
    Desk desk;
    desk.portfolio.equity = 80000.0;  // a valid check would trip the kill switch
    const auto bad = [&](Order order, ErrorCode code) {
      const lf::Error e = desk.error(order, 1.0);
      CHECK_MESSAGE(e.code == code, e.message);
      CHECK(desk.state.mode() == TradingMode::normal);
      CHECK(desk.state.audit_records() == 0);
    };
    Order o = buy(-1.0);
    bad(o, ErrorCode::invalid_argument);
    bad(buy(0.0), ErrorCode::invalid_argument);
    bad(buy(NAN), ErrorCode::non_finite_value);
    bad(buy(1.0, NAN), ErrorCode::non_finite_value);
    bad(buy(1.0, -5.0), ErrorCode::invalid_argument);
    o = buy(1.0);
    o.leverage = 0.0;
    bad(o, ErrorCode::invalid_argument);
    o.leverage = 0.5;
    bad(o, ErrorCode::invalid_argument);
    o.leverage = INFINITY;
    bad(o, ErrorCode::non_finite_value);
    o = buy(1.0);
    o.stop_loss = NAN;
    bad(o, ErrorCode::non_finite_value);
    o = buy(1.0);
    o.take_profit = 0.0;
    bad(o, ErrorCode::invalid_argument);
    o = buy(1.0);
    o.instrument.clear();
    bad(o, ErrorCode::invalid_argument);

    desk.portfolio.cash = -1.0;
    bad(buy(1.0), ErrorCode::invalid_argument);
    desk.portfolio.cash = 50000.0;
    desk.portfolio.equity = NAN;
    bad(buy(1.0), ErrorCode::non_finite_value);
    desk.portfolio.equity = 80000.0;
    desk.portfolio.positions["BTC"] = {NAN, 1000.0};
    bad(buy(1.0), ErrorCode::non_finite_value);
    desk.portfolio.positions["BTC"] = {1.0, 0.0};
    bad(buy(1.0), ErrorCode::invalid_argument);
    desk.portfolio.positions.clear();
    CHECK(desk.error(buy(1.0), NAN).code == ErrorCode::non_finite_value);
    CHECK(desk.state.mode() == TradingMode::normal);

    // Time may not run backwards past an approval.
    desk.portfolio.equity = 100000.0;
    approved(*desk.engine.check(buy(0.1), desk.portfolio, desk.state, 50.0));
    CHECK(desk.error(buy(0.1), 49.0).code == ErrorCode::non_increasing_timestamp);
    CHECK(desk.engine.record_submit(49.0).error().code == ErrorCode::non_increasing_timestamp);
    CHECK(desk.engine.record_submit(NAN).error().code == ErrorCode::non_finite_value);

    RiskLimits limits;
    limits.max_drawdown = 0.0;
    const auto engine = PreTradeEngine::create(limits);
    REQUIRE_FALSE(engine.ok());
    CHECK(engine.error().code == ErrorCode::invalid_parameter);
  }

  TEST_CASE("reason and verdict codes spell as documented") {
    CHECK(to_string(Verdict::modify_required) == "modify_required");
    CHECK(to_string(RiskReason::stop_beyond_liquidation) == "stop_beyond_liquidation");
    CHECK(to_string(RiskReason::rate_limited) == "rate_limited");
    CHECK(to_string(Side::sell) == "sell");
    CHECK(*parse_side("buy") == Side::buy);
    CHECK(parse_side("long").error().code == ErrorCode::invalid_argument);
  }
}
