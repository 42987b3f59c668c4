#include "lf/verify/key_registry.hpp"

namespace lf::verify {

void KeyRegistry::set(std::string tenant, VerificationKey key) {
  keys_.insert_or_assign(std::move(tenant), std::move(key));
}

Result<const VerificationKey*> KeyRegistry::find(std::string_view tenant) const {
  const auto it = keys_.find(tenant);
  if (it == keys_.end()) {
    return make_error(ErrorCode::unknown_tenant,
                      "no verification key for tenant '" + std::string(tenant) + "'");
  }
  return &it->second;
}

}  // namespace lf::verify
