#include "lf/risk/pre_trade_engine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <string>

#include "lf/risk/liquidation.hpp"
#include "pre_trade_inputs.hpp"
#include "risk_text.hpp"

namespace lf::risk {
namespace {

using detail::figure;

Decision finish(Decision decision, Verdict verdict, RiskReason reason, std::string message) {
  decision.verdict = verdict;
  decision.reason = reason;
  decision.message = std::move(message);
  return decision;
}

Decision reject(Decision decision, RiskReason reason, std::string message) {
  return finish(std::move(decision), Verdict::rejected, reason, std::move(message));
}

// The suggestion only when a smaller order would pass.
std::optional<double> suggestion(double quantity) {
  if (quantity > 0.0 && std::isfinite(quantity)) return quantity;
  return std::nullopt;
}

RiskReason mode_reason(TradingMode mode) noexcept {
  switch (mode) {
    case TradingMode::paused: return RiskReason::trading_paused;
    case TradingMode::reduced: return RiskReason::trading_reduced;
    default: return RiskReason::trading_emergency;
  }
}

double direction(Side side) noexcept {
  return side == Side::buy ? 1.0 : -1.0;
}

// Everything the rules of an order that opens exposure read.
struct OpenOrder {
  const Order& order;
  const Portfolio& portfolio;
  std::size_t instrument;  // the order's, in portfolio.prices
  std::span<const PreTradeEngine::Exposure> exposures;
  double equity;
  double cash;
  double entry;
  double held;  // the signed position before the order
};

class OpenOrderRules {
 public:
  OpenOrderRules(const RiskLimits& limits, const OpenOrder& in, Decision& decision)
      : limits_(limits), in_(in), decision_(decision), score_(decision.risk_score) {}

  // The failing rule's decision, or nullopt when all pass (with the risk
  // score set: the largest share of a limit used, the notional's included).
  std::optional<Decision> run() {
    use(decision_.figures.drawdown / limits_.max_drawdown);
    if (auto d = leverage()) return d;
    if (auto d = stop_loss()) return d;
    if (auto d = take_profit()) return d;
    if (auto d = position_size()) return d;
    if (auto d = margin()) return d;
    if (auto d = liquidation()) return d;
    if (auto d = correlation()) return d;
    decision_.risk_score = std::min(1.0, score_);
    return std::nullopt;
  }

 private:
  void use(double fraction_of_limit) { score_ = std::max(score_, fraction_of_limit); }

  std::optional<Decision> leverage() {
    const double leverage = in_.order.leverage;
    if (leverage > limits_.max_leverage) {
      return reject(
          decision_, RiskReason::leverage_exceeded,
          "leverage " + figure(leverage) + " > max_leverage " + figure(limits_.max_leverage));
    }
    use(leverage / limits_.max_leverage);
    return std::nullopt;
  }

  std::optional<Decision> stop_loss() {
    if (!in_.order.stop_loss) {
      return reject(decision_, RiskReason::stop_loss_missing,
                    "an order that opens exposure needs a stop_loss");
    }
    const double stop = *in_.order.stop_loss;
    const double side = direction(in_.order.side);
    // A buy loses below its entry, a sell above it.
    if ((in_.entry - stop) * side <= 0.0) {
      return reject(decision_, RiskReason::stop_loss_wrong_side,
                    "stop_loss " + figure(stop) + " must be " + (side > 0 ? "below" : "above") +
                        " the entry price " + figure(in_.entry) + " of a " +
                        std::string(to_string(in_.order.side)));
    }
    const double distance = std::fabs(in_.entry - stop) / in_.entry;
    const auto modify = [&](RiskReason reason, double bound, const char* relation) {
      Decision d = finish(decision_, Verdict::modify_required, reason,
                          "stop distance " + figure(distance) + " " + relation + " " +
                              figure(bound) + " of the entry price");
      d.suggested_stop_loss = in_.entry * (1.0 - side * bound);
      return d;
    };
    if (distance > limits_.max_stop_distance) {
      return modify(RiskReason::stop_loss_too_far, limits_.max_stop_distance,
                    "> max_stop_distance");
    }
    if (distance < limits_.min_stop_distance) {
      return modify(RiskReason::stop_loss_too_close, limits_.min_stop_distance,
                    "< min_stop_distance");
    }
    use(distance / limits_.max_stop_distance);
    return std::nullopt;
  }

