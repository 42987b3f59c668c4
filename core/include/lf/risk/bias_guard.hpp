// Behavioural bias guard (seed BIAS_001 / EMOTION_001): looks at an order a
// trader is about to place, with the facts around it, for five biases, each
// answered by its own action.
//
//   bias               detected when (defaults)                      action
//   fomo               buying after the price rose >= 5% from its    block this order
//                      lowest within the last hour, with sentiment
//                      >= 0.8 (selling after a fall >= 5% from the
//                      hour's high with sentiment <= 0.2: panic)
//   revenge_trading    opening a position < 30 min after closing a   cooldown: this and every
//                      losing trade                                  opening order for 60 min
//   overconfidence     a win streak > 5, or size > 1.5x the          cap size at 1x baseline
//                      trader's baseline size, or >= 1 overridden
//                      risk warning this session
//   loss_aversion      holding a position whose price is at or       force stop: close it
//                      beyond its stop (long: price <= stop;
//                      short: price >= stop)
//   confirmation_bias  fewer than 2 distinct signal sources agree    require confirmations:
//                                                                    the missing number
//
// Orders that only reduce a position are exempt from everything but loss
// aversion: cutting risk is never blocked.
//
// Cooldowns are enforced by time, with the caller's timestamps: the guard is
// a pure function of (context, state) and returns the next state, which the
// caller keeps and passes back (an edge worker or the JSON API stays
// stateless; a native host keeps one GuardState per trader). While
// now < state.cooldown_until every opening order is refused.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/risk/circuit_breaker_config.hpp"

namespace lf::risk {

enum class Bias : std::uint8_t {
  fomo,
  revenge_trading,
  overconfidence,
  loss_aversion,
  confirmation_bias,
};

enum class GuardAction : std::uint8_t {
  block,
  cooldown,
  cap_size,
  force_stop,
  require_confirmations,
};

// "fomo", "revenge_trading", "overconfidence", "loss_aversion",
// "confirmation_bias".
std::string_view to_string(Bias bias) noexcept;
// "block", "cooldown", "cap_size", "force_stop", "require_confirmations".
std::string_view to_string(GuardAction action) noexcept;

struct BiasConfig {
  double fomo_rise = 0.05;                     // (0, 10]: fractional move from the window's extreme
  Nanos fomo_window = 3600 * kNanosPerSecond;  // (0, max]
  double fomo_sentiment = 0.8;                 // (0.5, 1]; panic mirrors it: <= 1 - this
  Nanos revenge_window = 1800 * kNanosPerSecond;    // (0, max]
  Nanos revenge_cooldown = 3600 * kNanosPerSecond;  // (0, max]
  std::uint32_t max_win_streak = 5;                 // a streak above this is a sign
  double max_size_growth = 1.5;          // (0, 1000]: size above this x baseline is a sign
  std::uint32_t max_overrides = 1;       // >= 1: this many overridden warnings is a sign
  double capped_size = 1.0;              // (0, 1000]: the cap, x baseline
  std::uint32_t min_signal_sources = 2;  // [1, 1000]
};

// invalid_parameter naming the first field out of its range.
Status validate(const BiasConfig& config);

enum class TradeSide : std::uint8_t { buy, sell };

struct PricePoint {
  Nanos at = 0;
  double price = 0.0;
};

struct HeldPosition {
  std::string instrument;
  TradeSide side = TradeSide::buy;  // buy: long, sell: short
  double price = 0.0;               // the current price
  double stop = 0.0;                // the position's stop price
};

// Timestamps are nanoseconds since an epoch (Unix time in the JSON API):
// none may be negative.
struct TradeContext {
  Nanos now = 0;
  std::string instrument;
  TradeSide side = TradeSide::buy;
  bool reduces_position = false;  // the order only reduces a position
  double size = 0.0;              // > 0, in the same unit as baseline_size
  double baseline_size = 0.0;     // > 0: the trader's usual size
  // Recent prices of the instrument, strictly increasing times, none after
  // now; the last one is the current price. Needed for opening orders.
  std::vector<PricePoint> prices;
  double sentiment = 0.5;                   // [0, 1]: 0 extreme fear, 1 extreme greed
  std::optional<Nanos> last_loss_at;        // when the last losing trade was closed (<= now)
  std::uint32_t win_streak = 0;             // consecutive winning trades
  std::uint32_t overridden_warnings = 0;    // risk warnings overridden this session
  std::vector<std::string> signal_sources;  // sources supporting the order
  std::vector<HeldPosition> positions;      // open positions, for loss aversion
};

struct GuardState {
  std::optional<Nanos> cooldown_until;
};

struct BiasFinding {
  Bias bias;
  GuardAction action;
  std::string detail;  // the figures that triggered it
};

struct GuardDecision {
  // false when the order is blocked, a cooldown is on, or confirmations are
  // missing.
  bool allowed = true;
  std::optional<double> max_size;            // cap_size: the largest allowed size
  std::uint32_t confirmations_required = 0;  // require_confirmations
  std::vector<std::string> force_stop;       // instruments to close at once
  std::vector<BiasFinding> findings;         // in the table's order
  GuardState state;                          // pass it to the next evaluation
};

// The decision on `context` given `state`. Errors (nothing decided):
// non_finite_value, invalid_argument (a value outside its domain, naming it),
// non_increasing_timestamp (prices out of order or after now),
// insufficient_data (an opening order without prices), invalid_parameter
// (config).
Result<GuardDecision> evaluate_biases(const TradeContext& context, const GuardState& state,
                                      const BiasConfig& config = {});

}  // namespace lf::risk
