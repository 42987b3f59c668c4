#include "lf/verify/submission.hpp"

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "lf/verify/signing.hpp"
#include "lf/verify/verdict.hpp"

namespace lf::verify {
namespace {

// Stored values are "<status> <body>", so a replay answers with the status
// and the bytes of the first response.
std::string stored_value(int status, const std::string& body) {
  return std::to_string(status) + " " + body;
}

SubmissionReply replay(const std::string& stored) {
  const std::size_t space = stored.find(' ');
  return {std::atoi(stored.substr(0, space).c_str()), stored.substr(space + 1), true};
}

std::string error_json(const Error& error) {
  nlohmann::json body;
  body["error"]["code"] = std::string(to_string(error.code));
  body["error"]["message"] = error.message;
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

int error_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::signature_invalid:
    case ErrorCode::unknown_tenant: return 401;
    case ErrorCode::storage_error: return 500;
    default: return 400;
  }
}

}  // namespace

SubmissionService::SubmissionService(const KeyRegistry& keys, DedupStore& dedup, SubmissionLog* log,
                                     Clock clock, SubmissionConfig config)
    : keys_(keys), dedup_(dedup), log_(log), clock_(std::move(clock)), config_(config) {}

SubmissionReply SubmissionService::failure(const Error& error,
                                           std::string_view reference_text) const {
  const int status = error_status(error.code);
  if (config_.mode == VerifyMode::compat) return {status, std::string(reference_text) + "\n"};
  return {status, error_json(error)};
}

SubmissionReply SubmissionService::submit(std::string_view tenant, std::string_view raw_body) {
  if (log_ != nullptr) {
    if (auto s = log_->append(raw_body); !s) return failure(s.error(), "Internal server error");
  }
  const PcsParsing parsing =
      config_.mode == VerifyMode::compat ? PcsParsing::lenient : PcsParsing::strict;
  auto pcs = parse_pcs(raw_body, parsing);
  if (!pcs) return failure(pcs.error(), "Invalid JSON");

  auto key = keys_.find(tenant);
  if (!key) return failure(key.error(), "Signature verification failed");
  const SignatureCheck signature = (*key)->algorithm == SignatureAlgorithm::none
                                       ? SignatureCheck::not_checked
                                       : SignatureCheck::valid;
  if (auto s = verify_pcs_signature(*pcs, **key); !s) {
    if (config_.mode == VerifyMode::compat) return {401, "Signature verification failed\n"};
    const Verification v = signature_rejected(*pcs, s.error().message);
    return {401, verdict_json(v, SignatureCheck::invalid, 401)};
  }

  // Tenants are isolated: the same pcs_id from two tenants is two entries.
  const std::string dedup_key =
      tenant.empty() ? pcs->pcs_id : std::string(tenant) + "/" + pcs->pcs_id;
  const Millis now = clock_();
  auto stored = dedup_.get(dedup_key, now);
  if (!stored) return failure(stored.error(), "Internal server error");
  if (*stored) return replay(**stored);

  const Verification v = check_pcs(*pcs, config_.mode);
  const int status = verification_status(v, config_.mode);
  const std::string body = config_.mode == VerifyMode::compat ? reference_verdict_json(v)
                                                              : verdict_json(v, signature, status);
  auto winner = dedup_.put_if_absent(dedup_key, stored_value(status, body), now, config_.dedup_ttl);
  if (!winner) {
    // The reference logs a failed store and answers anyway; strict mode
    // refuses, since the first-result-wins promise could not be kept.
    if (config_.mode == VerifyMode::compat) return {status, body};
    return failure(winner.error(), "Internal server error");
  }
  if (*winner != stored_value(status, body)) return replay(*winner);
  return {status, body};
}

}  // namespace lf::verify