  std::optional<Decision> take_profit() {
    if (!in_.order.take_profit) return std::nullopt;
    const double target = *in_.order.take_profit;
    const double side = direction(in_.order.side);
    if ((target - in_.entry) * side <= 0.0) {
      return reject(decision_, RiskReason::take_profit_wrong_side,
                    "take_profit " + figure(target) + " must be " + (side > 0 ? "above" : "below") +
                        " the entry price " + figure(in_.entry));
    }
    return std::nullopt;
  }

  std::optional<Decision> position_size() {
    const double cap = limits_.max_position_fraction * in_.equity;
    const double size = decision_.figures.position_notional;
    if (size > cap) {
      // The largest order on this side whose resulting position fits.
      const double cap_units = cap / in_.entry;
      const bool adds = in_.held * direction(in_.order.side) >= 0.0;
      const double room = adds ? cap_units - std::fabs(in_.held) : std::fabs(in_.held) + cap_units;
      Decision d = reject(decision_, RiskReason::position_size_exceeded,
                          "position notional " + figure(size) + " > " +
                              figure(limits_.max_position_fraction) + " x equity = " + figure(cap));
      d.suggested_quantity = suggestion(room);
      return d;
    }
    use(size / cap);
    return std::nullopt;
  }

  std::optional<Decision> margin() {
    const double needed = limits_.margin_buffer * decision_.figures.margin_required;
    if (in_.cash < needed) {
      Decision d = reject(decision_, RiskReason::insufficient_margin,
                          "cash " + figure(in_.cash) + " < " + figure(limits_.margin_buffer) +
                              " x margin " + figure(decision_.figures.margin_required));
      d.suggested_quantity =
          suggestion(in_.cash * in_.order.leverage / (limits_.margin_buffer * in_.entry));
      return d;
    }
    use(needed / in_.cash);
    return std::nullopt;
  }

  std::optional<Decision> liquidation() {
    const double liquidation = decision_.figures.liquidation_price;
    const double distance = std::fabs(in_.entry - liquidation) / in_.entry;
    if (distance < limits_.min_liquidation_distance) {
      return reject(decision_, RiskReason::liquidation_too_close,
                    "liquidation price " + figure(liquidation) + " is " + figure(distance) +
                        " from the entry, < min_liquidation_distance " +
                        figure(limits_.min_liquidation_distance));
    }
    const double stop = *in_.order.stop_loss;
    if ((stop - liquidation) * direction(in_.order.side) <= 0.0) {
      return reject(decision_, RiskReason::stop_beyond_liquidation,
                    "stop_loss " + figure(stop) + " would trigger only after liquidation at " +
                        figure(liquidation));
    }
    use(limits_.min_liquidation_distance / distance);
    return std::nullopt;
  }

