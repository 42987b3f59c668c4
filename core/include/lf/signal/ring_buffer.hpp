// Fixed-capacity ring buffer: the storage behind every rolling window.
// Capacity is rounded up to a power of two so indexing is a mask, not a
// division (it sits on the per-sample hot path of every detector).
#pragma once

#include <bit>
#include <cassert>
#include <cstddef>
#include <optional>
#include <vector>

namespace lf::signal {

template <class T>
class RingBuffer {
 public:
  explicit RingBuffer(std::size_t capacity)
      : capacity_(capacity), slots_(std::bit_ceil(capacity < 1 ? 1 : capacity)) {}

  std::size_t capacity() const noexcept { return capacity_; }
  std::size_t size() const noexcept { return size_; }
  bool full() const noexcept { return size_ == capacity_; }
  bool empty() const noexcept { return size_ == 0; }

  // Appends `value`; when full, the oldest element is evicted and returned.
  std::optional<T> push(const T& value) {
    const std::size_t mask = slots_.size() - 1;
    std::optional<T> evicted;
    if (full()) {
      evicted = slots_[(head_ - capacity_) & mask];
    } else {
      ++size_;
    }
    slots_[head_ & mask] = value;
    ++head_;
    return evicted;
  }

  // Precondition full(): appends `value` and returns the evicted oldest
  // element by value. The hot path of the sliding windows: an optional
  // returned from push() is built with an 8-byte and a 1-byte store and read
  // back with one 16-byte load, which the CPU cannot forward from those
  // stores (a stall measured at a third of a detector's time with GCC 12).
  T replace_oldest(const T& value) {
    assert(full());
    const std::size_t mask = slots_.size() - 1;
    T evicted = slots_[(head_ - capacity_) & mask];
    slots_[head_ & mask] = value;
    ++head_;
    return evicted;
  }

  // age 0 is the newest element, age size()-1 the oldest.
  const T& newest(std::size_t age = 0) const {
    assert(age < size_);
    return slots_[(head_ - 1 - age) & (slots_.size() - 1)];
  }
  // index 0 is the oldest element.
  const T& operator[](std::size_t index) const {
    assert(index < size_);
    return slots_[(head_ - size_ + index) & (slots_.size() - 1)];
  }

  void clear() noexcept {
    size_ = 0;
    head_ = 0;
  }

 private:
  std::size_t capacity_;
  std::vector<T> slots_;
  std::size_t size_ = 0;
  std::size_t head_ = 0;  // total pushes; the next write goes to head_ & mask
};

}  // namespace lf::signal
