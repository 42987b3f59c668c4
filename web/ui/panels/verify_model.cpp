#include "ui/panels/verify_model.hpp"

#include "ui/panels/json_fields.hpp"
#include "ui/panels/verify_examples.hpp"

namespace lf::ui::verify {

std::string_view to_string(DocumentKind kind) noexcept {
  switch (kind) {
    case DocumentKind::pcs: return "PCS record";
    case DocumentKind::receipt: return "signed receipt";
    case DocumentKind::unknown: return "unrecognised JSON";
    case DocumentKind::not_json: return "not JSON";
  }
  return "";
}

DocumentKind classify(std::string_view text) {
  const nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded() || !document.is_object()) return DocumentKind::not_json;
  if (json_field(document, "receipt") != nullptr && json_field(document, "signature") != nullptr) {
    return DocumentKind::receipt;
  }
  for (const char* key : {"pcs_id", "schema", "merkle_root"}) {
    if (json_field(document, key) != nullptr) return DocumentKind::pcs;
  }
  return DocumentKind::unknown;
}

nlohmann::json pcs_verify_request(std::string_view text, const KeyForm& key, bool compat) {
  nlohmann::json request = {{"pcs", std::string(text)}, {"mode", compat ? "compat" : "strict"}};
  switch (key.algorithm) {
    case KeyAlgorithm::not_checked: break;
    case KeyAlgorithm::hmac_sha256:
      request["key"] = {{"algorithm", "hmac-sha256"}, {"secret", key.secret}};
      break;
    case KeyAlgorithm::ed25519:
      request["key"] = {{"algorithm", "ed25519"}, {"public_key", key.public_key}};
      break;
    case KeyAlgorithm::none: request["key"] = {{"algorithm", "none"}}; break;
  }
  return request;
}

nlohmann::json receipt_verify_request(std::string_view text, std::string_view pinned_key) {
  nlohmann::json request = {{"receipt", std::string(text)}};
  if (!pinned_key.empty()) request["public_key"] = std::string(pinned_key);
  return request;
}

std::string_view to_string(Outcome outcome) noexcept {
  switch (outcome) {
    case Outcome::accepted: return "accepted";
    case Outcome::escalated: return "escalated";
    case Outcome::rejected: return "rejected";
    case Outcome::signature_invalid: return "signature_invalid";
    case Outcome::malformed: return "malformed";
  }
  return "";
}

PcsVerdict read_pcs_verdict(const RouteReply& reply) {
  PcsVerdict out;
  out.status = reply.status;
  if (reply.failed()) {
    out.outcome = reply.status == 401 ? Outcome::signature_invalid : Outcome::malformed;
    out.reason = reply.error_code;
    out.detail = reply.error_message;
    return out;
  }
  if (!reply.body.is_object()) {
    // compat mode answers 400 and 401 in plain text, as the reference does.
    out.outcome = reply.status == 401 ? Outcome::signature_invalid : Outcome::malformed;
    out.reason = reply.status == 401 ? "signature_invalid" : "malformed";
    out.detail = reply.text;
    return out;
  }
  const nlohmann::json& body = reply.body;
  // compat mode leaves out members whose value is zero: false, "", 0.
  const bool accepted = json_bool(body, "accepted").value_or(false);
  const bool escalated = json_bool(body, "escalated").value_or(false);
  out.reason = json_string(body, "reason");
  out.detail = json_string(body, "detail");
  out.signature = json_string(body, "signature");
  out.pcs_id = json_string(body, "pcs_id");
  out.recomputed_d_hat = json_number(body, "recomputed_D_hat");
  out.recomputed_budget = json_number(body, "recomputed_budget");
  if (reply.status == 401 || out.signature == "invalid") {
    out.outcome = Outcome::signature_invalid;
  } else if (!accepted) {
    out.outcome = Outcome::rejected;
  } else {
    out.outcome = escalated ? Outcome::escalated : Outcome::accepted;
  }
  return out;
}

std::string tampered_pcs_text() {
  nlohmann::json record = nlohmann::json::parse(golden_pcs_text(), nullptr, false);
  if (!record.is_object()) return {};
  record["budget"] = 0.5;
  return json_text(record, 2);
}

}  // namespace lf::ui::verify
