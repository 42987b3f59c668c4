// The Verification panel: paste, drop or open a Fractal LBA PCS record or a
// signed alert receipt and see what the core's verifiers make of it.
//
// - PCS records go to pcs/verify with the key the analyst gives (HMAC secret
//   or Ed25519 public key; or no key: the checks run and the signature is
//   reported as not checked), in strict mode (LatticeForge's contract) or
//   compat mode (the reference server's answers). The verdict: ACCEPTED,
//   ESCALATED (accepted, but its regime or budget is inconsistent), REJECTED
//   or SIGNATURE INVALID, with the reason code, the server's detail, and the
//   claimed D_hat and budget against the recomputed ones.
// - Signed receipts go to receipt/verify, optionally pinned to a public key
//   (without one, a valid signature proves the receipt is intact, not who
//   signed it).
// - "Load example" opens the golden record of the Fractal LBA test vectors
//   with its HMAC key, and a copy tampered after signing.
//
// Verification is cheap (microseconds to milliseconds), so the panel
// re-verifies whenever the document, key or mode changes and no field is
// being edited.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "ui/panels/route_call.hpp"
#include "ui/panels/verify_model.hpp"
#include "ui/workspace.hpp"

namespace lf::ui {

class VerifyPanel {
 public:
  // Draws the panel's contents inside a window the app opened.
  void draw(const Workspace& workspace);
  // What the panel shows: the document's name and kind, the options, and the
  // verdict (status, outcome, reason, detail, signature) or the error.
  nlohmann::json snapshot() const;
  // A document dropped on the window or opened from a file (any JSON that is
  // not a dataset): shown in the paste box and verified at once.
  void open_document(std::string_view name, std::string_view text);

 private:
  void verify_now();
  bool draw_options();  // true when an option changed
  void draw_pcs_verdict() const;
  void draw_receipt_verdict() const;

  std::string name_ = "pasted";
  std::string text_;
  verify::KeyForm key_;
  bool compat_ = false;
  std::string pinned_key_;

  bool dirty_ = false;  // the document or an option changed since the last verification
  // What was last verified, and the answer.
  verify::DocumentKind kind_ = verify::DocumentKind::not_json;
  nlohmann::json document_;  // the verified text parsed (null when not JSON), for display
  RouteReply reply_;
};

}  // namespace lf::ui
