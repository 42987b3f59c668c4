// The Verification panel's logic, without drawing: what kind of document was
// pasted or dropped, the pcs/verify and receipt/verify requests, and how to
// read their answers (docs/VERIFY.md: the status contract, strict and compat
// modes). Checked by tests/ui/panels_verify_test.cpp with the Fractal LBA
// golden record and a tampered copy.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "ui/panels/route_call.hpp"

namespace lf::ui::verify {

enum class DocumentKind {
  pcs,       // a PCS record: has pcs_id, schema or merkle_root
  receipt,   // a signed receipt: {"receipt", "signature"}
  unknown,   // a JSON object that is neither (pcs/verify explains what is missing)
  not_json,  // not a JSON object at all
};
std::string_view to_string(DocumentKind kind) noexcept;
DocumentKind classify(std::string_view text);

// How the PCS signature is checked (docs/VERIFY.md, "Key handling").
enum class KeyAlgorithm { not_checked, hmac_sha256, ed25519, none };
struct KeyForm {
  KeyAlgorithm algorithm = KeyAlgorithm::not_checked;
  std::string secret;      // hmac-sha256
  std::string public_key;  // ed25519, base64 of 32 bytes
};

// The record goes as its text, so the core checks exactly the bytes received.
nlohmann::json pcs_verify_request(std::string_view text, const KeyForm& key, bool compat);
// An empty `pinned_key` verifies against the key the receipt carries.
nlohmann::json receipt_verify_request(std::string_view text, std::string_view pinned_key);

enum class Outcome {
  accepted,           // 200
  escalated,          // 202: accepted, but its regime or budget is inconsistent
  rejected,           // 422 (compat: 202 with accepted false)
  signature_invalid,  // 401
  malformed,          // 400: not JSON, not a PCS record (the error says why)
};
std::string_view to_string(Outcome outcome) noexcept;

struct PcsVerdict {
  Outcome outcome = Outcome::malformed;
  int status = 0;
  std::string reason;     // ok, budget_deviation, signature_invalid, ... or the error code
  std::string detail;     // the server's wording, or the error message
  std::string signature;  // valid, invalid, not_checked; empty in compat mode
  std::string pcs_id;
  std::optional<double> recomputed_d_hat;
  std::optional<double> recomputed_budget;
};
PcsVerdict read_pcs_verdict(const RouteReply& reply);

// The Fractal LBA golden record with its budget changed after signing, the
// tampering the signature exists to catch: 401 with the key, and without
// it 202 (the recomputed budget deviates).
std::string tampered_pcs_text();

}  // namespace lf::ui::verify
