// Verification results as response bodies.
#pragma once

#include <cstdint>
#include <string>

#include "lf/verify/checks.hpp"

namespace lf::verify {

enum class SignatureCheck : std::uint8_t { valid, not_checked, invalid };

std::string_view to_string(SignatureCheck check) noexcept;

// LatticeForge's body: {"accepted", "detail", "escalated", "pcs_id", "reason",
// "recomputed_D_hat", "recomputed_budget" (null when not computed),
// "signature", "status"}, keys sorted.
std::string verdict_json(const Verification& verification, SignatureCheck signature, int status);

// The reference server's body, byte for byte: Go's json.Encoder output of its
// VerifyResult {accepted, recomputed_D_hat?, recomputed_budget?, reason?,
// escalated} (zero values omitted, HTML characters escaped, newline-ended).
std::string reference_verdict_json(const Verification& verification);

}  // namespace lf::verify
