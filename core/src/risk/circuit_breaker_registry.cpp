#include "lf/risk/circuit_breaker_registry.hpp"

#include <algorithm>
#include <cmath>

namespace lf::risk {
namespace {

constexpr std::size_t kMaxNameLength = 64;

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c == ':' || c == '/';
}

Status check_name(std::string_view name) {
  if (!name.empty() && name.size() <= kMaxNameLength &&
      std::all_of(name.begin(), name.end(), name_char)) {
    return {};
  }
  return make_error(ErrorCode::invalid_argument,
                    "breaker name must be 1 to 64 characters among letters, digits and _ - . : /"
                    ", got \"" +
                        std::string(name.substr(0, kMaxNameLength)) +
                        (name.size() > kMaxNameLength ? "...\"" : "\""));
}

bool counts_as_open(BreakerState state) {
  return state == BreakerState::open || state == BreakerState::forced_open;
}

Error unknown(std::string_view name) {
  return make_error(ErrorCode::unknown_breaker, "no breaker named '" + std::string(name) + "'");
}

}  // namespace

Status validate(const RegistryConfig& config) {
  if (!(std::isfinite(config.open_fraction) && config.open_fraction > 0.0 &&
        config.open_fraction <= 1.0)) {
    return make_error(ErrorCode::invalid_parameter, "open_fraction must be in (0, 1], got " +
                                                        std::to_string(config.open_fraction));
  }
  if (config.max_components < 1 || config.max_components > 100'000) {
    return make_error(ErrorCode::invalid_parameter, "max_components must be in [1, 100000], got " +
                                                        std::to_string(config.max_components));
  }
  if (config.minimum_components < 1 || config.minimum_components > config.max_components) {
    return make_error(ErrorCode::invalid_parameter,
                      "minimum_components must be in [1, max_components = " +
                          std::to_string(config.max_components) + "], got " +
                          std::to_string(config.minimum_components));
  }
  return {};
}

std::string_view to_string(GlobalState state) noexcept {
  return state == GlobalState::open ? "open" : "closed";
}

Result<std::unique_ptr<CircuitBreakerRegistry>> CircuitBreakerRegistry::create(
    const RegistryConfig& config, RegistryListener* listener) {
  if (auto s = validate(config); !s) return std::move(s).error();
  return std::unique_ptr<CircuitBreakerRegistry>(new CircuitBreakerRegistry(config, listener));
}

CircuitBreakerRegistry::CircuitBreakerRegistry(const RegistryConfig& config,
                                               RegistryListener* listener)
    : config_(config), listener_(listener) {}

CircuitBreakerRegistry::~CircuitBreakerRegistry() = default;

Result<CircuitBreaker*> CircuitBreakerRegistry::add(std::string name,
                                                    const CircuitBreakerConfig& config, Nanos now) {
  if (auto s = check_name(name); !s) return std::move(s).error();
  std::lock_guard lock(mutex_);
  if (entries_.count(name) != 0) {
    return make_error(ErrorCode::invalid_argument, "a breaker named '" + name + "' exists");
  }
  if (entries_.size() >= config_.max_components) {
    return make_error(ErrorCode::invalid_argument, "the registry holds its maximum of " +
                                                       std::to_string(config_.max_components) +
                                                       " breakers");
  }
  auto breaker = CircuitBreaker::create(name, config, this);
  if (!breaker) return std::move(breaker).error();
  CircuitBreaker* raw = breaker->get();
  entries_.emplace(std::move(name), Entry{std::move(*breaker), {}});
  reevaluate_locked(now, raw->name());
  return raw;
}

CircuitBreaker* CircuitBreakerRegistry::find(std::string_view name) const {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(name);
  return it == entries_.end() ? nullptr : it->second.breaker.get();
}

std::vector<std::string> CircuitBreakerRegistry::names() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  out.reserve(entries_.size());
  for (const auto& [name, entry] : entries_) out.push_back(name);
  return out;
}

Status CircuitBreakerRegistry::add_cascade(std::string_view source, std::string_view dependant) {
  std::lock_guard lock(mutex_);
  const auto from = entries_.find(source);
  if (from == entries_.end()) return unknown(source);
  const auto to = entries_.find(dependant);
  if (to == entries_.end()) return unknown(dependant);
  if (from == to) {
    return make_error(ErrorCode::invalid_argument,
                      "breaker '" + std::string(source) + "' cannot cascade to itself");
  }
  auto& list = from->second.dependants;
  CircuitBreaker* target = to->second.breaker.get();
  if (std::find(list.begin(), list.end(), target) == list.end()) list.push_back(target);
  return {};
}

std::vector<std::string> CircuitBreakerRegistry::dependants(std::string_view source) const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  const auto it = entries_.find(source);
  if (it == entries_.end()) return out;
  for (const CircuitBreaker* d : it->second.dependants) out.push_back(d->name());
  return out;
}

RegistrySummary CircuitBreakerRegistry::count_locked() const {
  RegistrySummary s;
  s.components = static_cast<std::uint32_t>(entries_.size());
  for (const auto& [name, entry] : entries_) {
    if (counts_as_open(entry.breaker->state())) ++s.open_components;
  }
  const bool open = s.components >= config_.minimum_components &&
                    static_cast<double>(s.open_components) >=
                        config_.open_fraction * static_cast<double>(s.components);
  s.state = open ? GlobalState::open : GlobalState::closed;
  return s;
}

void CircuitBreakerRegistry::reevaluate_locked(Nanos at, std::string_view trigger) {
  const RegistrySummary now = count_locked();
  if (now.state == global_) return;
  GlobalStateChange change;
  change.from = global_;
  change.to = now.state;
  change.open_components = now.open_components;
  change.components = now.components;
  change.at = at;
  change.trigger = trigger;
  global_ = now.state;
  if (listener_ != nullptr) listener_->on_global_state_change(change);
}

RegistrySummary CircuitBreakerRegistry::summary() const {
  std::lock_guard lock(mutex_);
  RegistrySummary s = count_locked();
  // The reported state is the one the listener was told about; the count
  // may already reflect a transition whose event is still being delivered.
  s.state = global_;
  return s;
}

void CircuitBreakerRegistry::advance(Nanos now) {
  std::vector<CircuitBreaker*> breakers;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [name, entry] : entries_) breakers.push_back(entry.breaker.get());
  }
  for (CircuitBreaker* breaker : breakers) breaker->advance(now);
}

void CircuitBreakerRegistry::on_breaker_event(const BreakerEvent& event) {
  if (listener_ != nullptr) listener_->on_breaker_event(event);
  if (event.type != BreakerEventType::state_transition) return;

  std::vector<CircuitBreaker*> to_trip;
  {
    std::lock_guard lock(mutex_);
    reevaluate_locked(event.at, event.breaker);
    if (counts_as_open(event.to)) {
      const auto it = entries_.find(event.breaker);
      if (it != entries_.end()) to_trip = it->second.dependants;
    }
  }
  // Outside the lock: each trip delivers its own events back here.
  for (CircuitBreaker* dependant : to_trip) dependant->trip(event.at, event.breaker);
}

}  // namespace lf::risk
