#include "gpio/kill_switch_host.hpp"

#include <algorithm>
#include <array>
#include <ostream>

#include "gpio/audit_persist.hpp"

namespace lf::gpio {
namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

std::string ms_text(std::chrono::nanoseconds duration) {
  return std::to_string(duration_cast<milliseconds>(duration).count()) + " ms";
}

Error refused(std::string message) {
  return make_error(ErrorCode::transition_refused, std::move(message));
}

}  // namespace

Instant Instant::now() {
  const auto wall = std::chrono::system_clock::now().time_since_epoch();
  return {std::chrono::steady_clock::now().time_since_epoch(),
          std::chrono::duration<double>(wall).count()};
}

std::string_view to_string(SwitchState state) noexcept {
  return state == SwitchState::open ? "open" : "closed";
}

KillSwitchHost::KillSwitchHost(const GpioConfig& config, GpioBackend& backend,
                               storage::AuditLogFile& audit, risk::TradingState state,
                               std::ostream& log)
    : config_(config),
      backend_(backend),
      audit_(audit),
      state_(std::move(state)),
      log_(log),
      // Until the first reading the switch counts as open: nothing vouches
      // for it yet.
      debouncer_(config.debounce, true) {
  if (!state_.recent_transitions().empty()) {
    last_stamp_ = state_.recent_transitions().back().timestamp;
  }
}

SwitchState KillSwitchHost::read_state(bool logical) const noexcept {
  return logical ? SwitchState::open : SwitchState::closed;
}

Result<SwitchState> KillSwitchHost::read_switch() {
  auto value = backend_.read(config_.switch_line);
  if (!value) return std::move(value).error();
  return read_state(*value);
}

double KillSwitchHost::stamp(Instant now) {
  last_stamp_ = std::max(last_stamp_, now.wall_seconds);
  return last_stamp_;
}

Status KillSwitchHost::persist() {
  return persist_transitions(state_, audit_, log_);
}

std::array<std::pair<unsigned, bool>, 3> KillSwitchHost::levels(const LedPattern& pattern) const {
  return {{{config_.green_line, pattern.green},
           {config_.yellow_line, pattern.yellow},
           {config_.red_line, pattern.red}}};
}

Status KillSwitchHost::show(const LedPattern& pattern) {
  // Until every line took its value, nothing is known to be shown.
  shown_.reset();
  for (auto [line, on] : levels(pattern)) {
    if (auto s = backend_.write(line, on); !s) return s;
  }
  shown_ = pattern;
  return {};
}

void KillSwitchHost::show_best_effort(const LedPattern& pattern) {
  // A failed line must not keep the others from showing what they can.
  bool all = true;
  for (auto [line, on] : levels(pattern)) {
    if (!backend_.write(line, on)) all = false;
  }
  if (all) {
    shown_ = pattern;
  } else {
    shown_.reset();
  }
}

Status KillSwitchHost::fail_safe(risk::TripCause cause, std::string_view detail, Instant now) {
  failed_ = true;
  state_.trip(cause, detail, stamp(now));
  show_best_effort(kSafeLedPattern);
  return persist();
}

Status KillSwitchHost::fail(const Error& error, Instant now) {
  failure_ = error;
  log_ << "lf gpio: failing safe: " << error.message << " [" << lf::to_string(error.code) << "]"
       << std::endl;
  if (auto s = fail_safe(risk::TripCause::backend_error, error.message, now); !s) {
    log_ << "lf gpio: the trip could not be recorded: " << s.error().message << std::endl;
  }
  return error;
}

Status KillSwitchHost::show_mode() {
  const LedPattern pattern = failed_ ? kSafeLedPattern : led_pattern(state_.mode());
  if (shown_ == pattern) return {};
  return show(pattern);
}

Status KillSwitchHost::trip(risk::TripCause cause, std::string_view detail, Instant now) {
  const bool changed = state_.trip(cause, detail, stamp(now));
  if (auto s = show_mode(); !s) return fail(s.error(), now);
  if (changed) {
    if (auto s = persist(); !s) return fail(s.error(), now);
  }
  return {};
}

Status KillSwitchHost::start(Instant now) {
  heartbeat_deadline_ = now.steady + config_.heartbeat_timeout;
  for (auto [line, on] : levels(kSafeLedPattern)) {
    if (auto s = backend_.request_output({line, config_.leds_active_low, on}); !s) {
      return fail(s.error(), now);
    }
  }
  shown_ = kSafeLedPattern;
  if (auto s = backend_.request_input(
          {config_.switch_line, config_.switch_bias, config_.switch_active_low});
      !s) {
    return fail(s.error(), now);
  }
  auto reading = read_switch();
  if (!reading) return fail(reading.error(), now);
  debouncer_ = Debouncer(config_.debounce, *reading == SwitchState::open);
  started_ = true;
  // Every stop this host sees is recorded as a trip, so a log that ends
  // outside Emergency means the last run ended unseen: nobody watched the
  // switch since, and nobody has vouched for that gap.
  if (state_.audit_records() > 0 && state_.mode() != risk::TradingMode::emergency) {
    if (auto s = trip(risk::TripCause::shutdown,
                      "the previous run stopped without recording it (crash, SIGKILL or power "
                      "loss) in mode " +
                          std::string(risk::to_string(state_.mode())),
                      now);
        !s) {
      return s;
    }
  }
  if (*reading == SwitchState::open) {
    return trip(risk::TripCause::kill_switch,
                "the kill switch reads open at start (pressed, or an open wire) on line " +
                    std::to_string(config_.switch_line),
                now);
  }
  if (auto s = show_mode(); !s) return fail(s.error(), now);
  return {};
}

