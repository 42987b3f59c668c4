#include "lf/verify/verdict.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "lf/verify/float_format.hpp"

namespace lf::verify {
namespace {

// Go's encoding/json string: \" \\ \n \r \t, other controls and <, >, &,
// U+2028, U+2029 as \u00xx-style escapes (lowercase hex).
void append_go_string(std::string& out, const std::string& text) {
  out += '"';
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    char escape[16];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
      std::snprintf(escape, sizeof escape, "\\u%04x", c);
      out += escape;
    } else if (c == 0xe2 && i + 2 < text.size() && text[i + 1] == '\x80' &&
               (text[i + 2] == '\xa8' || text[i + 2] == '\xa9')) {
      out += text[i + 2] == '\xa8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

}  // namespace

std::string_view to_string(SignatureCheck check) noexcept {
  switch (check) {
    case SignatureCheck::valid: return "valid";
    case SignatureCheck::not_checked: return "not_checked";
    case SignatureCheck::invalid: return "invalid";
  }
  return "invalid";
}

std::string verdict_json(const Verification& verification, SignatureCheck signature, int status) {
  nlohmann::json body;
  body["pcs_id"] = verification.pcs_id;
  body["accepted"] = verification.accepted;
  body["escalated"] = verification.escalated;
  body["reason"] = verification.reason;
  body["detail"] = verification.detail;
  body["recomputed_D_hat"] = nullptr;
  body["recomputed_budget"] = nullptr;
  if (verification.recomputed_d_hat) body["recomputed_D_hat"] = *verification.recomputed_d_hat;
  if (verification.recomputed_budget) {
    body["recomputed_budget"] = *verification.recomputed_budget;
  }
  body["signature"] = std::string(to_string(signature));
  body["status"] = status;
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string reference_verdict_json(const Verification& verification) {
  // Go writes floats like ECMAScript (strconv 'f' or 'e' at the same bounds).
  std::string out = "{\"accepted\":";
  out += verification.accepted ? "true" : "false";
  if (verification.recomputed_d_hat && *verification.recomputed_d_hat != 0.0) {
    out += ",\"recomputed_D_hat\":" + ecmascript_number(*verification.recomputed_d_hat);
  }
  if (verification.recomputed_budget && *verification.recomputed_budget != 0.0) {
    out += ",\"recomputed_budget\":" + ecmascript_number(*verification.recomputed_budget);
  }
  if (!verification.detail.empty()) {
    out += ",\"reason\":";
    append_go_string(out, verification.detail);
  }
  out += ",\"escalated\":";
  out += verification.escalated ? "true" : "false";
  out += "}\n";
  return out;
}

}  // namespace lf::verify
