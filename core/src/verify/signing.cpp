#include "lf/verify/signing.hpp"

#include <cmath>

#include "json_strings.hpp"
#include "lf/verify/encoding.hpp"
#include "lf/verify/float_format.hpp"
#include "lf/verify/rounding.hpp"

namespace lf::verify {
namespace {

constexpr int kSignedDecimals = 9;

Error bad_signature(std::string message) {
  return make_error(ErrorCode::signature_invalid, std::move(message));
}

}  // namespace

std::string_view to_string(SignatureAlgorithm algorithm) noexcept {
  switch (algorithm) {
    case SignatureAlgorithm::hmac_sha256: return "hmac-sha256";
    case SignatureAlgorithm::ed25519: return "ed25519";
    case SignatureAlgorithm::none: return "none";
  }
  return "none";
}

VerificationKey VerificationKey::hmac(std::string_view secret) {
  VerificationKey key;
  key.algorithm = SignatureAlgorithm::hmac_sha256;
  key.hmac_key = HmacSha256Key(secret);
  return key;
}

VerificationKey VerificationKey::ed25519(const Ed25519PublicKey& public_key) {
  VerificationKey key;
  key.algorithm = SignatureAlgorithm::ed25519;
  key.public_key = public_key;
  return key;
}

SigningKey SigningKey::hmac(std::string_view secret) {
  SigningKey key;
  key.algorithm = SignatureAlgorithm::hmac_sha256;
  key.hmac_key = HmacSha256Key(secret);
  return key;
}

SigningKey SigningKey::ed25519(const Ed25519Seed& seed) {
  SigningKey key;
  key.algorithm = SignatureAlgorithm::ed25519;
  key.ed25519_pair = ed25519_keypair_from_seed(seed);
  return key;
}

VerificationKey SigningKey::verification_key() const {
  if (algorithm == SignatureAlgorithm::ed25519) {
    return VerificationKey::ed25519(ed25519_pair.public_key);
  }
  VerificationKey key;
  key.algorithm = SignatureAlgorithm::hmac_sha256;
  key.hmac_key = hmac_key;
  return key;
}

Result<std::string> signature_payload(const Pcs& pcs) {
  for (const double value : {pcs.d_hat, pcs.budget, pcs.coh_star, pcs.r}) {
    if (!std::isfinite(value)) {
      return make_error(ErrorCode::invalid_argument, "a signed PCS number is not finite");
    }
  }
  if (!detail::valid_utf8(pcs.shard_id) || !detail::valid_utf8(pcs.pcs_id) ||
      !detail::valid_utf8(pcs.merkle_root)) {
    return make_error(ErrorCode::invalid_argument, "a signed PCS string is not valid UTF-8");
  }
  const auto number = [](double value) {
    return python_repr(round_half_up_repr(value, kSignedDecimals));
  };
  std::string out;
  out.reserve(320);
  out += "{\"D_hat\":" + number(pcs.d_hat);
  out += ",\"budget\":" + number(pcs.budget);
  out += ",\"coh_star\":" + number(pcs.coh_star);
  out += ",\"epoch\":" + std::to_string(pcs.epoch);
  out += ",\"merkle_root\":";
  detail::append_python_json_string(out, pcs.merkle_root);
  out += ",\"pcs_id\":";
  detail::append_python_json_string(out, pcs.pcs_id);
  out += ",\"r\":" + number(pcs.r);
  out += ",\"shard_id\":";
  detail::append_python_json_string(out, pcs.shard_id);
  out += '}';
  return out;
}

std::string sign_payload(const SigningKey& key, std::string_view payload) {
  if (key.algorithm == SignatureAlgorithm::ed25519) {
    const Sha256Digest digest = sha256(payload);
    return to_base64(ed25519_sign(key.ed25519_pair, digest));
  }
  return to_base64(key.hmac_key.tag(payload));
}

Status verify_payload(const VerificationKey& key, std::string_view payload,
                      std::string_view signature_b64) {
  if (key.algorithm == SignatureAlgorithm::none) return {};
  if (signature_b64.empty()) return bad_signature("the PCS is not signed (sig is empty)");
  auto signature = from_base64(signature_b64, "sig");
  if (!signature) return bad_signature("sig is not valid base64");
  if (key.algorithm == SignatureAlgorithm::hmac_sha256) {
    const HmacSha256Tag expected = key.hmac_key.tag(payload);
    if (!constant_time_equal(expected, *signature)) {
      return bad_signature("the HMAC-SHA256 signature does not match");
    }
    return {};
  }
  auto fixed = fixed_bytes<64>(*signature, "sig");
  if (!fixed) return bad_signature("an Ed25519 signature must be 64 bytes");
  if (!ed25519_verify(key.public_key, sha256(payload), *fixed)) {
    return bad_signature("the Ed25519 signature does not verify");
  }
  return {};
}

Status sign_pcs(Pcs& pcs, const SigningKey& key) {
  auto payload = signature_payload(pcs);
  if (!payload) return std::move(payload).error();
  pcs.sig = sign_payload(key, *payload);
  return {};
}

Status verify_pcs_signature(const Pcs& pcs, const VerificationKey& key) {
  auto payload = signature_payload(pcs);
  if (!payload) return bad_signature(payload.error().message);
  return verify_payload(key, *payload, pcs.sig);
}

}  // namespace lf::verify