  std::optional<Decision> correlation() {
    const double side = direction(in_.order.side);
    double largest = -std::numeric_limits<double>::infinity();
    const std::string* largest_with = nullptr;
    for (const auto& exposure : in_.exposures) {
      if (exposure.index == in_.instrument) continue;  // the position rule's concern
      const double r = in_.portfolio.prices.return_correlation_at(in_.instrument, exposure.index,
                                                                  limits_.correlation_window);
      if (std::isnan(r)) {
        return reject(decision_, RiskReason::correlation_unavailable,
                      "no correlation of " + in_.order.instrument + " with the position in " +
                          *exposure.instrument + " over " +
                          std::to_string(limits_.correlation_window) +
                          " returns (too short or constant history)");
      }
      // Same direction and positively correlated, or opposite directions and
      // negatively correlated, concentrate risk; the other two hedge.
      const double directional = r * side * (exposure.quantity > 0.0 ? 1.0 : -1.0);
      if (directional > largest) {
        largest = directional;
        largest_with = exposure.instrument;
      }
    }
    if (largest_with == nullptr) return std::nullopt;
    decision_.figures.max_correlation = largest;
    if (largest > limits_.max_correlation) {
      return reject(decision_, RiskReason::correlation_exceeded,
                    "directional correlation " + figure(largest) + " with the position in " +
                        *largest_with + " > max_correlation " + figure(limits_.max_correlation));
    }
    use(std::max(0.0, largest) / limits_.max_correlation);
    return std::nullopt;
  }

