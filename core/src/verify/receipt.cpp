#include "lf/verify/receipt.hpp"

#include <nlohmann/json.hpp>

#include "jcs_json.hpp"
#include "lf/verify/encoding.hpp"

namespace lf::verify {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kDigestPrefix = "sha256:";

Error schema(std::string message) {
  return make_error(ErrorCode::schema_error, std::move(message));
}

bool valid_digest(std::string_view digest) {
  if (digest.substr(0, kDigestPrefix.size()) != kDigestPrefix) return false;
  const std::string_view hex = digest.substr(kDigestPrefix.size());
  return hex.size() == 64 && from_hex(hex, "digest").ok();
}

const Json* string_member(const Json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? &*it : nullptr;
}

}  // namespace

Result<std::string> input_digest(std::string_view input_json) {
  const Json input = Json::parse(input_json.begin(), input_json.end(), nullptr, false);
  if (input.is_discarded()) return make_error(ErrorCode::json_parse_error, "input is not JSON");
  return std::string(kDigestPrefix) + to_hex(sha256(detail::canonical_json(input)));
}

Result<std::string> sign_receipt(const ReceiptContent& content, const Ed25519KeyPair& key) {
  Json subject =
      Json::parse(content.subject_json.begin(), content.subject_json.end(), nullptr, false);
  if (subject.is_discarded()) {
    return make_error(ErrorCode::json_parse_error, "the receipt subject is not JSON");
  }
  if (content.algorithm_name.empty() || content.algorithm_version.empty()) {
    return make_error(ErrorCode::invalid_argument, "the algorithm name and version are required");
  }
  if (!valid_digest(content.input_digest)) {
    return make_error(ErrorCode::invalid_argument, "input_digest must be \"sha256:<64 hex>\"");
  }
  Json receipt = {
      {"algorithm", {{"name", content.algorithm_name}, {"version", content.algorithm_version}}},
      {"format", kReceiptFormat},
      {"input_digest", content.input_digest},
      {"subject", std::move(subject)}};
  if (content.issued_at) receipt["issued_at"] = *content.issued_at;
  const std::string signed_bytes = detail::canonical_json(receipt);
  const Json signature = {{"algorithm", "Ed25519"},
                          {"canonicalization", "RFC8785"},
                          {"public_key", to_base64(key.public_key)},
                          {"value", to_base64(ed25519_sign(key, signed_bytes))}};
  return detail::canonical_json(Json{{"receipt", receipt}, {"signature", signature}});
}

Result<ReceiptCheck> verify_receipt(std::string_view receipt_json,
                                    const std::optional<Ed25519PublicKey>& pinned_key) {
  const Json root = Json::parse(receipt_json.begin(), receipt_json.end(), nullptr, false);
  if (root.is_discarded()) return make_error(ErrorCode::json_parse_error, "receipt is not JSON");
  if (!root.is_object() || !root.contains("receipt") || !root.contains("signature") ||
      root.size() != 2) {
    return schema("a receipt is an object of exactly \"receipt\" and \"signature\"");
  }
  const Json& receipt = root["receipt"];
  const Json& signature = root["signature"];
  if (!receipt.is_object() || !signature.is_object()) {
    return schema("receipt.receipt and receipt.signature must be objects");
  }
  const Json* format = string_member(receipt, "format");
  if (format == nullptr || *format != kReceiptFormat) {
    return schema("receipt.format must be \"" + std::string(kReceiptFormat) + "\"");
  }
  const Json* algorithm = string_member(signature, "algorithm");
  const Json* key_text = string_member(signature, "public_key");
  const Json* value_text = string_member(signature, "value");
  if (algorithm == nullptr || *algorithm != "Ed25519" || key_text == nullptr ||
      value_text == nullptr) {
    return schema("signature must name algorithm \"Ed25519\", public_key and value");
  }
  auto key = fixed_from_base64<32>(key_text->get<std::string>(), "signature.public_key");
  if (!key) return schema(key.error().message);

  ReceiptCheck check;
  check.public_key = key_text->get<std::string>();
  check.key_pinned = pinned_key.has_value();
  check.signed_bytes = detail::canonical_json(receipt);
  auto value = fixed_from_base64<64>(value_text->get<std::string>(), "signature.value");
  if (!value || !ed25519_verify(*key, check.signed_bytes, *value)) {
    check.reason = "signature_invalid";
  } else if (pinned_key && *pinned_key != *key) {
    check.reason = "key_mismatch";
  } else {
    check.valid = true;
    check.reason = "ok";
  }
  return check;
}

}  // namespace lf::verify
