#include "server/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace lf::server {

TokenBucket::TokenBucket(RateLimit limit, double now)
    : limit_(limit), tokens_(limit.burst), updated_(now) {}

int TokenBucket::take(double now) {
  std::lock_guard lock(mutex_);
  if (now > updated_) {
    tokens_ = std::min(limit_.burst, tokens_ + (now - updated_) * limit_.requests_per_second);
    updated_ = now;
  }
  if (tokens_ >= 1.0) {
    tokens_ -= 1.0;
    return 0;
  }
  const double wait = (1.0 - tokens_) / limit_.requests_per_second;
  return static_cast<int>(std::clamp(std::ceil(wait), 1.0, 86400.0));
}

RateLimiter::RateLimiter(const TenantDirectory& tenants, double now) {
  for (const auto& tenant : tenants.tenants()) {
    if (tenant.rate_limit) {
      buckets_.emplace(tenant.name, std::make_unique<TokenBucket>(*tenant.rate_limit, now));
    }
  }
}

int RateLimiter::take(const Tenant& tenant, double now) {
  const auto it = buckets_.find(tenant.name);
  return it == buckets_.end() ? 0 : it->second->take(now);
}

}  // namespace lf::server
