#include "lf/verify/checks.hpp"

#include <cmath>
#include <cstdio>
#include <vector>

#include "lf/signal/iso8601.hpp"
#include "lf/verify/merkle.hpp"
#include "lf/verify/rounding.hpp"
#include "lf/verify/signals.hpp"

namespace lf::verify {
namespace {

std::string format4(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.4f", value);
  return text;
}

// The reference server's Round9 (float64(int64(x*1e9 + 0.5)) / 1e9): it
// truncates towards zero, so it differs from Python's round below zero.
double go_round9(double x) {
  const double scaled = x * 1e9 + 0.5;
  if (!(std::fabs(scaled) < 9.2e18)) return x;
  return static_cast<double>(static_cast<std::int64_t>(scaled)) / 1e9;
}

double round9(double x, VerifyMode mode) {
  return mode == VerifyMode::compat ? go_round9(x) : python_round(x, 9);
}

bool lowercase_hex64(const std::string& text) {
  if (text.size() != 64) return false;
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Verification rejected(const Pcs& pcs, VerifyMode mode, std::string reason, std::string detail) {
  Verification v;
  v.pcs_id = pcs.pcs_id;
  v.accepted = false;
  v.escalated = mode == VerifyMode::compat;
  v.reason = std::move(reason);
  v.detail = std::move(detail);
  return v;
}

// pcs.Validate() of the reference, then the formats strict mode adds.
std::optional<Verification> check_record(const Pcs& pcs, VerifyMode mode) {
  const auto invalid = [&](std::string problem) {
    return rejected(pcs, mode, "invalid_record", "validation failed: " + problem);
  };
  if (pcs.pcs_id.empty()) return invalid("pcs_id is required");
  if (pcs.schema != kPcsSchema) {
    return invalid("invalid schema: expected fractal-lba-kakeya, got " + pcs.schema);
  }
  if (pcs.version.empty()) return invalid("version is required");
  if (pcs.shard_id.empty()) return invalid("shard_id is required");
  if (pcs.epoch < 0) return invalid("epoch must be non-negative");
  if (pcs.scales.empty()) return invalid("scales cannot be empty");
  if (pcs.merkle_root.empty()) return invalid("merkle_root is required");
  if (mode == VerifyMode::strict) {
    if (!lowercase_hex64(pcs.merkle_root)) {
      return invalid("merkle_root must be 64 lowercase hex digits");
    }
    if (!signal::parse_iso8601(pcs.sent_at)) return invalid("sent_at must be an RFC 3339 time");
  }
  const std::string expected = pcs_id_hex(pcs.merkle_root, pcs.epoch, pcs.shard_id);
  if (pcs.pcs_id != expected) {
    return rejected(
        pcs, mode, "pcs_id_mismatch",
        "validation failed: pcs_id mismatch: expected " + expected + ", got " + pcs.pcs_id);
  }
  return std::nullopt;
}

Result<double> recompute_d_hat(const Pcs& pcs, VerifyMode mode) {
  if (pcs.scales.size() < 2) {
    return make_error(ErrorCode::invalid_argument, "need at least 2 scales for regression");
  }
  std::vector<std::int64_t> counts;
  for (const auto scale : pcs.scales) {
    const std::int64_t* count = find_count(pcs, scale);
    if (count == nullptr) {
      return make_error(ErrorCode::invalid_argument,
                        "missing N_j entry for scale " + std::to_string(scale));
    }
    counts.push_back(*count);
  }
  auto slope = theil_sen_dimension(pcs.scales, counts);
  if (!slope) return slope;
  return round9(*slope, mode);
}

}  // namespace

Verification check_pcs(const Pcs& pcs, VerifyMode mode) {
  if (auto failed = check_record(pcs, mode)) return *failed;

  auto d_hat = recompute_d_hat(pcs, mode);
  if (!d_hat) {
    return rejected(pcs, mode, "d_hat_unverifiable",
                    "D_hat recomputation failed: " + d_hat.error().message);
  }
  const double difference = std::fabs(pcs.d_hat - *d_hat);
  if (difference > kDhatTolerance) {
    Verification v =
        rejected(pcs, mode, "d_hat_out_of_tolerance",
                 "D_hat out of tolerance: claimed=" + format4(pcs.d_hat) +
                     ", recomputed=" + format4(*d_hat) + ", diff=" + format4(difference) +
                     " > tol=" + format4(kDhatTolerance));
    v.recomputed_d_hat = *d_hat;
    return v;
  }
  const double coherence_limit = 1.0 + kCoherenceTolerance;
  if (pcs.coh_star < 0.0 || pcs.coh_star > coherence_limit) {
    return rejected(pcs, mode, "coh_star_out_of_range",
                    "coh_star out of bounds: " + format4(pcs.coh_star) + " not in [0, " +
                        format4(coherence_limit) + "]");
  }
  if (mode == VerifyMode::strict && (pcs.r < 0.0 || pcs.r > 1.0)) {
    Verification v = rejected(pcs, mode, "r_out_of_range",
                              "r out of bounds: " + format4(pcs.r) + " not in [0, 1]");
    v.recomputed_d_hat = *d_hat;
    return v;
  }

  Verification v;
  v.pcs_id = pcs.pcs_id;
  v.accepted = true;
  v.recomputed_d_hat = *d_hat;
  v.recomputed_budget = round9(budget_formula(pcs.d_hat, pcs.coh_star, pcs.r), mode);
  const std::string_view expected_regime = classify_regime(pcs.d_hat, pcs.coh_star);
  if (pcs.regime != expected_regime) {
    v.escalated = true;
    v.reason = "regime_mismatch";
    v.detail =
        "regime mismatch: claimed=" + pcs.regime + ", expected=" + std::string(expected_regime);
    return v;
  }
  if (std::fabs(pcs.budget - *v.recomputed_budget) > kBudgetTolerance) {
    v.escalated = true;
    v.reason = "budget_deviation";
    v.detail = "budget deviation: claimed=" + format4(pcs.budget) +
               ", recomputed=" + format4(*v.recomputed_budget);
  }
  return v;
}

Verification signature_rejected(const Pcs& pcs, std::string detail) {
  Verification v;
  v.pcs_id = pcs.pcs_id;
  v.reason = "signature_invalid";
  v.detail = std::move(detail);
  return v;
}

int verification_status(const Verification& verification, VerifyMode mode) {
  if (verification.reason == "signature_invalid") return 401;
  if (verification.accepted && !verification.escalated) return 200;
  if (mode == VerifyMode::compat || verification.accepted) return 202;
  return 422;
}

}  // namespace lf::verify
