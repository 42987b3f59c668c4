// Signed receipts for any result (a detector alert, a fusion result, a PCS
// verdict): who computed what, with which algorithm, from which input,
// verifiable anywhere from the same bytes.
//
//   {"receipt": {"algorithm": {"name": N, "version": V},
//                "format": "latticeforge-receipt/1",
//                "input_digest": "sha256:<hex>",
//                "issued_at": T,            (optional, the caller's clock)
//                "subject": <the result, any JSON>},
//    "signature": {"algorithm": "Ed25519", "canonicalization": "RFC8785",
//                  "public_key": <base64>, "value": <base64>}}
//
// value = Ed25519 over the RFC 8785 (JCS) bytes of the "receipt" member.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "lf/common/result.hpp"
#include "lf/verify/crypto.hpp"

namespace lf::verify {

inline constexpr std::string_view kReceiptFormat = "latticeforge-receipt/1";

struct ReceiptContent {
  std::string subject_json;       // any JSON value
  std::string algorithm_name;     // e.g. "variance_compression"
  std::string algorithm_version;  // e.g. "1.0.0"
  std::string input_digest;       // "sha256:<64 hex>" (input_digest())
  std::optional<std::string> issued_at;
};

// "sha256:" + hex(SHA-256(JCS(input_json))): the digest of a JSON input,
// independent of how the input was formatted.
Result<std::string> input_digest(std::string_view input_json);

// The receipt as canonical JSON text. json_parse_error for a subject that is
// not JSON; invalid_argument for an empty algorithm name or version or an
// input digest not of the "sha256:<64 hex>" form.
Result<std::string> sign_receipt(const ReceiptContent& content, const Ed25519KeyPair& key);

struct ReceiptCheck {
  bool valid = false;
  // ok, signature_invalid, key_mismatch (valid signature by another key than
  // the pinned one)
  std::string reason;
  std::string public_key;    // base64, as the receipt names it
  bool key_pinned = false;   // checked against a caller-supplied key
  std::string signed_bytes;  // the JCS bytes the signature covers
};

// json_parse_error / schema_error when the text is not a receipt.
Result<ReceiptCheck> verify_receipt(std::string_view receipt_json,
                                    const std::optional<Ed25519PublicKey>& pinned_key);

}  // namespace lf::verify
