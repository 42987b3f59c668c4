// The verifier's checks on a parsed PCS (after its signature is verified):
// the reference server's checks in its order, plus, in strict mode, the ones
// it lacks. docs/VERIFY.md lists them with their reason codes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "lf/verify/pcs.hpp"

namespace lf::verify {

enum class VerifyMode : std::uint8_t {
  // LatticeForge's contract: rejections are final (not escalated), r and the
  // record's formats are checked, statuses 200 / 202 / 422 / 401 / 400.
  strict,
  // Mirrors the reference server: rejections are escalated, statuses 200 or
  // 202 (also for rejections), its response body and wording.
  compat,
};

// Tolerances and budget weights of the reference (CLAUDE.md defaults).
inline constexpr double kDhatTolerance = 0.15;
inline constexpr double kCoherenceTolerance = 0.05;
inline constexpr double kBudgetTolerance = 0.01;

struct Verification {
  std::string pcs_id;
  bool accepted = false;
  bool escalated = false;
  std::optional<double> recomputed_d_hat;
  std::optional<double> recomputed_budget;
  // Stable code: ok, invalid_record, pcs_id_mismatch, d_hat_unverifiable,
  // d_hat_out_of_tolerance, coh_star_out_of_range, r_out_of_range,
  // regime_mismatch, budget_deviation, signature_invalid.
  std::string reason = "ok";
  // Human-readable, in the reference server's wording where it has one.
  std::string detail;
};

Verification check_pcs(const Pcs& pcs, VerifyMode mode);

// The verdict for a PCS whose signature did not verify.
Verification signature_rejected(const Pcs& pcs, std::string detail);

// strict: 200 accepted, 202 accepted but escalated, 422 rejected, 401 bad
// signature. compat: 200 only when accepted and not escalated, else 202; 401
// for a bad signature.
int verification_status(const Verification& verification, VerifyMode mode);

}  // namespace lf::verify
