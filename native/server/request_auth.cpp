#include "server/request_auth.hpp"

#include <algorithm>
#include <charconv>

#include "lf/verify/encoding.hpp"
#include "server/header_text.hpp"

namespace lf::server {
namespace {

// "Bearer <key>" -> the key; the scheme is case-insensitive (RFC 9110 §11.1).
std::optional<std::string_view> bearer_key(std::string_view header) {
  constexpr std::string_view kScheme = "Bearer";
  if (header.size() <= kScheme.size() ||
      !equals_ignoring_case(header.substr(0, kScheme.size()), kScheme)) {
    return std::nullopt;
  }
  std::string_view rest = header.substr(kScheme.size());
  if (rest.front() != ' ') return std::nullopt;
  rest.remove_prefix(std::min(rest.find_first_not_of(' '), rest.size()));
  while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
  if (rest.empty()) return std::nullopt;
  return rest;
}

// Unix seconds: 1 to 12 decimal digits, nothing else.
std::optional<std::int64_t> unix_seconds(std::string_view text) {
  if (text.empty() || text.size() > 12) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::string signing_message(std::string_view timestamp, std::string_view method,
                            std::string_view path, std::string_view body) {
  std::string message;
  message.reserve(timestamp.size() + method.size() + path.size() + 67);
  message.append(timestamp).append("\n").append(method).append("\n").append(path).append("\n");
  message.append(verify::to_hex(verify::sha256(body)));
  return message;
}

const Tenant* Authenticator::authenticate(const Credentials& credentials, std::string_view method,
                                          std::string_view path, std::string_view body,
                                          std::int64_t now) {
  if (tenants_.open()) return tenants_.find(kPublicTenant);
  if (credentials.authorization) return by_api_key(*credentials.authorization);
  if (credentials.signed_request()) return by_signature(credentials, method, path, body, now);
  return nullptr;
}

bool Authenticator::signed_headers_pass(const Credentials& credentials, std::int64_t now) const {
  if (tenants_.open()) return true;
  std::int64_t timestamp = 0;
  return credentials.signed_request() && signing_tenant(credentials, now, timestamp) != nullptr;
}

const Tenant* Authenticator::by_api_key(std::string_view authorization) const {
  const auto key = bearer_key(authorization);
  if (!key) return nullptr;
  const auto digest = verify::sha256(*key);
  const Tenant* match = nullptr;
  for (const auto& tenant : tenants_.tenants()) {
    for (const auto& known : tenant.api_key_digests) {
      if (verify::constant_time_equal(digest, known)) match = &tenant;
    }
  }
  return match;
}

const Tenant* Authenticator::signing_tenant(const Credentials& credentials, std::int64_t now,
                                            std::int64_t& timestamp) const {
  if (!credentials.tenant || !credentials.timestamp || !credentials.signature) return nullptr;
  const auto seconds = unix_seconds(*credentials.timestamp);
  if (!seconds || *seconds < now - kSignatureWindowSeconds ||
      *seconds > now + kSignatureWindowSeconds) {
    return nullptr;
  }
  const Tenant* tenant = tenants_.find(*credentials.tenant);
  if (tenant == nullptr || !tenant->request_key) return nullptr;
  timestamp = *seconds;
  return tenant;
}

const Tenant* Authenticator::by_signature(const Credentials& credentials, std::string_view method,
                                          std::string_view path, std::string_view body,
                                          std::int64_t now) {
  std::int64_t timestamp = 0;
  const Tenant* tenant = signing_tenant(credentials, now, timestamp);
  if (tenant == nullptr) return nullptr;
  const std::string signature = lower(*credentials.signature);
  const auto given = verify::from_hex(signature, "X-LF-Signature");
  if (!given) return nullptr;
  const auto expected =
      tenant->request_key->tag(signing_message(*credentials.timestamp, method, path, body));
  if (!verify::constant_time_equal(*given, expected)) return nullptr;
  // Only a signature that verifies is remembered, so forged ones cannot
  // fill the cache or lock a tenant out.
  if (!replays_.remember(tenant->name + "\n" + signature, timestamp + kSignatureWindowSeconds,
                         now)) {
    return nullptr;
  }
  return tenant;
}

}  // namespace lf::server
