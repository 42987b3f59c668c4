#include "lf/risk/trading_state.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <utility>

#include "../verify/json_strings.hpp"

namespace lf::risk {
namespace {

using Json = nlohmann::json;

constexpr TripCause kTripCauses[] = {TripCause::drawdown,        TripCause::kill_switch,
                                     TripCause::breaker_cascade, TripCause::heartbeat_lost,
                                     TripCause::backend_error,   TripCause::shutdown};

bool manual_transition_allowed(TradingMode from, TradingMode to) noexcept {
  if (from == to) return false;
  if (from == TradingMode::emergency) return to == TradingMode::paused;
  return true;
}

std::string dump(const Json& data) {
  return data.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Status check_text(std::string_view text, std::string_view name) {
  if (text.empty()) {
    return make_error(ErrorCode::invalid_argument,
                      std::string(name) +
                          " must not be empty: every manual transition names "
                          "who made it and why");
  }
  if (!verify::detail::valid_utf8(text)) {
    return make_error(ErrorCode::invalid_argument, std::string(name) + " is not valid UTF-8");
  }
  return {};
}

// `text` with every invalid UTF-8 sequence replaced by U+FFFD (nlohmann's
// replacing serialiser does the work).
std::string utf8_or_replaced(std::string_view text) {
  if (verify::detail::valid_utf8(text)) return std::string(text);
  return Json::parse(dump(Json(std::string(text)))).get<std::string>();
}

// One audit entry's data as a Transition (without seq and line).
Result<Transition> transition_from(const Json& data, std::uint64_t seq) {
  const auto bad = [seq](const std::string& why) {
    return make_error(ErrorCode::schema_error,
                      "audit entry seq " + std::to_string(seq) + " is not a transition: " + why);
  };
  if (!data.is_object()) return bad("data is not an object");
  const auto text = [&](const char* key) -> const std::string* {
    const auto it = data.find(key);
    return it != data.end() && it->is_string() ? it->get_ptr<const std::string*>() : nullptr;
  };
  const std::string* kind = text("kind");
  const std::string* from = text("from");
  const std::string* to = text("to");
  const auto timestamp = data.find("timestamp");
  if (kind == nullptr || from == nullptr || to == nullptr || timestamp == data.end() ||
      !timestamp->is_number()) {
    return bad("kind, from, to (strings) and timestamp (number) are required");
  }
  auto from_mode = parse_trading_mode(*from);
  auto to_mode = parse_trading_mode(*to);
  if (!from_mode || !to_mode) return bad("from or to is not a trading mode");
  Transition transition;
  transition.seq = seq;
  transition.from = *from_mode;
  transition.to = *to_mode;
  transition.timestamp = timestamp->get<double>();
  if (*kind == "manual") {
    const std::string* actor = text("actor");
    const std::string* reason = text("reason");
    if (actor == nullptr || reason == nullptr) return bad("a manual entry needs actor and reason");
    transition.actor = *actor;
    transition.reason = *reason;
  } else if (*kind == "trip") {
    const std::string* cause = text("cause");
    const std::string* detail = text("detail");
    if (cause == nullptr || detail == nullptr) return bad("a trip entry needs cause and detail");
    auto parsed = parse_trip_cause(*cause);
    if (!parsed) return bad("cause '" + *cause + "' is not a trip cause");
    transition.cause = *parsed;
    transition.reason = *detail;
  } else {
    return bad("kind must be manual or trip");
  }
  return transition;
}

}  // namespace

std::string_view to_string(TripCause cause) noexcept {
  switch (cause) {
    case TripCause::drawdown: return "drawdown";
    case TripCause::kill_switch: return "kill_switch";
    case TripCause::breaker_cascade: return "breaker_cascade";
    case TripCause::heartbeat_lost: return "heartbeat_lost";
    case TripCause::backend_error: return "backend_error";
    case TripCause::shutdown: return "shutdown";
  }
  return "unknown";
}

Result<TripCause> parse_trip_cause(std::string_view text) {
  for (auto cause : kTripCauses) {
    if (to_string(cause) == text) return cause;
  }
  return make_error(ErrorCode::invalid_argument,
                    "cause '" + std::string(text) +
                        "' is not a trip cause (drawdown, kill_switch, breaker_cascade, "
                        "heartbeat_lost, backend_error, shutdown)");
}

TradingMode trip_target(TripCause cause) noexcept {
  // An unhealthy dependency stops new orders but leaves positions alone;
  // every other cause means nobody can vouch for the system any more.
  return cause == TripCause::breaker_cascade ? TradingMode::paused : TradingMode::emergency;
}

TradingState::TradingState(TradingMode initial)
    : TradingState(initial, verify::AuditChain(), -INFINITY) {}

TradingState::TradingState(TradingMode mode, verify::AuditChain chain, double last_timestamp)
    : mode_(mode), chain_(std::move(chain)), last_timestamp_(last_timestamp) {}

Result<TradingState> TradingState::resume(std::string_view audit_log, TradingMode initial) {
  auto chain = verify::AuditChain::resume(audit_log);
  if (!chain) return std::move(chain).error();
  TradingState state(initial, std::move(*chain), -INFINITY);
  bool first = true;
  std::size_t start = 0;
  while (start < audit_log.size()) {
    const std::size_t end = audit_log.find('\n', start);
    const std::string_view line = audit_log.substr(start, end + 1 - start);
    start = end + 1;
    // The log verified intact, so every line is a canonical record.
    const Json record = Json::parse(line.begin(), line.end(), nullptr, false);
    if (record["type"] != "entry") continue;
    auto transition = transition_from(record["data"], record["seq"].get<std::uint64_t>());
    if (!transition) return std::move(transition).error();
    if (!first && transition->from != state.mode_) {
      return make_error(ErrorCode::schema_error,
                        "audit entry seq " + std::to_string(transition->seq) + " moves from " +
                            std::string(to_string(transition->from)) + " but the mode was " +
                            std::string(to_string(state.mode_)));
    }
    first = false;
    state.mode_ = transition->to;
    state.last_timestamp_ = transition->timestamp;
    transition->audit_line = std::string(line);
    state.recent_.push_back(std::move(*transition));
    if (state.recent_.size() > kRecentTransitions) state.recent_.pop_front();
  }
  return state;
}

Status TradingState::request_transition(TradingMode to, std::string_view actor,
                                        std::string_view reason, double timestamp) {
  if (auto status = check_text(actor, "actor"); !status) return status;
  if (auto status = check_text(reason, "reason"); !status) return status;
  if (!std::isfinite(timestamp)) {
    return make_error(ErrorCode::non_finite_value, "timestamp must be finite");
  }
  if (timestamp < last_timestamp_) {
    return make_error(ErrorCode::non_increasing_timestamp,
                      "timestamp " + std::to_string(timestamp) +
                          " is before the last transition's " + std::to_string(last_timestamp_));
  }
  if (!manual_transition_allowed(mode_, to)) {
    const std::string rule = mode_ == to ? "it is already the current mode"
                             : mode_ == TradingMode::emergency
                                 ? "emergency can only be reset to paused"
                                 : "not allowed";
    return make_error(ErrorCode::transition_refused, "cannot move from " +
                                                         std::string(to_string(mode_)) + " to " +
                                                         std::string(to_string(to)) + ": " + rule);
  }
  Transition transition;
  transition.from = mode_;
  transition.to = to;
  transition.actor = std::string(actor);
  transition.reason = std::string(reason);
  transition.timestamp = timestamp;
  const Json data = {
      {"kind", "manual"},          {"from", to_string(mode_)},    {"to", to_string(to)},
      {"actor", transition.actor}, {"reason", transition.reason}, {"timestamp", timestamp}};
  record(std::move(transition), dump(data));
  return {};
}

bool TradingState::trip(TripCause cause, std::string_view detail, double timestamp) {
  const TradingMode target = trip_target(cause);
  if (severity(target) <= severity(mode_)) return false;
  // A safety trip must take effect whatever the caller's clock says; the
  // record keeps the chain's timestamps non-decreasing instead.
  const bool usable = std::isfinite(timestamp) && timestamp >= last_timestamp_;
  const double recorded =
      usable ? timestamp : (std::isfinite(last_timestamp_) ? last_timestamp_ : 0.0);
  Transition transition;
  transition.from = mode_;
  transition.to = target;
  transition.cause = cause;
  transition.reason = utf8_or_replaced(detail);
  transition.timestamp = recorded;
  const Json data = {{"kind", "trip"},
                     {"from", to_string(mode_)},
                     {"to", to_string(target)},
                     {"cause", to_string(cause)},
                     {"detail", transition.reason},
                     {"timestamp", recorded}};
  record(std::move(transition), dump(data));
  return true;
}

void TradingState::record(Transition transition, std::string data_json) {
  // data_json is JSON this class built, so append cannot fail; the mode
  // changes regardless, as a transition that already happened must stand.
  auto line = chain_.append(data_json);
  transition.seq = chain_.records() - 1;
  if (line) {
    transition.audit_line = *line;
    pending_lines_.push_back(std::move(*line));
  }
  mode_ = transition.to;
  last_timestamp_ = transition.timestamp;
  recent_.push_back(std::move(transition));
  if (recent_.size() > kRecentTransitions) recent_.pop_front();
}

std::vector<std::string> TradingState::drain_audit_lines() {
  return std::exchange(pending_lines_, {});
}

void TradingState::checkpoint(const verify::Ed25519KeyPair& key) {
  pending_lines_.push_back(chain_.checkpoint(key));
}

}  // namespace lf::risk