  const RiskLimits& limits_;
  const OpenOrder& in_;
  Decision& decision_;
  double score_;  // the largest fraction of a limit used so far
};

}  // namespace

Result<PreTradeEngine> PreTradeEngine::create(const RiskLimits& limits) {
  if (auto status = validate(limits); !status) return std::move(status).error();
  return PreTradeEngine(limits);
}

PreTradeEngine::PreTradeEngine(const RiskLimits& limits)
    : limits_(limits), submits_(limits.max_submits, limits.submit_interval) {}

Status PreTradeEngine::record_submit(double now) {
  if (!std::isfinite(now)) return make_error(ErrorCode::non_finite_value, "now is not finite");
  if (const auto last = submits_.last(); last && now < *last) {
    return make_error(ErrorCode::non_increasing_timestamp,
                      "now = " + figure(now) + " is before the last submit at " + figure(*last));
  }
  submits_.record(now);
  return {};
}

Status PreTradeEngine::resolve_positions(const Portfolio& portfolio) {
  // Each slot's previous index is the hint for the name now in it: with the
  // same positions as last time, no name is hashed.
  std::size_t count = 0;
  for (const auto& [name, position] : portfolio.positions) {
    if (auto s = detail::validate_position(name, position); !s) return s;
    if (position.quantity == 0.0) continue;
    const std::size_t hint =
        count < exposures_.size() ? exposures_[count].index : kUnknownInstrument;
    const Exposure exposure{&name,
                            portfolio.prices.index_of(name, hint).value_or(kUnknownInstrument),
                            position.quantity};
    if (count < exposures_.size()) {
      exposures_[count] = exposure;
    } else {
      exposures_.push_back(exposure);
    }
    ++count;
  }
  exposures_.resize(count);
  return {};
}

Result<Decision> PreTradeEngine::check(const Order& order, const Portfolio& portfolio,
                                       TradingState& state, double now) {
  if (auto s = detail::validate_order(order); !s) return std::move(s).error();
  if (auto s = detail::validate_account(portfolio); !s) return std::move(s).error();
  if (auto s = resolve_positions(portfolio); !s) return std::move(s).error();
  if (!std::isfinite(now)) return make_error(ErrorCode::non_finite_value, "now is not finite");
  if (const auto last = submits_.last(); last && now < *last) {
    return make_error(ErrorCode::non_increasing_timestamp,
                      "now = " + figure(now) + " is before the last approval at " + figure(*last));
  }

  Decision decision;
  decision.mode = state.mode();
  if (!portfolio.equity || !portfolio.cash || portfolio.equity_curve.empty()) {
    const char* missing = !portfolio.equity ? "equity" : !portfolio.cash ? "cash" : "equity_curve";
    return reject(decision, RiskReason::missing_account_data,
                  std::string("portfolio.") + missing + " is missing: no decision without it");
  }
  const double equity = *portfolio.equity;
  decision.figures.drawdown = drawdown(portfolio.equity_curve, equity);
  const bool drawdown_hit = decision.figures.drawdown >= limits_.max_drawdown;
  if (drawdown_hit) {
    decision.kill_switch_tripped =
        state.trip(TripCause::drawdown,
                   "drawdown " + figure(decision.figures.drawdown) + " >= max_drawdown " +
                       figure(limits_.max_drawdown),
                   now);
    decision.mode = state.mode();
  }

  const auto instrument = portfolio.prices.index_of(order.instrument);
  if (!instrument) {
    return reject(decision, RiskReason::unknown_instrument,
                  "no price history for the order's instrument " + order.instrument);
  }
  for (const Exposure& exposure : exposures_) {
    if (exposure.index == kUnknownInstrument) {
      return reject(decision, RiskReason::unknown_instrument,
                    "no price history for the position in " + *exposure.instrument);
    }
  }
  // Even a limit order needs the market's price: without it nothing tells a
  // sane limit from a fat-fingered one.
  const auto last_price = portfolio.prices.last_price_at(*instrument);
  if (!last_price) {
    return reject(decision, RiskReason::missing_price, order.instrument + " has no last price");
  }
  const double entry = order.price ? *order.price : *last_price;
  const auto held_at = portfolio.positions.find(order.instrument);
  const double held = held_at == portfolio.positions.end() ? 0.0 : held_at->second.quantity;
  const double signed_quantity = direction(order.side) * order.quantity;
  decision.figures.entry_price = entry;
  decision.figures.notional = order.quantity * entry;
  decision.figures.position_notional = std::fabs(held + signed_quantity) * entry;

  const bool reduces =
      held != 0.0 && (held > 0.0) != (signed_quantity > 0.0) && order.quantity <= std::fabs(held);
  if (order.reduce_only && !reduces) {
    return reject(decision, RiskReason::reduce_only_would_increase,
                  "reduce_only " + std::string(to_string(order.side)) + " of " +
                      figure(order.quantity) + " against a position of " + figure(held) +
                      " would not reduce it");
  }
  decision.intent = !order.reduce_only                                  ? OrderIntent::open
                    : order.quantity == std::fabs(held) && !order.price ? OrderIntent::liquidate
                                                                        : OrderIntent::reduce;
  if (!mode_allows(decision.mode, decision.intent)) {
    if (drawdown_hit) {
      return reject(decision, RiskReason::drawdown_limit,
                    "drawdown " + figure(decision.figures.drawdown) + " >= max_drawdown " +
                        figure(limits_.max_drawdown) +
                        ": the kill switch holds the state in emergency (liquidation only)");
    }
    return reject(decision, mode_reason(decision.mode),
                  "mode " + std::string(to_string(decision.mode)) + " does not allow an order to " +
                      std::string(to_string(decision.intent)));
  }
  if (decision.figures.notional > limits_.max_order_notional) {
    Decision d = reject(decision, RiskReason::order_notional_exceeded,
                        "notional " + figure(decision.figures.notional) + " > max_order_notional " +
                            figure(limits_.max_order_notional));
    d.suggested_quantity = suggestion(limits_.max_order_notional / entry);
    return d;
  }
  decision.risk_score = decision.figures.notional / limits_.max_order_notional;

  if (decision.intent == OrderIntent::open) {
    decision.figures.margin_required = decision.figures.notional / order.leverage;
    decision.figures.liquidation_price =
        liquidation_price(order.side, entry, order.leverage, limits_.maintenance_margin_rate);
    const OpenOrder in{order,  portfolio,       *instrument, exposures_,
                       equity, *portfolio.cash, entry,       held};
    if (auto failed = OpenOrderRules(limits_, in, decision).run()) return std::move(*failed);
  }

  if (!submits_.permits(now)) {
    return reject(decision, RiskReason::rate_limited,
                  std::to_string(limits_.max_submits) + " orders already approved within " +
                      figure(limits_.submit_interval) + " s");
  }
  submits_.record(now);
  decision.stop_loss = order.stop_loss;
  decision.take_profit = order.take_profit;
  return decision;
}

}  // namespace lf::risk
