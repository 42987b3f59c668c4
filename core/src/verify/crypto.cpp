#include "lf/verify/crypto.hpp"

#include <sodium.h>

#include <cstring>

namespace lf::verify {
namespace {

// An empty span (an empty vector's, say) may carry a null pointer, which
// libsodium's non-null prototypes forbid whatever the length.
const std::uint8_t* non_null(std::span<const std::uint8_t> bytes) {
  static constexpr std::uint8_t kNoBytes = 0;
  return bytes.empty() ? &kNoBytes : bytes.data();
}

}  // namespace

Sha256Digest sha256(std::span<const std::uint8_t> data) {
  Sha256Digest digest;
  crypto_hash_sha256(digest.data(), non_null(data), data.size());
  return digest;
}

Sha256Digest sha256(std::string_view data) {
  return sha256(as_bytes(data));
}

HmacSha256Tag hmac_sha256(std::string_view key, std::string_view message) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, as_bytes(key).data(), key.size());
  crypto_auth_hmacsha256_update(&state, as_bytes(message).data(), message.size());
  HmacSha256Tag tag;
  crypto_auth_hmacsha256_final(&state, tag.data());
  return tag;
}

static_assert(sizeof(crypto_auth_hmacsha256_state) <= 208 &&
              alignof(crypto_auth_hmacsha256_state) <= 16);

HmacSha256Key::HmacSha256Key(std::string_view key) {
  auto* state = reinterpret_cast<crypto_auth_hmacsha256_state*>(state_.data());
  crypto_auth_hmacsha256_init(state, as_bytes(key).data(), key.size());
}

HmacSha256Tag HmacSha256Key::tag(std::string_view message) const {
  crypto_auth_hmacsha256_state state;
  std::memcpy(&state, state_.data(), sizeof state);
  crypto_auth_hmacsha256_update(&state, as_bytes(message).data(), message.size());
  HmacSha256Tag tag;
  crypto_auth_hmacsha256_final(&state, tag.data());
  return tag;
}

Ed25519KeyPair ed25519_keypair_from_seed(const Ed25519Seed& seed) {
  Ed25519KeyPair pair;
  crypto_sign_ed25519_seed_keypair(pair.public_key.data(), pair.secret_key.data(), seed.data());
  return pair;
}

Ed25519Signature ed25519_sign(const Ed25519KeyPair& key, std::span<const std::uint8_t> message) {
  Ed25519Signature signature;
  crypto_sign_ed25519_detached(signature.data(), nullptr, non_null(message), message.size(),
                               key.secret_key.data());
  return signature;
}

Ed25519Signature ed25519_sign(const Ed25519KeyPair& key, std::string_view message) {
  return ed25519_sign(key, as_bytes(message));
}

bool ed25519_verify(const Ed25519PublicKey& key, std::span<const std::uint8_t> message,
                    const Ed25519Signature& signature) {
  return crypto_sign_ed25519_verify_detached(signature.data(), non_null(message), message.size(),
                                             key.data()) == 0;
}

bool ed25519_verify(const Ed25519PublicKey& key, std::string_view message,
                    const Ed25519Signature& signature) {
  return ed25519_verify(key, as_bytes(message), signature);
}

bool constant_time_equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace lf::verify
