#include "lf/risk/bias_guard.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "lf/verify/float_format.hpp"

namespace lf::risk {
namespace {

// Figures in details read like JSON numbers ("0.06", "1.5"), identically on
// every target.
std::string num(double x) {
  return verify::ecmascript_number(x);
}

Error out_of_domain(const std::string& what, const std::string& range, double value) {
  if (!std::isfinite(value)) {
    return make_error(ErrorCode::non_finite_value, what + " must be finite");
  }
  return make_error(ErrorCode::invalid_argument,
                    what + " must be " + range + ", got " + num(value));
}

bool positive(double x) {
  return std::isfinite(x) && x > 0.0;
}

Status check_config(const BiasConfig& c) {
  const auto bad = [](std::string_view field, const std::string& range, const std::string& got) {
    return make_error(ErrorCode::invalid_parameter,
                      std::string(field) + " must be in " + range + ", got " + got);
  };
  if (!(positive(c.fomo_rise) && c.fomo_rise <= 10.0)) {
    return bad("fomo_rise", "(0, 10]", std::to_string(c.fomo_rise));
  }
  if (!(std::isfinite(c.fomo_sentiment) && c.fomo_sentiment > 0.5 && c.fomo_sentiment <= 1.0)) {
    return bad("fomo_sentiment", "(0.5, 1]", std::to_string(c.fomo_sentiment));
  }
  for (const auto& [field, value] :
       {std::pair<std::string_view, Nanos>{"fomo_window", c.fomo_window},
        {"revenge_window", c.revenge_window},
        {"revenge_cooldown", c.revenge_cooldown}}) {
    if (value <= 0 || value > kMaxBreakerDuration) {
      return bad(field, "(0, 1e18] ns", std::to_string(value));
    }
  }
  if (!(positive(c.max_size_growth) && c.max_size_growth <= 1000.0)) {
    return bad("max_size_growth", "(0, 1000]", std::to_string(c.max_size_growth));
  }
  if (c.max_overrides < 1) return bad("max_overrides", "[1, 2^32)", "0");
  if (!(positive(c.capped_size) && c.capped_size <= 1000.0)) {
    return bad("capped_size", "(0, 1000]", std::to_string(c.capped_size));
  }
  if (c.min_signal_sources < 1 || c.min_signal_sources > 1000) {
    return bad("min_signal_sources", "[1, 1000]", std::to_string(c.min_signal_sources));
  }
  return {};
}

Status check_context(const TradeContext& c) {
  if (c.instrument.empty()) {
    return make_error(ErrorCode::invalid_argument, "instrument must not be empty");
  }
  // Timestamps count from an epoch (Unix time in the JSON API): none is
  // negative, which keeps every difference below free of overflow.
  if (c.now < 0) return make_error(ErrorCode::invalid_argument, "now must be >= 0");
  if (!positive(c.size)) return out_of_domain("size", "> 0", c.size);
  if (!positive(c.baseline_size)) return out_of_domain("baseline_size", "> 0", c.baseline_size);
  if (!(std::isfinite(c.sentiment) && c.sentiment >= 0.0 && c.sentiment <= 1.0)) {
    return out_of_domain("sentiment", "in [0, 1]", c.sentiment);
  }
  for (std::size_t i = 0; i < c.prices.size(); ++i) {
    const std::string at = "prices[" + std::to_string(i) + "]";
    if (!positive(c.prices[i].price)) return out_of_domain(at + ".price", "> 0", c.prices[i].price);
    if (c.prices[i].at < 0) return make_error(ErrorCode::invalid_argument, at + ".at must be >= 0");
    if ((i > 0 && c.prices[i].at <= c.prices[i - 1].at) || c.prices[i].at > c.now) {
      return make_error(ErrorCode::non_increasing_timestamp,
                        at + ".at must be after the previous price and not after now");
    }
  }
  if (!c.reduces_position && c.prices.empty()) {
    return make_error(ErrorCode::insufficient_data,
                      "an opening order needs the instrument's recent prices (FOMO check)");
  }
  if (c.last_loss_at && (*c.last_loss_at > c.now || *c.last_loss_at < 0)) {
    return make_error(ErrorCode::invalid_argument, "last_loss_at must be in [0, now]");
  }
  for (std::size_t i = 0; i < c.positions.size(); ++i) {
    const auto& p = c.positions[i];
    const std::string at = "positions[" + std::to_string(i) + "]";
    if (p.instrument.empty()) {
      return make_error(ErrorCode::invalid_argument, at + ".instrument must not be empty");
    }
    if (!positive(p.price)) return out_of_domain(at + ".price", "> 0", p.price);
    if (!positive(p.stop)) return out_of_domain(at + ".stop", "> 0", p.stop);
  }
  return {};
}

// The move against which FOMO is judged: buying, the rise from the lowest
// price of the window to the current one; selling, the fall from the
// highest.
double chased_move(const TradeContext& c, Nanos window) {
  const double current = c.prices.back().price;
  const Nanos from = c.now - window;
  double low = current;
  double high = current;
  for (const auto& p : c.prices) {
    if (p.at < from) continue;
    low = std::min(low, p.price);
    high = std::max(high, p.price);
  }
  return c.side == TradeSide::buy ? current / low - 1.0 : 1.0 - current / high;
}

void check_fomo(const TradeContext& c, const BiasConfig& config, GuardDecision& d) {
  const double move = chased_move(c, config.fomo_window);
  const bool buying = c.side == TradeSide::buy;
  // Panic mirrors greed on the fear scale 1 - sentiment (computed on the
  // sentiment side so that 0.2 is exactly fear 0.8).
  const bool crowd =
      buying ? c.sentiment >= config.fomo_sentiment : 1.0 - c.sentiment >= config.fomo_sentiment;
  if (move < config.fomo_rise || !crowd) return;
  d.allowed = false;
  d.findings.push_back({Bias::fomo, GuardAction::block,
                        std::string(buying ? "price rose " : "price fell ") + num(move) +
                            " within the window with sentiment " + num(c.sentiment)});
}

std::string seconds(Nanos duration) {
  return num(static_cast<double>(duration) / static_cast<double>(kNanosPerSecond)) + " s";
}

void check_revenge(const TradeContext& c, const GuardState& state, const BiasConfig& config,
                   GuardDecision& d) {
  if (state.cooldown_until && c.now < *state.cooldown_until) {
    d.allowed = false;
    d.findings.push_back({Bias::revenge_trading, GuardAction::cooldown,
                          "cooldown active for another " + seconds(*state.cooldown_until - c.now)});
    return;
  }
  if (!c.last_loss_at || c.now - *c.last_loss_at >= config.revenge_window) return;
  d.allowed = false;
  d.state.cooldown_until =
      c.now > INT64_MAX - config.revenge_cooldown ? INT64_MAX : c.now + config.revenge_cooldown;
  d.findings.push_back({Bias::revenge_trading, GuardAction::cooldown,
                        "re-entry " + seconds(c.now - *c.last_loss_at) +
                            " after a loss; cooldown " + seconds(config.revenge_cooldown)});
}

void check_overconfidence(const TradeContext& c, const BiasConfig& config, GuardDecision& d) {
  std::string signs;
  const auto sign = [&signs](const std::string& text) {
    signs += (signs.empty() ? "" : ", ") + text;
  };
  if (c.win_streak > config.max_win_streak) sign("win streak " + std::to_string(c.win_streak));
  const double growth = c.size / c.baseline_size;
  if (growth > config.max_size_growth) sign("size " + num(growth) + "x baseline");
  if (c.overridden_warnings >= config.max_overrides) {
    sign(std::to_string(c.overridden_warnings) + " overridden risk warnings");
  }
  if (signs.empty()) return;
  d.max_size = config.capped_size * c.baseline_size;
  d.findings.push_back({Bias::overconfidence, GuardAction::cap_size,
                        signs + "; size capped at " + num(*d.max_size)});
}

void check_loss_aversion(const TradeContext& c, GuardDecision& d) {
  for (const auto& p : c.positions) {
    const bool long_position = p.side == TradeSide::buy;
    const bool past = long_position ? p.price <= p.stop : p.price >= p.stop;
    if (!past) continue;
    d.force_stop.push_back(p.instrument);
    d.findings.push_back({Bias::loss_aversion, GuardAction::force_stop,
                          p.instrument + (long_position ? " long" : " short") + " at " +
                              num(p.price) + " is past its stop " + num(p.stop)});
  }
}

void check_confirmation(const TradeContext& c, const BiasConfig& config, GuardDecision& d) {
  std::vector<std::string> distinct = c.signal_sources;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  if (distinct.size() >= config.min_signal_sources) return;
  d.allowed = false;
  d.confirmations_required =
      config.min_signal_sources - static_cast<std::uint32_t>(distinct.size());
  d.findings.push_back({Bias::confirmation_bias, GuardAction::require_confirmations,
                        std::to_string(distinct.size()) + " distinct signal source(s); " +
                            std::to_string(config.min_signal_sources) + " required"});
}

}  // namespace

std::string_view to_string(Bias bias) noexcept {
  switch (bias) {
    case Bias::fomo: return "fomo";
    case Bias::revenge_trading: return "revenge_trading";
    case Bias::overconfidence: return "overconfidence";
    case Bias::loss_aversion: return "loss_aversion";
    case Bias::confirmation_bias: return "confirmation_bias";
  }
  return "fomo";
}

std::string_view to_string(GuardAction action) noexcept {
  switch (action) {
    case GuardAction::block: return "block";
    case GuardAction::cooldown: return "cooldown";
    case GuardAction::cap_size: return "cap_size";
    case GuardAction::force_stop: return "force_stop";
    case GuardAction::require_confirmations: return "require_confirmations";
  }
  return "block";
}

Status validate(const BiasConfig& config) {
  return check_config(config);
}

Result<GuardDecision> evaluate_biases(const TradeContext& context, const GuardState& state,
                                      const BiasConfig& config) {
  if (auto s = check_config(config); !s) return std::move(s).error();
  if (auto s = check_context(context); !s) return std::move(s).error();
  GuardDecision d;
  d.state = state;
  // An expired cooldown is forgotten.
  if (state.cooldown_until && context.now >= *state.cooldown_until) d.state.cooldown_until.reset();
  const bool opening = !context.reduces_position;
  if (opening) {
    check_fomo(context, config, d);
    check_revenge(context, state, config, d);
    check_overconfidence(context, config, d);
  }
  check_loss_aversion(context, d);
  if (opening) check_confirmation(context, config, d);
  return d;
}

}  // namespace lf::risk
