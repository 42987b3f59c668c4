// The tenants a server answers for (docs/HTTP.md, "Tenants and auth"), read
// from one JSON document:
//
//   {"tenants": {"<name>": {"api_keys"?: [key...], "hmac_secret"?: secret,
//                           "pcs_key"?: verification key (docs/API.md),
//                           "rate_limit"?: {"requests_per_second", "burst"}}}}
//
// API keys are kept only as SHA-256 digests, so every key compares in the
// same time whatever its length, and the plain keys do not stay in memory.
// No message ever quotes a key or a secret.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/verify/crypto.hpp"
#include "lf/verify/signing.hpp"

namespace lf::server {

struct RateLimit {
  double requests_per_second = 50;
  double burst = 100;
};

struct Tenant {
  std::string name;
  std::vector<verify::Sha256Digest> api_key_digests;
  std::optional<verify::HmacSha256Key> request_key;  // hmac_secret: signed requests
  std::optional<verify::VerificationKey> pcs_key;    // POST /v1/pcs/submit
  std::optional<RateLimit> rate_limit;               // none: unlimited
};

class TenantDirectory {
 public:
  // invalid_argument (json_parse_error for text that is not JSON) naming the
  // member at fault.
  static Result<TenantDirectory> parse(std::string_view json_text);
  // --no-auth: one tenant, `public`, without credentials or rate limit.
  static TenantDirectory open_access();

  bool open() const noexcept { return open_; }
  const Tenant* find(std::string_view name) const noexcept;
  std::span<const Tenant> tenants() const noexcept { return tenants_; }

 private:
  std::vector<Tenant> tenants_;  // sorted by name
  bool open_ = false;
};

// The name of the one tenant of an open-access (--no-auth) server.
inline constexpr std::string_view kPublicTenant = "public";

}  // namespace lf::server
