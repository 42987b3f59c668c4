// Tamper-evident (append-only, hash-chained) audit log.
//
// The log is text, one record per line, each line the RFC 8785 canonical
// JSON of its record followed by "\n":
//   {"data":<any JSON>,"hash":H,"prev":P,"seq":N,"type":"entry"}
//   {"hash":H,"prev":P,"public_key":K,"seq":N,"sig":S,"type":"checkpoint"}
// seq counts records from 0; prev is the previous record's hash (64 zeros for
// the first); hash = hex(SHA-256(JCS of the record without "hash" and
// "sig")), so every record commits to everything before it. A checkpoint is
// signed: sig = base64(Ed25519(the 32 bytes of its hash)), K the base64
// public key.
//
// Any flipped byte, deleted, inserted or reordered record breaks a line, a
// hash or a link, and the verifier names the first bad line. Dropping records
// from the end leaves a shorter valid chain: it is detected against an anchor
// kept elsewhere (the expected head hash or record count, e.g. from the last
// published checkpoint).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lf/common/result.hpp"
#include "lf/verify/crypto.hpp"

namespace lf::verify {

struct AuditVerifyOptions {
  // Checkpoints must be signed by this key (otherwise by the key they name).
  std::optional<Ed25519PublicKey> checkpoint_key;
  // Anchors against truncation.
  std::optional<std::string> expected_head;
  std::optional<std::uint64_t> expected_records;
};

struct AuditFinding {
  std::uint64_t line = 0;  // 1-based
  // malformed, non_canonical, torn_tail, sequence_mismatch, broken_link,
  // hash_mismatch, bad_checkpoint, truncated, head_mismatch
  std::string reason;
  std::string detail;
};

struct AuditReport {
  bool intact = true;
  std::uint64_t records = 0;      // valid records before the first bad one
  std::uint64_t checkpoints = 0;  // among them
  std::string head;               // hash of the last valid record (64 zeros: none)
  std::optional<AuditFinding> first_bad;
};

AuditReport verify_audit_log(std::string_view log_text, const AuditVerifyOptions& options = {});

// The writer's side: produces the lines to append (the core does no I/O;
// native/storage writes them to a file with fsync).
class AuditChain {
 public:
  AuditChain();

  // Continues an existing log; the log must verify intact.
  static Result<AuditChain> resume(std::string_view log_text,
                                   const AuditVerifyOptions& options = {});

  // The line (ending in "\n") recording `data_json`; json_parse_error if it
  // is not JSON.
  Result<std::string> append(std::string_view data_json);

  // A checkpoint line signed with `key`.
  std::string checkpoint(const Ed25519KeyPair& key);

  std::uint64_t records() const noexcept { return next_seq_; }
  const std::string& head() const noexcept { return head_; }

 private:
  std::uint64_t next_seq_ = 0;
  std::string head_;
};

}  // namespace lf::verify
