// PCS signatures as the reference agent makes them: the signed payload is the
// JSON of exactly 8 fields (D_hat, budget, coh_star, epoch, merkle_root,
// pcs_id, r, shard_id: sorted keys, no whitespace, the four floats rounded
// half-up to 9 decimals and written as Python's repr), signed with
// HMAC-SHA256 over the payload or Ed25519 over SHA-256(payload), base64.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "lf/common/result.hpp"
#include "lf/verify/crypto.hpp"
#include "lf/verify/pcs.hpp"

namespace lf::verify {

enum class SignatureAlgorithm : std::uint8_t {
  hmac_sha256,
  ed25519,
  // No signature check (the reference server's PCS_SIGN_ALG=none); verdicts
  // say the signature was not checked.
  none,
};

std::string_view to_string(SignatureAlgorithm algorithm) noexcept;

// What a verifier holds: the shared secret, or the signer's public key.
struct VerificationKey {
  SignatureAlgorithm algorithm = SignatureAlgorithm::none;
  HmacSha256Key hmac_key;
  Ed25519PublicKey public_key{};

  static VerificationKey hmac(std::string_view secret);
  static VerificationKey ed25519(const Ed25519PublicKey& public_key);
};

// What a signer holds.
struct SigningKey {
  SignatureAlgorithm algorithm = SignatureAlgorithm::hmac_sha256;
  HmacSha256Key hmac_key;
  Ed25519KeyPair ed25519_pair{};

  static SigningKey hmac(std::string_view secret);
  static SigningKey ed25519(const Ed25519Seed& seed);
  VerificationKey verification_key() const;
};

// The exact bytes that are signed. invalid_argument when a signed float is
// not finite (JSON cannot carry it) or shard_id is not UTF-8.
Result<std::string> signature_payload(const Pcs& pcs);

// base64 signature of `payload`.
std::string sign_payload(const SigningKey& key, std::string_view payload);

// signature_invalid unless `signature_b64` is a valid signature of `payload`
// (always fine for SignatureAlgorithm::none).
Status verify_payload(const VerificationKey& key, std::string_view payload,
                      std::string_view signature_b64);

// Sets pcs.sig.
Status sign_pcs(Pcs& pcs, const SigningKey& key);
Status verify_pcs_signature(const Pcs& pcs, const VerificationKey& key);

}  // namespace lf::verify
