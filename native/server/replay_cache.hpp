// Signatures already accepted, so a signed request cannot be replayed. An
// entry lives as long as its timestamp would still pass the freshness window
// (after that the timestamp alone refuses it), so memory is bounded by the
// signed requests of one window.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace lf::server {

class ReplayCache {
 public:
  // Records `signature` until `expires_at` (seconds); false when it is
  // already recorded and has not expired at `now`: a replay.
  bool remember(std::string_view signature, std::int64_t expires_at, std::int64_t now);

  std::size_t size() const;

 private:
  void drop_expired(std::int64_t now);

  mutable std::mutex mutex_;
  std::map<std::string, std::int64_t, std::less<>> expiry_;
  std::set<std::pair<std::int64_t, std::string>> by_expiry_;
};

}  // namespace lf::server
