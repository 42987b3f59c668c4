// POST receipt/sign, receipt/verify: signed receipts for any result
// (lf/verify/receipt.hpp, docs/VERIFY.md).
//
// receipt/sign    {"subject": any JSON, "algorithm": {"name", "version"},
//                  "input": any JSON | "input_digest": "sha256:<hex>",
//                  "issued_at"?: string, "seed": base64 Ed25519 seed}
//              -> the receipt {"receipt": {...}, "signature": {...}}
// receipt/verify  {"receipt": receipt | its JSON text, "public_key"?: base64}
//              -> {"valid", "reason", "public_key", "key_pinned"}: 200 when
//                 valid, 401 when the signature fails or the key is not the
//                 pinned one
#include "lf/verify/crypto.hpp"
#include "lf/verify/receipt.hpp"
#include "routes.hpp"
#include "verify_read.hpp"

namespace lf::api::routes {
namespace {

using namespace json_read;

Result<std::string> algorithm_field(const Json& algorithm, std::string_view key) {
  auto node = require(algorithm, key, "algorithm");
  if (!node) return std::move(node).error();
  return string(**node, "algorithm." + std::string(key));
}

Result<verify::ReceiptContent> decode_content(const Json& request) {
  verify::ReceiptContent content;
  auto subject = require(request, "subject", "request");
  if (!subject) return std::move(subject).error();
  content.subject_json = dump(**subject);
  auto algorithm = require(request, "algorithm", "request");
  if (!algorithm) return std::move(algorithm).error();
  if (auto s = expect_object(**algorithm, "algorithm"); !s) return std::move(s).error();
  if (auto s = only_keys(**algorithm, "algorithm", {"name", "version"}); !s) {
    return std::move(s).error();
  }
  auto name = algorithm_field(**algorithm, "name");
  if (!name) return std::move(name).error();
  auto version = algorithm_field(**algorithm, "version");
  if (!version) return std::move(version).error();
  content.algorithm_name = std::move(*name);
  content.algorithm_version = std::move(*version);

  const Json* input = find(request, "input");
  const Json* digest = find(request, "input_digest");
  if ((input == nullptr) == (digest == nullptr)) {
    return make_error(ErrorCode::schema_error, "give exactly one of input and input_digest");
  }
  if (input != nullptr) {
    auto computed = verify::input_digest(dump(*input));
    if (!computed) return std::move(computed).error();
    content.input_digest = std::move(*computed);
  } else {
    auto text = string(*digest, "input_digest");
    if (!text) return std::move(text).error();
    content.input_digest = std::move(*text);
  }
  if (const Json* issued = find(request, "issued_at")) {
    auto text = string(*issued, "issued_at");
    if (!text) return std::move(text).error();
    content.issued_at = std::move(*text);
  }
  return content;
}

}  // namespace

Result<Json> receipt_sign(const Json& request) {
  if (auto s = only_keys(request, "request",
                         {"subject", "algorithm", "input", "input_digest", "issued_at", "seed"});
      !s) {
    return std::move(s).error();
  }
  auto content = decode_content(request);
  if (!content) return std::move(content).error();
  auto seed_node = require(request, "seed", "request");
  if (!seed_node) return std::move(seed_node).error();
  auto seed = verify_read::seed(**seed_node, "seed");
  if (!seed) return std::move(seed).error();
  auto receipt = verify::sign_receipt(*content, verify::ed25519_keypair_from_seed(*seed));
  if (!receipt) return std::move(receipt).error();
  return parse(*receipt);
}

Response receipt_verify(const Json& request) {
  const auto failure = [](const Error& error) {
    return Response{http_status(error.code), error_body(error)};
  };
  if (auto s = only_keys(request, "request", {"receipt", "public_key"}); !s) {
    return failure(s.error());
  }
  auto node = require(request, "receipt", "request");
  if (!node) return failure(node.error());
  auto text = verify_read::document_text(**node, "receipt");
  if (!text) return failure(text.error());
  std::optional<verify::Ed25519PublicKey> pinned;
  if (const Json* key = find(request, "public_key")) {
    auto decoded = verify_read::public_key(*key, "public_key");
    if (!decoded) return failure(decoded.error());
    pinned = *decoded;
  }
  auto check = verify::verify_receipt(*text, pinned);
  if (!check) return failure(check.error());
  Json out;
  out["valid"] = check->valid;
  out["reason"] = check->reason;
  out["public_key"] = check->public_key;
  out["key_pinned"] = check->key_pinned;
  return {check->valid ? 200 : 401, dump(out)};
}

}  // namespace lf::api::routes
