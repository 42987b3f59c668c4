// Per-tenant token buckets (docs/HTTP.md, "Rate limits"): a bucket holds up
// to `burst` tokens and refills at `requests_per_second`; a request takes
// one. An empty bucket answers how many whole seconds until a token is back
// (at least 1), the 429's Retry-After. Time is passed in (seconds on a
// monotonic clock), so the arithmetic is exact in tests.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "server/tenants.hpp"

namespace lf::server {

class TokenBucket {
 public:
  TokenBucket(RateLimit limit, double now);

  // 0 when a token was taken, else the whole seconds until one is available.
  int take(double now);

 private:
  RateLimit limit_;
  double tokens_;
  double updated_;
  std::mutex mutex_;
};

class RateLimiter {
 public:
  // One bucket per tenant that has a limit, full at `now`.
  RateLimiter(const TenantDirectory& tenants, double now);

  // As TokenBucket::take; tenants without a limit always get 0.
  int take(const Tenant& tenant, double now);

 private:
  std::map<std::string, std::unique_ptr<TokenBucket>, std::less<>> buckets_;
};

}  // namespace lf::server
