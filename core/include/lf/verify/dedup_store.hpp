// Idempotency store for verification results: the first result stored for a
// key wins and is returned for every later submission until it expires.
// Time is always passed in (milliseconds on the caller's clock), so stores
// never read a clock themselves and tests control expiry exactly.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "lf/common/result.hpp"

namespace lf::verify {

using Millis = std::int64_t;

// The reference server's TTL: 14 days.
inline constexpr Millis kDefaultDedupTtl = 14LL * 24 * 60 * 60 * 1000;

class DedupStore {
 public:
  virtual ~DedupStore() = default;

  // The live value under `key` at time `now`, if any.
  virtual Result<std::optional<std::string>> get(std::string_view key, Millis now) = 0;

  // Stores `value` until now + ttl unless a live value exists; returns the
  // value stored under `key` afterwards (the earlier one if there was one).
  virtual Result<std::string> put_if_absent(std::string_view key, std::string_view value,
                                            Millis now, Millis ttl) = 0;
};

// In memory (wasm, tests, single-process servers). Thread-safe.
class MemoryDedupStore final : public DedupStore {
 public:
  Result<std::optional<std::string>> get(std::string_view key, Millis now) override;
  Result<std::string> put_if_absent(std::string_view key, std::string_view value, Millis now,
                                    Millis ttl) override;

  // Live entries at `now` (expired ones are dropped).
  std::size_t size(Millis now);

 private:
  struct Entry {
    std::string value;
    Millis expires_at;
  };
  void drop_expired(Millis now);

  std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> entries_;
  std::size_t puts_since_sweep_ = 0;
};

}  // namespace lf::verify
