#include "ui/panels/verify_panel.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui/panels/analysis_widgets.hpp"
#include "ui/panels/json_fields.hpp"
#include "ui/panels/verify_examples.hpp"

namespace lf::ui {
namespace {

constexpr const char* kKeyAlgorithms[] = {"no key: don't check", "hmac-sha256", "ed25519",
                                          "none (unsigned tenant)"};

struct OutcomeLook {
  const char* label;
  ImU32 colour;
  const char* meaning;
};

OutcomeLook look(verify::Outcome outcome) {
  switch (outcome) {
    case verify::Outcome::accepted:
      return {"ACCEPTED", kGoodColour, "Every check passed (status 200)."};
    case verify::Outcome::escalated:
      return {"ESCALATED", kCautionColour,
              "Accepted, but the claimed regime or budget does not match the one recomputed from "
              "the record: a human should look (status 202)."};
    case verify::Outcome::rejected:
      return {"REJECTED", kBadColour,
              "A check failed: the record's signals are inconsistent (strict: status 422; compat: "
              "202, escalated)."};
    case verify::Outcome::signature_invalid:
      return {"SIGNATURE INVALID", kBadColour,
              "The signature does not verify with this key, or is missing: the record was altered "
              "after signing or signed with another key (status 401)."};
    case verify::Outcome::malformed:
      return {"MALFORMED", kBadColour, "Not a PCS record the verifier can read (status 400)."};
  }
  return {"", kNeutralColour, ""};
}

}  // namespace

void VerifyPanel::open_document(std::string_view name, std::string_view text) {
  name_ = std::string(name);
  text_ = std::string(text);
  verify_now();
}

void VerifyPanel::verify_now() {
  dirty_ = false;
  kind_ = verify::classify(text_);
  document_ = nlohmann::json::parse(text_, nullptr, false);
  if (document_.is_discarded()) document_ = nullptr;
  if (text_.find_first_not_of(" \t\r\n") == std::string::npos) {
    reply_ = {};
    return;
  }
  if (kind_ == verify::DocumentKind::receipt) {
    reply_ = call_route("receipt/verify", verify::receipt_verify_request(text_, pinned_key_));
  } else {
    // Records, and anything else: pcs/verify names what is wrong with it.
    reply_ = call_route("pcs/verify", verify::pcs_verify_request(text_, key_, compat_));
  }
}

void VerifyPanel::draw(const Workspace&) {
  ImGui::PushID("verify");
  bool changed = false;
  ImGui::TextWrapped("Paste a PCS record or a signed receipt, or drop its file on the window.");
  if (ImGui::Button("Load example: golden PCS")) {
    key_ = {verify::KeyAlgorithm::hmac_sha256, std::string(verify::kGoldenSecret), {}};
    compat_ = false;
    open_document(verify::golden_pcs_name(), verify::golden_pcs_text());
  }
  explain_last_item(
      "The Fractal LBA reference agent's signed record for golden case 1 "
      "(tests/data/fractal-lba), with its HMAC key 'testsecret': accepted.");
  ImGui::SameLine();
  if (ImGui::Button("Load example: tampered PCS")) {
    key_ = {verify::KeyAlgorithm::hmac_sha256, std::string(verify::kGoldenSecret), {}};
    compat_ = false;
    open_document("tampered " + std::string(verify::golden_pcs_name()),
                  verify::tampered_pcs_text());
  }
  explain_last_item(
      "The same record with its budget changed after signing: the signature "
      "catches it. Without a key, the budget check escalates it instead.");
  ImGui::SameLine();
  if (ImGui::Button("Clear")) {
    name_ = "pasted";
    text_.clear();
    changed = true;
  }

  ImGui::TextDisabled("document: %s (%s)", name_.c_str(),
                      std::string(verify::to_string(kind_)).c_str());
  if (ImGui::InputTextMultiline("##document", &text_,
                                {-1.0f, ImGui::GetTextLineHeight() * 10.0f})) {
    if (name_.rfind("pasted", 0) != 0) name_ = "pasted (edited " + name_ + ")";
    changed = true;
  }
  if (draw_options()) changed = true;
  if (ImGui::Button("Verify")) changed = true;
  // Re-verify once the analyst has finished editing (no field active).
  dirty_ = dirty_ || changed;
  if (dirty_ && !ImGui::IsAnyItemActive()) verify_now();

  ImGui::Separator();
  if (reply_.status == 0) {
    ImGui::TextDisabled("Nothing verified yet.");
  } else if (kind_ == verify::DocumentKind::receipt) {
    draw_receipt_verdict();
  } else {
    draw_pcs_verdict();
  }
  ImGui::PopID();
}

bool VerifyPanel::draw_options() {
  bool changed = false;
  const float field = ImGui::GetFontSize() * 12.0f;
  if (ImGui::TreeNodeEx("PCS options", ImGuiTreeNodeFlags_DefaultOpen)) {
    int algorithm = static_cast<int>(key_.algorithm);
    ImGui::SetNextItemWidth(field);
    if (ImGui::Combo("signature key", &algorithm, kKeyAlgorithms, IM_ARRAYSIZE(kKeyAlgorithms))) {
      key_.algorithm = static_cast<verify::KeyAlgorithm>(algorithm);
      changed = true;
    }
    explain_last_item(
        "The key the record's signature is checked with. Keys never leave this "
        "machine: verification runs in the dashboard's own core.");
    if (key_.algorithm == verify::KeyAlgorithm::hmac_sha256) {
      ImGui::SetNextItemWidth(field);
      changed |= ImGui::InputText("secret", &key_.secret, ImGuiInputTextFlags_Password);
    } else if (key_.algorithm == verify::KeyAlgorithm::ed25519) {
      ImGui::SetNextItemWidth(field);
      changed |= ImGui::InputTextWithHint("public key", "base64 of 32 bytes", &key_.public_key);
    }
    changed |= ImGui::Checkbox("compat mode", &compat_);
    explain_last_item(
        "Answer exactly as the Fractal LBA reference server does (202 also for "
        "rejections, plain-text errors). Off: LatticeForge's strict contract.");
    ImGui::TreePop();
  }
  if (ImGui::TreeNode("Receipt options")) {
    ImGui::SetNextItemWidth(field);
    changed |= ImGui::InputTextWithHint("pinned public key", "optional, base64", &pinned_key_);
    explain_last_item(
        "Without a pinned key a receipt is checked against the key it carries: "
        "valid means intact, not signed by anyone in particular.");
    ImGui::TreePop();
  }
  return changed;
}

void VerifyPanel::draw_pcs_verdict() const {
  const verify::PcsVerdict verdict = verify::read_pcs_verdict(reply_);
  if (verdict.outcome == verify::Outcome::malformed && reply_.failed()) {
    route_error(reply_);
    return;
  }
  const OutcomeLook l = look(verdict.outcome);
  badge(l.label, l.colour, l.meaning);
  ImGui::SameLine();
  figure("status", std::to_string(verdict.status), "HTTP status semantics (docs/VERIFY.md).");
  ImGui::SameLine();
  figure("reason", verdict.reason.empty() ? "-" : verdict.reason,
         "The reason code of the first failing check, or ok (docs/VERIFY.md, 'Checks').");
  if (!verdict.signature.empty()) {
    ImGui::SameLine();
    figure("signature", verdict.signature,
           "valid, invalid, or not_checked (no key given, or a tenant signing with none).");
  }
  if (!verdict.detail.empty()) ImGui::TextWrapped("%s", verdict.detail.c_str());
  if (!verdict.pcs_id.empty()) {
    figure("pcs_id", verdict.pcs_id, "sha256(merkle_root|epoch|shard_id): the record's identity.");
  }
  const auto compare = [&](const char* label, const char* key, std::optional<double> recomputed,
                           const char* tooltip) {
    const std::optional<double> claim = json_number(document_, key);
    figure(label,
           "claimed " + (claim ? format_number(*claim, 9) : std::string("n/a")) + ", recomputed " +
               (recomputed ? format_number(*recomputed, 9)
                           : std::string("n/a (the checks stopped before it)")),
           tooltip);
  };
  compare("D_hat", "D_hat", verdict.recomputed_d_hat,
          "The fractal dimension estimate: Theil-Sen slope of log2 N_j against log2 scale; must "
          "match within 0.15.");
  compare("budget", "budget", verdict.recomputed_budget,
          "0.10 + 0.30 (1 - r) + 0.50 max(0, D_hat - 2.2) + 0.20 coh_star, clamped; must match "
          "within 0.01.");
}

void VerifyPanel::draw_receipt_verdict() const {
  if (reply_.failed()) {
    route_error(reply_);
    return;
  }
  const nlohmann::json& body = reply_.body;
  if (json_bool(body, "valid").value_or(false)) {
    badge("VALID", kGoodColour,
          "The Ed25519 signature verifies over the RFC 8785 canonical bytes of the receipt.");
  } else {
    badge("INVALID", kBadColour,
          "The signature does not verify: the receipt was altered, or another key than the "
          "pinned one signed it.");
  }
  ImGui::SameLine();
  figure("reason", json_string(body, "reason", "-"),
         "signature_invalid, or key_mismatch when a pinned key was given and another key signed.");
  ImGui::SameLine();
  figure("key pinned", json_bool(body, "key_pinned").value_or(false) ? "yes" : "no",
         "Whether the check used the key you pinned rather than the key in the receipt.");
  figure("signer", json_string(body, "public_key", "-"), "The public key that signed, base64.");
  const nlohmann::json& receipt = json_member(document_, "receipt");
  if (receipt.is_object()) {
    const nlohmann::json& algorithm = json_member(receipt, "algorithm");
    figure("algorithm",
           json_string(algorithm, "name", "?") + " " + json_string(algorithm, "version", ""),
           "The algorithm and version that produced the result.");
    figure("issued at", json_string(receipt, "issued_at", "-"), "When the receipt was signed.");
    ImGui::TextDisabled("subject: %s", json_text(json_member(receipt, "subject")).c_str());
  }
}

nlohmann::json VerifyPanel::snapshot() const {
  nlohmann::json verdict = nullptr;
  if (reply_.status != 0 && kind_ == verify::DocumentKind::receipt) {
    verdict = {{"status", reply_.status},
               {"valid", json_member(reply_.body, "valid")},
               {"reason", json_member(reply_.body, "reason")},
               {"public_key", json_member(reply_.body, "public_key")},
               {"key_pinned", json_member(reply_.body, "key_pinned")}};
  } else if (reply_.status != 0) {
    const verify::PcsVerdict v = verify::read_pcs_verdict(reply_);
    verdict = {{"status", v.status},
               {"outcome", std::string(verify::to_string(v.outcome))},
               {"reason", v.reason},
               {"detail", v.detail},
               {"signature", v.signature},
               {"pcs_id", v.pcs_id},
               {"recomputed_D_hat",
                v.recomputed_d_hat ? nlohmann::json(*v.recomputed_d_hat) : nlohmann::json(nullptr)},
               {"recomputed_budget", v.recomputed_budget ? nlohmann::json(*v.recomputed_budget)
                                                         : nlohmann::json(nullptr)}};
  }
  static constexpr const char* kKeyNames[] = {"not_checked", "hmac-sha256", "ed25519", "none"};
  return {
      {"document",
       {{"name", name_}, {"kind", std::string(verify::to_string(kind_))}, {"bytes", text_.size()}}},
      {"options",
       {{"key_algorithm", kKeyNames[static_cast<int>(key_.algorithm)]},
        {"mode", compat_ ? "compat" : "strict"},
        {"pinned_key", !pinned_key_.empty()}}},
      {"verdict", std::move(verdict)},
      {"error", reply_.error_json()}};
}

}  // namespace lf::ui
