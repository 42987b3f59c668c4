// Per-tenant verification keys: each tenant has its own algorithm and key,
// and a submission names its tenant. An unknown tenant is an error, never a
// fallback to some default key.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "lf/common/result.hpp"
#include "lf/verify/signing.hpp"

namespace lf::verify {

class KeyRegistry {
 public:
  // Adds or replaces the tenant's key.
  void set(std::string tenant, VerificationKey key);

  // unknown_tenant when the tenant has no key.
  Result<const VerificationKey*> find(std::string_view tenant) const;

 private:
  std::map<std::string, VerificationKey, std::less<>> keys_;
};

}  // namespace lf::verify
