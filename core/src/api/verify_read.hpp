// Typed reading of the members the verify routes share: integers, keys,
// verification modes. Keys travel as JSON objects:
//   signing:      {"algorithm": "hmac-sha256", "secret": string}
//                 {"algorithm": "ed25519", "seed": base64 of 32 bytes}
//   verification: {"algorithm": "hmac-sha256", "secret": string}
//                 {"algorithm": "ed25519", "public_key": base64 of 32 bytes}
//                 {"algorithm": "none"}  (signature not checked)
#pragma once

#include <cstdint>

#include "json_read.hpp"
#include "lf/verify/checks.hpp"
#include "lf/verify/signing.hpp"

namespace lf::api::verify_read {

using json_read::Json;

// A JSON integer (not 1.0) within [min, max].
Result<std::int64_t> integer(const Json& value, std::string_view path, std::int64_t min,
                             std::int64_t max);

Result<verify::SigningKey> signing_key(const Json& value, std::string_view path);
Result<verify::VerificationKey> verification_key(const Json& value, std::string_view path);
Result<verify::Ed25519PublicKey> public_key(const Json& value, std::string_view path);
Result<verify::Ed25519Seed> seed(const Json& value, std::string_view path);

// "strict" (default when absent) or "compat".
Result<verify::VerifyMode> mode(const Json& request);

// A JSON document given either as an object (re-serialised) or as its text
// (kept byte for byte).
Result<std::string> document_text(const Json& value, std::string_view path);

}  // namespace lf::api::verify_read
