// POST audit/verify: checks a hash-chained audit log (lf/verify/audit_chain.hpp).
//
// Request:  {"log": text, "public_key"?: base64 (pinned checkpoint key),
//            "expected_head"?: hex, "expected_records"?: integer}
// Response: {"intact", "records", "checkpoints", "head",
//            "first_bad": null | {"line", "reason", "detail"}}
//           200 when intact, 422 when not.
#include "lf/verify/audit_chain.hpp"
#include "routes.hpp"
#include "verify_read.hpp"

namespace lf::api::routes {

Response audit_verify(const Json& request) {
  using namespace json_read;
  const auto failure = [](const Error& error) {
    return Response{http_status(error.code), error_body(error)};
  };
  if (auto s =
          only_keys(request, "request", {"log", "public_key", "expected_head", "expected_records"});
      !s) {
    return failure(s.error());
  }
  auto log_node = require(request, "log", "request");
  if (!log_node) return failure(log_node.error());
  auto log = string(**log_node, "log");
  if (!log) return failure(log.error());
  verify::AuditVerifyOptions options;
  if (const Json* key = find(request, "public_key")) {
    auto decoded = verify_read::public_key(*key, "public_key");
    if (!decoded) return failure(decoded.error());
    options.checkpoint_key = *decoded;
  }
  if (const Json* head = find(request, "expected_head")) {
    auto text = string(*head, "expected_head");
    if (!text) return failure(text.error());
    options.expected_head = std::move(*text);
  }
  if (const Json* count = find(request, "expected_records")) {
    auto value = verify_read::integer(*count, "expected_records", 0, INT64_MAX);
    if (!value) return failure(value.error());
    options.expected_records = static_cast<std::uint64_t>(*value);
  }
  const verify::AuditReport report = verify::verify_audit_log(*log, options);
  Json out;
  out["intact"] = report.intact;
  out["records"] = report.records;
  out["checkpoints"] = report.checkpoints;
  out["head"] = report.head;
  out["first_bad"] = nullptr;
  if (report.first_bad) {
    out["first_bad"] = {{"line", report.first_bad->line},
                        {"reason", report.first_bad->reason},
                        {"detail", report.first_bad->detail}};
  }
  return {report.intact ? 200 : 422, dump(out)};
}

}  // namespace lf::api::routes
