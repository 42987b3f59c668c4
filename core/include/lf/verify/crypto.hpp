// Named wrappers over libsodium: SHA-256, HMAC-SHA256, Ed25519 and a
// constant-time comparison. No cryptography is implemented here; these only
// give libsodium's C calls typed, fixed-size arguments.
//
// sodium_init() is deliberately never called: it seeds libsodium's random
// generator, which under Emscripten runs JavaScript that needs `self` or
// `require` (neither exists in an ES module under Node), and none of the
// primitives below draws randomness or has a runtime-dispatched
// implementation, so they are ready without it on every target.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace lf::verify {

using Sha256Digest = std::array<std::uint8_t, 32>;
using HmacSha256Tag = std::array<std::uint8_t, 32>;
using Ed25519Seed = std::array<std::uint8_t, 32>;
using Ed25519PublicKey = std::array<std::uint8_t, 32>;
using Ed25519SecretKey = std::array<std::uint8_t, 64>;  // libsodium's seed || public key
using Ed25519Signature = std::array<std::uint8_t, 64>;

struct Ed25519KeyPair {
  Ed25519PublicKey public_key;
  Ed25519SecretKey secret_key;
};

Sha256Digest sha256(std::string_view data);
Sha256Digest sha256(std::span<const std::uint8_t> data);

// Keys of any length (RFC 2104: longer than the block are hashed first).
HmacSha256Tag hmac_sha256(std::string_view key, std::string_view message);

// An HMAC-SHA256 key with its key schedule done once: libsodium's state after
// init (inner and outer pads hashed) is kept and copied for every message,
// saving two of the SHA-256 compressions each tag costs.
class HmacSha256Key {
 public:
  HmacSha256Key() : HmacSha256Key(std::string_view{}) {}
  explicit HmacSha256Key(std::string_view key);
  HmacSha256Tag tag(std::string_view message) const;

 private:
  // crypto_auth_hmacsha256_state, opaque here (sizes checked in crypto.cpp).
  alignas(16) std::array<std::uint8_t, 208> state_{};
};

// RFC 8032 key generation from a 32-byte seed (deterministic).
Ed25519KeyPair ed25519_keypair_from_seed(const Ed25519Seed& seed);
Ed25519Signature ed25519_sign(const Ed25519KeyPair& key, std::span<const std::uint8_t> message);
Ed25519Signature ed25519_sign(const Ed25519KeyPair& key, std::string_view message);
bool ed25519_verify(const Ed25519PublicKey& key, std::span<const std::uint8_t> message,
                    const Ed25519Signature& signature);
bool ed25519_verify(const Ed25519PublicKey& key, std::string_view message,
                    const Ed25519Signature& signature);

// Equal contents, in time independent of where they differ. Different
// lengths compare unequal at once (lengths are not secret).
bool constant_time_equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b);

// The bytes of a string, for the span overloads. Never a null pointer, even
// for an empty string: libsodium declares its pointer arguments non-null
// whatever the length, and UBSan holds it to that.
inline std::span<const std::uint8_t> as_bytes(std::string_view text) {
  static constexpr std::uint8_t kNoBytes = 0;
  if (text.empty()) return {&kNoBytes, std::size_t{0}};
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

}  // namespace lf::verify
