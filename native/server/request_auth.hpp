// Who sent a request (docs/HTTP.md, "Tenants and auth"):
//
// 1. API key: `Authorization: Bearer <key>`. The key's SHA-256 is compared,
//    in constant time, with every configured key's (all of them, always, so
//    the time taken does not tell which tenant or key came close).
// 2. Signed request: `X-LF-Tenant`, `X-LF-Timestamp` (unix seconds, within
//    ±300 s of the server's clock) and `X-LF-Signature`, the hex HMAC-SHA256
//    under the tenant's hmac_secret of
//      timestamp "\n" METHOD "\n" path "\n" hex(SHA-256(body)).
//    A signature accepted once is refused for the rest of its window.
//
// An `Authorization` header selects the first way even when X-LF-* headers
// are present. Every failure is the same answer (nullptr): the caller
// answers 401 without saying which check failed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "server/replay_cache.hpp"
#include "server/tenants.hpp"

namespace lf::server {

// ±300 s: how far a signed request's timestamp may be from the server's clock.
inline constexpr std::int64_t kSignatureWindowSeconds = 300;

// The credential headers of a request, absent ones empty.
struct Credentials {
  std::optional<std::string_view> authorization;
  std::optional<std::string_view> tenant;
  std::optional<std::string_view> timestamp;
  std::optional<std::string_view> signature;

  bool signed_request() const noexcept { return !authorization && signature.has_value(); }
};

// The text a signed request's HMAC covers.
std::string signing_message(std::string_view timestamp, std::string_view method,
                            std::string_view path, std::string_view body);

class Authenticator {
 public:
  explicit Authenticator(const TenantDirectory& tenants) : tenants_(tenants) {}

  // The tenant the credentials prove, or nullptr. `path` is the request path
  // as sent (no query string), `now` the server's clock in unix seconds.
  const Tenant* authenticate(const Credentials& credentials, std::string_view method,
                             std::string_view path, std::string_view body, std::int64_t now);

  // A signed request whose body is over the limit cannot be verified: true
  // when what its headers alone say passes (a tenant that signs, a fresh
  // timestamp), so it is answered 413 rather than 401 (docs/HTTP.md).
  bool signed_headers_pass(const Credentials& credentials, std::int64_t now) const;

 private:
  const Tenant* by_api_key(std::string_view authorization) const;
  const Tenant* by_signature(const Credentials& credentials, std::string_view method,
                             std::string_view path, std::string_view body, std::int64_t now);
  const Tenant* signing_tenant(const Credentials& credentials, std::int64_t now,
                               std::int64_t& timestamp) const;

  const TenantDirectory& tenants_;
  ReplayCache replays_;
};

}  // namespace lf::server
