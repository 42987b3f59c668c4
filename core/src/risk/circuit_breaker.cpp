#include "lf/risk/circuit_breaker.hpp"

#include <array>
#include <limits>

namespace lf::risk {
namespace {

constexpr Nanos kNever = std::numeric_limits<Nanos>::max();

// The state word: generation << 8 | state.
std::uint64_t pack_state(BreakerState state, std::uint64_t generation) {
  return generation << 8 | static_cast<std::uint64_t>(state);
}
BreakerState state_of(std::uint64_t word) {
  return static_cast<BreakerState>(word & 0xff);
}
std::uint64_t generation_of(std::uint64_t word) {
  return word >> 8;
}

// A probe slot word: the low 24 bits of the generation it belongs to, then
// 40 bits of content (free, claiming, reported, or a ticket). A stalled
// thread would have to sleep through 2^24 transitions for a tag to repeat.
constexpr std::uint64_t kContentBits = 40;
constexpr std::uint64_t kContentMask = (std::uint64_t{1} << kContentBits) - 1;
constexpr std::uint64_t kTagMask = (std::uint64_t{1} << 24) - 1;
constexpr std::uint64_t kFree = 0;
constexpr std::uint64_t kClaiming = 1;
constexpr std::uint64_t kReported = 2;
constexpr std::uint64_t kFirstTicket = 3;

std::uint64_t slot_word(std::uint64_t generation, std::uint64_t content) {
  return (generation & kTagMask) << kContentBits | content;
}
bool slot_in(std::uint64_t word, std::uint64_t generation) {
  return word >> kContentBits == (generation & kTagMask);
}
std::uint64_t content_of(std::uint64_t word) {
  return word & kContentMask;
}
// Tickets run through [kFirstTicket, 2^40) and wrap.
std::uint64_t ticket_from(std::uint64_t counter) {
  return kFirstTicket + counter % (kContentMask + 1 - kFirstTicket);
}

Nanos saturating_add(Nanos t, Nanos duration) {
  return t > kNever - duration ? kNever : t + duration;
}

struct Rates {
  bool enough = false;
  double failure = 0.0;
  double slow = 0.0;
};

Rates rates_of(const WindowCounts& counts, std::uint64_t minimum) {
  Rates r;
  r.enough = counts.calls > 0 && counts.calls >= minimum;
  if (counts.calls > 0) {
    r.failure = 100.0 * static_cast<double>(counts.failed) / static_cast<double>(counts.calls);
    r.slow = 100.0 * static_cast<double>(counts.slow) / static_cast<double>(counts.calls);
  }
  return r;
}

}  // namespace

// Events raised under the lock, delivered after it is released. One locked
// step raises at most three (two rates exceeded and a transition).
struct CircuitBreaker::PendingEvents {
  std::array<BreakerEvent, 4> items{};
  std::size_t count = 0;
  void push(const BreakerEvent& event) {
    if (count < items.size()) items[count++] = event;
  }
  // The rate events of one judgement, failure first, as resilience4j orders them.
  void push_exceeded(const std::string& breaker, BreakerState state, Nanos now, const Rates& r,
                     bool failure, bool slow) {
    BreakerEvent event;
    event.breaker = breaker;
    event.at = now;
    event.from = event.to = state;
    if (failure) {
      event.type = BreakerEventType::failure_rate_exceeded;
      event.rate = r.failure;
      push(event);
    }
    if (slow) {
      event.type = BreakerEventType::slow_call_rate_exceeded;
      event.rate = r.slow;
      push(event);
    }
  }
};

enum class CircuitBreaker::Claim : std::uint8_t { granted, none_free, state_changed };

std::string_view to_string(RecordResult result) noexcept {
  switch (result) {
    case RecordResult::recorded: return "recorded";
    case RecordResult::stale: return "stale";
    case RecordResult::ignored: return "ignored";
  }
  return "stale";
}

Result<std::unique_ptr<CircuitBreaker>> CircuitBreaker::create(std::string name,
                                                               const CircuitBreakerConfig& config,
                                                               BreakerListener* listener) {
  if (auto s = validate(config); !s) return std::move(s).error();
  return std::unique_ptr<CircuitBreaker>(new CircuitBreaker(std::move(name), config, listener));
}

CircuitBreaker::CircuitBreaker(std::string name, const CircuitBreakerConfig& config,
                               BreakerListener* listener)
    : name_(std::move(name)),
      config_(config),
      minimum_calls_(config.window_type == SlidingWindowType::count_based &&
                             config.window_size < config.minimum_calls
                         ? config.window_size
                         : config.minimum_calls),
      listener_(listener),
      state_word_(pack_state(BreakerState::closed, 0)),
      next_ticket_(0),
      slots_(new std::atomic<std::uint64_t>[config.permitted_calls_in_half_open]),
      slot_deadlines_(new std::atomic<Nanos>[config.permitted_calls_in_half_open]),
      window_(config.window_type == SlidingWindowType::count_based
                  ? SlidingWindow::count_based(config.window_size)
                  : SlidingWindow::time_based(config.window_size, config.bucket_duration)),
      probes_(SlidingWindow::count_based(config.permitted_calls_in_half_open)) {
  // Generation 0 is CLOSED; the slots are tagged with it, so HALF_OPEN
  // (generation >= 1) sees them free.
  for (std::uint32_t i = 0; i < config.permitted_calls_in_half_open; ++i) {
    slots_[i].store(slot_word(0, kFree));
    slot_deadlines_[i].store(0);
  }
}

CircuitBreaker::~CircuitBreaker() = default;

BreakerState CircuitBreaker::state() const noexcept {
  return state_of(state_word_.load());
}

Permit CircuitBreaker::try_acquire(Nanos now) {
  for (;;) {
    const std::uint64_t word = state_word_.load();
    const BreakerState state = state_of(word);
    switch (state) {
      case BreakerState::closed:
      case BreakerState::disabled:
      case BreakerState::metrics_only: return Permit{true, generation_of(word), 0, 0};
      case BreakerState::forced_open: refuse(state, now); return {};
      case BreakerState::open:
      case BreakerState::half_open: break;
    }
    if (due(word, now, true)) {
      PendingEvents events;
      {
        std::lock_guard lock(mutex_);
        apply_due_locked(now, true, events);
      }
      deliver(events);
      continue;  // decide again in the new state
    }
    if (state == BreakerState::open) {
      refuse(state, now);
      return {};
    }
    Permit permit;
    switch (claim_probe(word, now, permit)) {
      case Claim::granted: return permit;
      case Claim::none_free: refuse(state, now); return {};
      case Claim::state_changed: break;
    }
  }
}

CircuitBreaker::Claim CircuitBreaker::claim_probe(std::uint64_t word, Nanos now, Permit& permit) {
  const std::uint64_t generation = generation_of(word);
  const std::uint32_t n = config_.permitted_calls_in_half_open;
  const std::uint64_t claimed = slot_word(generation, kClaiming);
  std::uint32_t slot = n;
  // A free slot: free in this period, or left over from an earlier one (but
  // never one another thread is claiming: only the claimant writes its
  // deadline).
  for (std::uint32_t i = 0; i < n && slot == n; ++i) {
    std::uint64_t seen = slots_[i].load();
    const bool free =
        slot_in(seen, generation) ? content_of(seen) == kFree : content_of(seen) != kClaiming;
    if (free && slots_[i].compare_exchange_strong(seen, claimed)) slot = i;
  }
  // None: reclaim a permit nobody reported within permit_timeout.
  for (std::uint32_t i = 0; i < n && slot == n; ++i) {
    std::uint64_t seen = slots_[i].load();
    if (slot_in(seen, generation) && content_of(seen) >= kFirstTicket &&
        now >= slot_deadlines_[i].load() && slots_[i].compare_exchange_strong(seen, claimed)) {
      slot = i;
    }
  }
  if (slot == n) return Claim::none_free;

  const std::uint64_t ticket = ticket_from(next_ticket_.fetch_add(1, std::memory_order_relaxed));
  slot_deadlines_[slot].store(saturating_add(now, config_.permit_timeout));
  std::uint64_t expected = claimed;
  const bool held = slots_[slot].compare_exchange_strong(expected, slot_word(generation, ticket));
  // A transition during the claim ends the period: its slots are free for
  // the next one as they are, and the caller decides again.
  if (!held || state_word_.load() != word) return Claim::state_changed;
  permit = Permit{true, generation, slot, ticket};
  return Claim::granted;
}

bool CircuitBreaker::is_probe(const Permit& permit) const {
  return permit.slot < config_.permitted_calls_in_half_open && permit.ticket >= kFirstTicket &&
         permit.ticket <= kContentMask;
}

void CircuitBreaker::refuse(BreakerState state, Nanos now) {
  not_permitted_.fetch_add(1, std::memory_order_relaxed);
  // FORCED_OPEN refuses by design; like resilience4j it publishes no call
  // events.
  if (listener_ == nullptr || state == BreakerState::forced_open) return;
  BreakerEvent event;
  event.type = BreakerEventType::call_not_permitted;
  event.breaker = name_;
  event.at = now;
  event.from = event.to = state;
  listener_->on_breaker_event(event);
}

bool CircuitBreaker::due(std::uint64_t word, Nanos now, bool from_acquire) const {
  switch (state_of(word)) {
    case BreakerState::open:
      return (from_acquire || config_.automatic_transition_to_half_open) &&
             now >= open_until_.load();
    case BreakerState::half_open: return now >= half_open_until_.load();
    default: return false;
  }
}

void CircuitBreaker::apply_due_locked(Nanos now, bool from_acquire, PendingEvents& events) {
  const std::uint64_t word = state_word_.load();
  if (!due(word, now, from_acquire)) return;
  if (state_of(word) == BreakerState::open) {
    enter(BreakerState::half_open, now, TransitionCause::wait_elapsed, {}, {}, events);
  } else {
    enter(BreakerState::open, now, TransitionCause::half_open_timeout, {}, {}, events);
  }
}

Result<RecordResult> CircuitBreaker::record(const Permit& permit, CallOutcome outcome,
                                            Nanos duration, Nanos now) {
  if (!permit.granted) {
    return make_error(ErrorCode::invalid_argument,
                      "breaker '" + name_ +
                          "': the permit was not granted (a refused call has "
                          "no outcome to record)");
  }
  if (duration < 0) {
    return make_error(
        ErrorCode::invalid_argument,
        "breaker '" + name_ + "': duration must be >= 0 ns, got " + std::to_string(duration));
  }
  const bool slow = duration > config_.slow_call_duration_threshold;
  const bool failed = outcome == CallOutcome::failure;
  const CallKind kind = failed ? (slow ? CallKind::slow_failure : CallKind::failure)
                               : (slow ? CallKind::slow_success : CallKind::success);
  PendingEvents events;
  RecordResult result;
  {
    std::lock_guard lock(mutex_);
    apply_due_locked(now, false, events);
    result = record_locked(permit, kind, now, events);
  }
  deliver(events);
  return result;
}

RecordResult CircuitBreaker::record_locked(const Permit& permit, CallKind kind, Nanos now,
                                           PendingEvents& events) {
  const std::uint64_t word = state_word_.load();
  if (generation_of(word) != permit.generation) return RecordResult::stale;
  switch (state_of(word)) {
    case BreakerState::closed: judge_closed(window_.record(kind, now), now, events); break;
    case BreakerState::metrics_only:
      judge_metrics_only(window_.record(kind, now), now, events);
      break;
    case BreakerState::half_open: {
      if (!is_probe(permit)) return RecordResult::stale;
      std::uint64_t expected = slot_word(permit.generation, permit.ticket);
      if (!slots_[permit.slot].compare_exchange_strong(expected,
                                                       slot_word(permit.generation, kReported))) {
        return RecordResult::stale;
      }
      judge_probes(probes_.record(kind, now), now, events);
      break;
    }
    case BreakerState::disabled: return RecordResult::ignored;
    case BreakerState::open:
    case BreakerState::forced_open: return RecordResult::stale;  // these periods grant nothing
  }
  return RecordResult::recorded;
}

void CircuitBreaker::judge_closed(const WindowCounts& counts, Nanos now, PendingEvents& events) {
  const Rates r = rates_of(counts, minimum_calls_);
  if (!r.enough) return;
  const bool failure = r.failure >= config_.failure_rate_threshold;
  const bool slow = r.slow >= config_.slow_call_rate_threshold;
  if (!failure && !slow) return;
  events.push_exceeded(name_, BreakerState::closed, now, r, failure, slow);
  enter(BreakerState::open, now,
        failure ? TransitionCause::failure_rate : TransitionCause::slow_call_rate, {}, {}, events);
}

void CircuitBreaker::judge_metrics_only(const WindowCounts& counts, Nanos now,
                                        PendingEvents& events) {
  const Rates r = rates_of(counts, minimum_calls_);
  if (!r.enough) return;
  // One event per excursion above a threshold, not one per call.
  const bool failure = r.failure >= config_.failure_rate_threshold;
  const bool slow = r.slow >= config_.slow_call_rate_threshold;
  events.push_exceeded(name_, BreakerState::metrics_only, now, r, failure && !failure_rate_above_,
                       slow && !slow_call_rate_above_);
  failure_rate_above_ = failure;
  slow_call_rate_above_ = slow;
}

void CircuitBreaker::judge_probes(const WindowCounts& counts, Nanos now, PendingEvents& events) {
  if (counts.calls < config_.permitted_calls_in_half_open) return;
  const Rates r = rates_of(counts, config_.permitted_calls_in_half_open);
  const bool failure = r.failure >= config_.failure_rate_threshold;
  const bool slow = r.slow >= config_.slow_call_rate_threshold;
  if (!failure && !slow) {
    enter(BreakerState::closed, now, TransitionCause::probes_passed, {}, {}, events);
    return;
  }
  events.push_exceeded(name_, BreakerState::half_open, now, r, failure, slow);
  enter(BreakerState::open, now,
        failure ? TransitionCause::failure_rate : TransitionCause::slow_call_rate, {}, {}, events);
}

void CircuitBreaker::enter(BreakerState to, Nanos now, TransitionCause cause,
                           std::string_view actor, std::string_view reason, PendingEvents& events) {
  const std::uint64_t word = state_word_.load();
  const BreakerState from = state_of(word);
  switch (to) {
    case BreakerState::closed:
    case BreakerState::disabled:
    case BreakerState::metrics_only:
      window_.clear();
      attempts_ = 0;
      failure_rate_above_ = slow_call_rate_above_ = false;
      break;
    case BreakerState::open:
    case BreakerState::forced_open:
      if (from == BreakerState::half_open) {
        frozen_ = probes_.snapshot(now);
        frozen_minimum_ = config_.permitted_calls_in_half_open;
      } else if (from == BreakerState::closed || from == BreakerState::metrics_only) {
        frozen_ = window_.snapshot(now);
        frozen_minimum_ = minimum_calls_;
      } else if (from == BreakerState::disabled) {
        frozen_ = {};
      }
      if (attempts_ < UINT32_MAX) ++attempts_;
      if (to == BreakerState::open)
        open_until_.store(saturating_add(now, open_wait(config_, attempts_)));
      break;
    case BreakerState::half_open:
      probes_.clear();
      half_open_until_.store(config_.max_wait_in_half_open == 0
                                 ? kNever
                                 : saturating_add(now, config_.max_wait_in_half_open));
      break;
  }
  not_permitted_.store(0, std::memory_order_relaxed);
  // Published last: a reader that sees the new state sees its deadlines.
  state_word_.store(pack_state(to, generation_of(word) + 1));

  BreakerEvent event;
  event.type = BreakerEventType::state_transition;
  event.breaker = name_;
  event.at = now;
  event.from = from;
  event.to = to;
  event.cause = cause;
  event.actor = actor;
  event.reason = reason;
  events.push(event);
}

bool CircuitBreaker::release(const Permit& permit) {
  if (!permit.granted || !is_probe(permit)) return false;
  std::uint64_t expected = slot_word(permit.generation, permit.ticket);
  return slots_[permit.slot].compare_exchange_strong(expected, slot_word(permit.generation, kFree));
}

Status CircuitBreaker::transition(BreakerState to, Nanos now, std::string_view actor,
                                  std::string_view reason) {
  if (actor.empty() || reason.empty()) {
    return make_error(ErrorCode::invalid_argument,
                      "breaker '" + name_ + "': a manual transition needs an actor and a reason");
  }
  PendingEvents events;
  {
    std::lock_guard lock(mutex_);
    const BreakerState from = state();
    if (!manual_transition_allowed(from, to)) {
      return make_error(ErrorCode::transition_refused,
                        "breaker '" + name_ + "': no manual transition from " +
                            std::string(to_string(from)) + " to " + std::string(to_string(to)));
    }
    enter(to, now, TransitionCause::manual, actor, reason, events);
  }
  deliver(events);
  return {};
}

bool CircuitBreaker::trip(Nanos now, std::string_view source) {
  PendingEvents events;
  {
    std::lock_guard lock(mutex_);
    const BreakerState from = state();
    if (from != BreakerState::closed && from != BreakerState::half_open) return false;
    enter(BreakerState::open, now, TransitionCause::cascade, "cascade", source, events);
  }
  deliver(events);
  return true;
}

void CircuitBreaker::advance(Nanos now) {
  PendingEvents events;
  {
    std::lock_guard lock(mutex_);
    apply_due_locked(now, false, events);
  }
  deliver(events);
}

BreakerMetrics CircuitBreaker::metrics(Nanos now) {
  std::lock_guard lock(mutex_);
  const std::uint64_t word = state_word_.load();
  BreakerMetrics m;
  m.state = state_of(word);
  m.generation = generation_of(word);
  m.attempts = attempts_;
  m.not_permitted = not_permitted_.load(std::memory_order_relaxed);
  std::uint64_t minimum = minimum_calls_;
  switch (m.state) {
    case BreakerState::closed:
    case BreakerState::metrics_only: m.window = window_.snapshot(now); break;
    case BreakerState::half_open: {
      m.window = probes_.snapshot(now);
      minimum = config_.permitted_calls_in_half_open;
      const auto until = half_open_until_.load();
      if (until != kNever) m.half_open_until = until;
      for (std::uint32_t i = 0; i < config_.permitted_calls_in_half_open; ++i) {
        const std::uint64_t slot = slots_[i].load();
        const bool current = slot_in(slot, m.generation);
        if (current && content_of(slot) != kFree && content_of(slot) != kReported) {
          ++m.probes_in_flight;
        } else if (!current || content_of(slot) == kFree) {
          ++m.probes_available;
        }
      }
      break;
    }
    case BreakerState::open:
    case BreakerState::forced_open:
      m.window = frozen_;
      minimum = frozen_minimum_;
      if (m.state == BreakerState::open) m.open_until = open_until_.load();
      break;
    case BreakerState::disabled: break;
  }
  const Rates r = rates_of(m.window, minimum);
  if (r.enough) {
    m.failure_rate = r.failure;
    m.slow_call_rate = r.slow;
  }
  return m;
}

void CircuitBreaker::deliver(const PendingEvents& events) const {
  if (listener_ == nullptr) return;
  for (std::size_t i = 0; i < events.count; ++i) listener_->on_breaker_event(events.items[i]);
}

}  // namespace lf::risk
