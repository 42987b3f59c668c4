// PCS intake: the verifier's full contract for one submitted body.
//
// Order: write-ahead log (the raw body, durable before anything else) ->
// parse (400) -> tenant key and signature (401; nothing is cached for a bad
// signature) -> dedup lookup (a live stored result is returned as it was
// first returned) -> checks -> store (first write wins; rejected and
// escalated results are stored too) -> respond.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "lf/common/result.hpp"
#include "lf/verify/checks.hpp"
#include "lf/verify/dedup_store.hpp"
#include "lf/verify/key_registry.hpp"

namespace lf::verify {

// Where raw submissions go before they are parsed. append() returns only once
// the body is durable (the native file-backed log fsyncs).
class SubmissionLog {
 public:
  virtual ~SubmissionLog() = default;
  virtual Status append(std::string_view raw) = 0;
};

struct SubmissionConfig {
  VerifyMode mode = VerifyMode::strict;
  Millis dedup_ttl = kDefaultDedupTtl;
};

struct SubmissionReply {
  int status = 200;
  std::string body;       // JSON; compat mode errors are plain text as the reference's
  bool replayed = false;  // the body is the stored result of an earlier submission
};

class SubmissionService {
 public:
  using Clock = std::function<Millis()>;

  // `log` may be null (no write-ahead log: wasm, tests). The references must
  // outlive the service.
  SubmissionService(const KeyRegistry& keys, DedupStore& dedup, SubmissionLog* log, Clock clock,
                    SubmissionConfig config = {});

  SubmissionReply submit(std::string_view tenant, std::string_view raw_body);

 private:
  SubmissionReply failure(const Error& error, std::string_view reference_text) const;

  const KeyRegistry& keys_;
  DedupStore& dedup_;
  SubmissionLog* log_;
  Clock clock_;
  SubmissionConfig config_;
};

}  // namespace lf::verify
