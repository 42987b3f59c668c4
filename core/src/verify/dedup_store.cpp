#include "lf/verify/dedup_store.hpp"

namespace lf::verify {
namespace {

// Expired entries are swept every this many stores, so memory stays bounded
// by the live entries without a timer thread.
constexpr std::size_t kSweepInterval = 1024;

}  // namespace

Result<std::optional<std::string>> MemoryDedupStore::get(std::string_view key, Millis now) {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end() || it->second.expires_at <= now) return std::optional<std::string>{};
  return std::optional<std::string>{it->second.value};
}

Result<std::string> MemoryDedupStore::put_if_absent(std::string_view key, std::string_view value,
                                                    Millis now, Millis ttl) {
  std::lock_guard lock(mutex_);
  if (++puts_since_sweep_ >= kSweepInterval) drop_expired(now);
  const auto it = entries_.find(key);
  if (it != entries_.end() && it->second.expires_at > now) return it->second.value;
  Entry entry{std::string(value), now + ttl};
  if (it != entries_.end()) {
    it->second = std::move(entry);
  } else {
    entries_.emplace(std::string(key), std::move(entry));
  }
  return std::string(value);
}

std::size_t MemoryDedupStore::size(Millis now) {
  std::lock_guard lock(mutex_);
  drop_expired(now);
  return entries_.size();
}

void MemoryDedupStore::drop_expired(Millis now) {
  puts_since_sweep_ = 0;
  std::erase_if(entries_, [now](const auto& item) { return item.second.expires_at <= now; });
}

}  // namespace lf::verify
