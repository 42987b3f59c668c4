#include "lf/verify/audit_chain.hpp"

#include <nlohmann/json.hpp>

#include "jcs_json.hpp"
#include "lf/verify/encoding.hpp"

namespace lf::verify {
namespace {

using Json = nlohmann::json;

const std::string kGenesis(64, '0');

// hex(SHA-256(JCS(record without hash and sig))).
std::string record_hash(Json record) {
  record.erase("hash");
  record.erase("sig");
  return to_hex(sha256(detail::canonical_json(record)));
}

std::string line_of(const Json& record) {
  return detail::canonical_json(record) + "\n";
}

bool has_exactly(const Json& record, std::initializer_list<const char*> keys) {
  if (record.size() != keys.size()) return false;
  for (const char* key : keys) {
    if (!record.contains(key)) return false;
  }
  return true;
}

class LineChecker {
 public:
  LineChecker(const AuditVerifyOptions& options, AuditReport& report)
      : options_(options), report_(report) {}

  // The finding for this line, or nullopt when it extends the chain.
  std::optional<AuditFinding> check(std::string_view line, std::uint64_t line_number) {
    const auto bad = [&](std::string reason, std::string detail) {
      return AuditFinding{line_number, std::move(reason), std::move(detail)};
    };
    const Json record = Json::parse(line.begin(), line.end(), nullptr, false);
    if (record.is_discarded() || !record.is_object()) return bad("malformed", "not a JSON object");
    const Json* type = record.contains("type") ? &record["type"] : nullptr;
    const bool entry = type != nullptr && *type == "entry" &&
                       has_exactly(record, {"data", "hash", "prev", "seq", "type"});
    const bool checkpoint =
        type != nullptr && *type == "checkpoint" &&
        has_exactly(record, {"hash", "prev", "public_key", "seq", "sig", "type"});
    if (!entry && !checkpoint) return bad("malformed", "not an entry or checkpoint record");
    if (!record["hash"].is_string() || !record["prev"].is_string() ||
        !record["seq"].is_number_unsigned()) {
      return bad("malformed", "hash, prev or seq of the wrong type");
    }
    if (detail::canonical_json(record) != line) {
      return bad("non_canonical", "the line is not the canonical JSON of its record");
    }
    const auto seq = record["seq"].get<std::uint64_t>();
    if (seq != report_.records) {
      return bad("sequence_mismatch", "expected seq " + std::to_string(report_.records) +
                                          ", found " + std::to_string(seq));
    }
    if (record["prev"] != report_.head) {
      return bad("broken_link", "prev does not match the hash of the previous record");
    }
    const std::string hash = record_hash(record);
    if (record["hash"] != hash) return bad("hash_mismatch", "the record's hash does not match");
    if (checkpoint) {
      if (auto problem = check_signature(record, hash)) return bad("bad_checkpoint", *problem);
      ++report_.checkpoints;
    }
    ++report_.records;
    report_.head = hash;
    return std::nullopt;
  }

 private:
  std::optional<std::string> check_signature(const Json& record, const std::string& hash) const {
    if (!record["public_key"].is_string() || !record["sig"].is_string()) {
      return "public_key and sig must be strings";
    }
    auto key = fixed_from_base64<32>(record["public_key"].get<std::string>(), "public_key");
    auto sig = fixed_from_base64<64>(record["sig"].get<std::string>(), "sig");
    if (!key || !sig) return "public_key or sig is not valid base64 of the right size";
    if (options_.checkpoint_key && *options_.checkpoint_key != *key) {
      return "signed by a key other than the pinned checkpoint key";
    }
    auto digest = from_hex(hash, "hash");
    if (!ed25519_verify(*key, *digest, *sig)) return "the checkpoint signature does not verify";
    return std::nullopt;
  }

  const AuditVerifyOptions& options_;
  AuditReport& report_;
};

}  // namespace

AuditReport verify_audit_log(std::string_view log_text, const AuditVerifyOptions& options) {
  AuditReport report;
  report.head = kGenesis;
  LineChecker checker(options, report);
  std::uint64_t line_number = 0;
  std::size_t start = 0;
  while (start < log_text.size()) {
    ++line_number;
    const std::size_t end = log_text.find('\n', start);
    if (end == std::string_view::npos) {
      report.first_bad = AuditFinding{line_number, "torn_tail", "the last line has no newline"};
      break;
    }
    if (auto finding = checker.check(log_text.substr(start, end - start), line_number)) {
      report.first_bad = std::move(finding);
      break;
    }
    start = end + 1;
  }
  if (!report.first_bad && options.expected_records && report.records < *options.expected_records) {
    report.first_bad = AuditFinding{report.records + 1, "truncated",
                                    "expected " + std::to_string(*options.expected_records) +
                                        " records, found " + std::to_string(report.records)};
  }
  if (!report.first_bad && options.expected_head && *options.expected_head != report.head) {
    report.first_bad = AuditFinding{report.records + 1, "head_mismatch",
                                    "the last record's hash is not the expected head"};
  }
  report.intact = !report.first_bad.has_value();
  return report;
}

AuditChain::AuditChain() : head_(kGenesis) {}

Result<AuditChain> AuditChain::resume(std::string_view log_text,
                                      const AuditVerifyOptions& options) {
  const AuditReport report = verify_audit_log(log_text, options);
  if (!report.intact) {
    return make_error(ErrorCode::invalid_argument,
                      "the audit log is damaged at line " + std::to_string(report.first_bad->line) +
                          ": " + report.first_bad->reason + " (" + report.first_bad->detail + ")");
  }
  AuditChain chain;
  chain.next_seq_ = report.records;
  chain.head_ = report.head;
  return chain;
}

Result<std::string> AuditChain::append(std::string_view data_json) {
  Json data = Json::parse(data_json.begin(), data_json.end(), nullptr, false);
  if (data.is_discarded()) {
    return make_error(ErrorCode::json_parse_error, "audit data is not valid JSON");
  }
  Json record = {{"type", "entry"}, {"seq", next_seq_}, {"prev", head_}, {"data", std::move(data)}};
  record["hash"] = record_hash(record);
  head_ = record["hash"].get<std::string>();
  ++next_seq_;
  return line_of(record);
}

std::string AuditChain::checkpoint(const Ed25519KeyPair& key) {
  Json record = {{"type", "checkpoint"},
                 {"seq", next_seq_},
                 {"prev", head_},
                 {"public_key", to_base64(key.public_key)}};
  const std::string hash = record_hash(record);
  auto digest = from_hex(hash, "hash");
  record["hash"] = hash;
  record["sig"] = to_base64(ed25519_sign(key, *digest));
  head_ = hash;
  ++next_seq_;
  return line_of(record);
}

}  // namespace lf::verify
