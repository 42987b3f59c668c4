#include "server/replay_cache.hpp"

namespace lf::server {

bool ReplayCache::remember(std::string_view signature, std::int64_t expires_at, std::int64_t now) {
  std::lock_guard lock(mutex_);
  drop_expired(now);
  if (expiry_.find(signature) != expiry_.end()) return false;
  expiry_.emplace(std::string(signature), expires_at);
  by_expiry_.emplace(expires_at, std::string(signature));
  return true;
}

std::size_t ReplayCache::size() const {
  std::lock_guard lock(mutex_);
  return expiry_.size();
}

void ReplayCache::drop_expired(std::int64_t now) {
  while (!by_expiry_.empty() && by_expiry_.begin()->first < now) {
    expiry_.erase(by_expiry_.begin()->second);
    by_expiry_.erase(by_expiry_.begin());
  }
}

}  // namespace lf::server
