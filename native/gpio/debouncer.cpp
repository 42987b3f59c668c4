#include "gpio/debouncer.hpp"

namespace lf::gpio {

bool Debouncer::update(bool reading, Time now) {
  if (reading != last_) {
    last_ = reading;
    last_changed_ = now;
  }
  if (last_ == stable_ || now - last_changed_ < hold_) return false;
  stable_ = last_;
  return true;
}

std::optional<Debouncer::Time> Debouncer::settle_time() const {
  if (last_ == stable_) return std::nullopt;
  return last_changed_ + hold_;
}

}  // namespace lf::gpio
