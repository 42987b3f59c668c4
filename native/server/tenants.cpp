#include "server/tenants.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "lf/verify/encoding.hpp"

namespace lf::server {
namespace {

using Json = nlohmann::json;

Error invalid(const std::string& path, const std::string& what) {
  return make_error(ErrorCode::invalid_argument, "tenants: " + path + " " + what);
}

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

Status only_keys(const Json& object, const std::string& path,
                 std::initializer_list<std::string_view> allowed) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) {
      return invalid(path, "has an unknown member '" + it.key() + "'");
    }
  }
  return {};
}

// A string member; the message names the path, never the value (a secret).
Result<std::string> secret_text(const Json& value, const std::string& path) {
  if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
    return invalid(path, "must be a non-empty string");
  }
  return value.get<std::string>();
}

Result<verify::VerificationKey> pcs_key(const Json& node, const std::string& path) {
  if (!node.is_object()) return invalid(path, "must be an object");
  const auto algorithm = node.find("algorithm");
  if (algorithm == node.end() || !algorithm->is_string()) {
    return invalid(path + ".algorithm", "must be \"hmac-sha256\", \"ed25519\" or \"none\"");
  }
  const auto& name = algorithm->get_ref<const std::string&>();
  if (name == "hmac-sha256") {
    if (auto s = only_keys(node, path, {"algorithm", "secret"}); !s) return std::move(s).error();
    const auto secret = node.find("secret");
    if (secret == node.end()) return invalid(path + ".secret", "is required");
    auto text = secret_text(*secret, path + ".secret");
    if (!text) return std::move(text).error();
    return verify::VerificationKey::hmac(*text);
  }
  if (name == "ed25519") {
    if (auto s = only_keys(node, path, {"algorithm", "public_key"}); !s) {
      return std::move(s).error();
    }
    const auto key = node.find("public_key");
    if (key == node.end() || !key->is_string()) {
      return invalid(path + ".public_key", "must be the base64 of 32 bytes");
    }
    auto bytes = verify::fixed_from_base64<32>(key->get_ref<const std::string&>(),
                                               "tenants: " + path + ".public_key");
    if (!bytes) return invalid(path + ".public_key", "must be the base64 of 32 bytes");
    return verify::VerificationKey::ed25519(*bytes);
  }
  if (name == "none") {
    if (auto s = only_keys(node, path, {"algorithm"}); !s) return std::move(s).error();
    return verify::VerificationKey{};
  }
  return invalid(path + ".algorithm", "must be \"hmac-sha256\", \"ed25519\" or \"none\"");
}

Result<RateLimit> rate_limit(const Json& node, const std::string& path) {
  if (!node.is_object()) return invalid(path, "must be an object");
  if (auto s = only_keys(node, path, {"requests_per_second", "burst"}); !s) {
    return std::move(s).error();
  }
  RateLimit limit;
  const auto read = [&](const char* key, double& out, double low) -> Status {
    const auto value = node.find(key);
    if (value == node.end()) return {};
    if (!value->is_number() || !std::isfinite(value->get<double>()) || value->get<double>() < low ||
        value->get<double>() > 1e9) {
      return invalid(path + "." + key, "must be a number in [" + Json(low).dump() + ", 1e9]");
    }
    out = value->get<double>();
    return {};
  };
  if (auto s = read("requests_per_second", limit.requests_per_second, 0.001); !s) {
    return std::move(s).error();
  }
  if (auto s = read("burst", limit.burst, 1); !s) return std::move(s).error();
  return limit;
}

Result<Tenant> tenant(const std::string& name, const Json& node) {
  const std::string path = "tenants." + name;
  if (!valid_name(name)) {
    return invalid(path, "is not a valid tenant name (1-64 characters of A-Z a-z 0-9 . _ -)");
  }
  if (!node.is_object()) return invalid(path, "must be an object");
  if (auto s = only_keys(node, path, {"api_keys", "hmac_secret", "pcs_key", "rate_limit"}); !s) {
    return std::move(s).error();
  }
  Tenant out;
  out.name = name;
  out.rate_limit = RateLimit{};
  if (const auto keys = node.find("api_keys"); keys != node.end()) {
    if (!keys->is_array()) return invalid(path + ".api_keys", "must be an array of strings");
    for (std::size_t i = 0; i < keys->size(); ++i) {
      auto key = secret_text((*keys)[i], path + ".api_keys[" + std::to_string(i) + "]");
      if (!key) return std::move(key).error();
      out.api_key_digests.push_back(verify::sha256(*key));
    }
  }
  if (const auto secret = node.find("hmac_secret"); secret != node.end()) {
    auto text = secret_text(*secret, path + ".hmac_secret");
    if (!text) return std::move(text).error();
    out.request_key.emplace(*text);
  }
  if (out.api_key_digests.empty() && !out.request_key) {
    return invalid(path, "needs at least one of api_keys, hmac_secret");
  }
  if (const auto key = node.find("pcs_key"); key != node.end()) {
    auto decoded = pcs_key(*key, path + ".pcs_key");
    if (!decoded) return std::move(decoded).error();
    out.pcs_key = std::move(*decoded);
  }
  if (const auto limit = node.find("rate_limit"); limit != node.end()) {
    auto decoded = rate_limit(*limit, path + ".rate_limit");
    if (!decoded) return std::move(decoded).error();
    out.rate_limit = *decoded;
  }
  return out;
}

}  // namespace

Result<TenantDirectory> TenantDirectory::parse(std::string_view json_text) {
  const Json document = Json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    return make_error(ErrorCode::json_parse_error, "tenants: the configuration is not JSON");
  }
  if (!document.is_object()) return invalid("the document", "must be an object");
  if (auto s = only_keys(document, "the document", {"tenants"}); !s) return std::move(s).error();
  const auto tenants = document.find("tenants");
  if (tenants == document.end() || !tenants->is_object() || tenants->empty()) {
    return invalid("tenants", "must be an object with at least one tenant");
  }
  TenantDirectory directory;
  // nlohmann's objects iterate in key order, so the list comes out sorted.
  for (auto it = tenants->begin(); it != tenants->end(); ++it) {
    auto parsed = tenant(it.key(), it.value());
    if (!parsed) return std::move(parsed).error();
    directory.tenants_.push_back(std::move(*parsed));
  }
  return directory;
}

TenantDirectory TenantDirectory::open_access() {
  TenantDirectory directory;
  directory.open_ = true;
  directory.tenants_.push_back(Tenant{std::string(kPublicTenant), {}, {}, {}, std::nullopt});
  return directory;
}

const Tenant* TenantDirectory::find(std::string_view name) const noexcept {
  const auto it = std::lower_bound(tenants_.begin(), tenants_.end(), name,
                                   [](const Tenant& t, std::string_view n) { return t.name < n; });
  return it != tenants_.end() && it->name == name ? &*it : nullptr;
}

}  // namespace lf::server