Status KillSwitchHost::sample(Instant now) {
  auto reading = read_switch();
  if (!reading) return fail(reading.error(), now);
  if (debouncer_.update(*reading == SwitchState::open, now.steady) && debouncer_.stable()) {
    return trip(risk::TripCause::kill_switch,
                "the kill switch opened (line " + std::to_string(config_.switch_line) +
                    " open for " + ms_text(config_.debounce) + " or more)",
                now);
  }
  return {};
}

Status KillSwitchHost::service(Instant now) {
  if (failed_ || !started_) return {};
  if (auto s = sample(now); !s) return s;
  if (config_.heartbeat_timeout.count() > 0 && !heartbeat_tripped_ &&
      now.steady >= heartbeat_deadline_) {
    heartbeat_tripped_ = true;
    if (auto s = trip(
            risk::TripCause::heartbeat_lost,
            "no heartbeat from the controlling process for " + ms_text(config_.heartbeat_timeout),
            now);
        !s) {
      return s;
    }
  }
  if (auto s = show_mode(); !s) return fail(s.error(), now);
  return {};
}

std::optional<std::chrono::nanoseconds> KillSwitchHost::next_deadline() const {
  if (failed_ || !started_) return std::nullopt;
  std::optional<std::chrono::nanoseconds> next = debouncer_.settle_time();
  if (config_.heartbeat_timeout.count() > 0 && !heartbeat_tripped_) {
    next = next ? std::min(*next, heartbeat_deadline_) : heartbeat_deadline_;
  }
  return next;
}

void KillSwitchHost::heartbeat(Instant now) {
  heartbeat_deadline_ = now.steady + config_.heartbeat_timeout;
  heartbeat_tripped_ = false;
}

bool KillSwitchHost::heartbeat_overdue(Instant now) const {
  return config_.heartbeat_timeout.count() > 0 && now.steady >= heartbeat_deadline_;
}

Status KillSwitchHost::reset(std::string_view actor, std::string_view reason, Instant now) {
  if (actor.empty() || reason.empty()) {
    return make_error(ErrorCode::invalid_argument,
                      "a reset needs an actor and a reason (who clears the latch, and why)");
  }
  if (failed_ || !started_) {
    return refused(
        "the host is not supervising the switch (failed safe or not started): restart it");
  }
  if (state_.mode() != risk::TradingMode::emergency) {
    return refused("nothing to reset: the mode is " + std::string(risk::to_string(state_.mode())) +
                   " (only Emergency latches)");
  }
  if (auto s = sample(now); !s) return s;
  if (debouncer_.last_reading()) {
    return refused("the kill switch on line " + std::to_string(config_.switch_line) +
                   " reads open (pressed, or an open wire): close it before the reset");
  }
  if (debouncer_.stable()) {
    return refused("the kill switch has not read closed for the debounce time (" +
                   ms_text(config_.debounce) + ") yet");
  }
  if (heartbeat_overdue(now)) {
    return refused("the controlling process's heartbeat is overdue by " +
                   ms_text(now.steady - heartbeat_deadline_) +
                   ": resume heartbeats before the reset");
  }
  if (auto s = state_.request_transition(risk::TradingMode::paused, actor, reason, stamp(now));
      !s) {
    return s;
  }
  if (auto s = show_mode(); !s) return fail(s.error(), now);
  if (auto s = persist(); !s) return fail(s.error(), now);
  return {};
}

Status KillSwitchHost::request_transition(risk::TradingMode to, std::string_view actor,
                                          std::string_view reason, Instant now) {
  if (failed_ || !started_) {
    return refused(
        "the host is not supervising the switch (failed safe or not started): restart it");
  }
  if (state_.mode() == risk::TradingMode::emergency) {
    return refused(
        "Emergency is latched: only a reset (lf gpio reset --actor A --reason R) clears it, to "
        "paused");
  }
  if (auto s = state_.request_transition(to, actor, reason, stamp(now)); !s) return s;
  if (auto s = show_mode(); !s) return fail(s.error(), now);
  if (auto s = persist(); !s) return fail(s.error(), now);
  return {};
}

HostStatus KillSwitchHost::status(Instant now) const {
  HostStatus status;
  status.backend = backend_.describe();
  status.switch_line = config_.switch_line;
  status.mode = state_.mode();
  status.switch_state = read_state(debouncer_.stable());
  status.switch_reading = read_state(debouncer_.last_reading());
  status.leds = shown_;
  status.failed = failed_;
  status.heartbeat_timeout = config_.heartbeat_timeout;
  if (config_.heartbeat_timeout.count() > 0) {
    status.heartbeat_left = duration_cast<milliseconds>(heartbeat_deadline_ - now.steady);
  }
  if (!state_.recent_transitions().empty()) {
    status.last_transition = state_.recent_transitions().back();
  }
  status.audit_records = audit_.chain().records();
  status.audit_head = audit_.chain().head();
  return status;
}

}  // namespace lf::gpio
