// POST pcs/build, pcs/verify, pcs/submit: the Fractal-LBA-compatible PCS
// (docs/VERIFY.md).
//
// pcs/build   {"csv": text, "shard_id", "epoch", "seed"?: 42, "sent_at",
//              "key"?: signing key}
//          -> {"pcs": record, "payload": signed bytes, "signature_algorithm",
//              "public_key"?: base64 (Ed25519)}
// pcs/verify  {"pcs": record | its JSON text, "key"?: verification key,
//              "mode"?: "strict" | "compat"}
//          -> the verdict, with the status of the verification contract
// pcs/submit  {"body": raw submission text, "tenant"?: "", "keys": {tenant:
//              verification key}, "now_ms": integer, "mode"?}
//          -> the intake pipeline's reply (parse, signature, dedup, checks);
//             results are kept in this process's memory (per wasm instance)
#include "lf/verify/encoding.hpp"
#include "lf/verify/pcs_builder.hpp"
#include "lf/verify/submission.hpp"
#include "lf/verify/verdict.hpp"
#include "routes.hpp"
#include "verify_read.hpp"

namespace lf::api::routes {
namespace {

using namespace json_read;

constexpr std::int64_t kMaxEpoch = INT64_MAX;
constexpr std::int64_t kMaxSeed = 0xffffffffLL;  // numpy's legacy seeding range

Result<std::string> required_string(const Json& request, std::string_view key) {
  auto node = require(request, key, "request");
  if (!node) return std::move(node).error();
  return string(**node, key);
}

Result<verify::PcsBuildOptions> decode_build(const Json& request) {
  verify::PcsBuildOptions options;
  auto shard = required_string(request, "shard_id");
  if (!shard) return std::move(shard).error();
  options.shard_id = std::move(*shard);
  auto sent_at = required_string(request, "sent_at");
  if (!sent_at) return std::move(sent_at).error();
  options.sent_at = std::move(*sent_at);
  auto epoch_node = require(request, "epoch", "request");
  if (!epoch_node) return std::move(epoch_node).error();
  auto epoch = verify_read::integer(**epoch_node, "epoch", 0, kMaxEpoch);
  if (!epoch) return std::move(epoch).error();
  options.epoch = *epoch;
  if (const Json* seed = find(request, "seed")) {
    auto value = verify_read::integer(*seed, "seed", 0, kMaxSeed);
    if (!value) return std::move(value).error();
    options.seed = *value;
  }
  if (const Json* key = find(request, "key")) {
    auto signing = verify_read::signing_key(*key, "key");
    if (!signing) return std::move(signing).error();
    options.key = std::move(*signing);
  }
  return options;
}

// The record as a JSON object, parsed back from the reference layout.
Json record_json(const verify::Pcs& pcs) {
  return Json::parse(verify::write_pcs(pcs), nullptr, false);
}

Response reply(int status, std::string body) {
  return {status, std::move(body)};
}

Response failure(const Error& error) {
  return {http_status(error.code), error_body(error)};
}

}  // namespace

Result<Json> pcs_build(const Json& request) {
  if (auto s =
          only_keys(request, "request", {"csv", "shard_id", "epoch", "seed", "sent_at", "key"});
      !s) {
    return std::move(s).error();
  }
  auto csv = required_string(request, "csv");
  if (!csv) return std::move(csv).error();
  auto options = decode_build(request);
  if (!options) return std::move(options).error();
  auto built = verify::build_pcs(*csv, *options);
  if (!built) return std::move(built).error();
  Json out;
  out["pcs"] = record_json(built->pcs);
  out["payload"] = built->payload;
  const auto algorithm = options->key ? options->key->algorithm : verify::SignatureAlgorithm::none;
  out["signature_algorithm"] = std::string(verify::to_string(algorithm));
  if (algorithm == verify::SignatureAlgorithm::ed25519) {
    out["public_key"] = verify::to_base64(options->key->ed25519_pair.public_key);
  }
  return out;
}

Response pcs_verify(const Json& request) {
  if (auto s = only_keys(request, "request", {"pcs", "key", "mode"}); !s) return failure(s.error());
  auto mode = verify_read::mode(request);
  if (!mode) return failure(mode.error());
  auto node = require(request, "pcs", "request");
  if (!node) return failure(node.error());
  auto text = verify_read::document_text(**node, "pcs");
  if (!text) return failure(text.error());
  verify::VerificationKey key;
  if (const Json* key_node = find(request, "key")) {
    auto decoded = verify_read::verification_key(*key_node, "key");
    if (!decoded) return failure(decoded.error());
    key = std::move(*decoded);
  }
  const bool compat = *mode == verify::VerifyMode::compat;
  auto pcs =
      verify::parse_pcs(*text, compat ? verify::PcsParsing::lenient : verify::PcsParsing::strict);
  if (!pcs) return compat ? reply(400, "Invalid JSON\n") : failure(pcs.error());
  if (auto s = verify::verify_pcs_signature(*pcs, key); !s) {
    if (compat) return reply(401, "Signature verification failed\n");
    const auto verdict = verify::signature_rejected(*pcs, s.error().message);
    return reply(401, verify::verdict_json(verdict, verify::SignatureCheck::invalid, 401));
  }
  const auto verdict = verify::check_pcs(*pcs, *mode);
  const int status = verify::verification_status(verdict, *mode);
  if (compat) return reply(status, verify::reference_verdict_json(verdict));
  const auto signature = key.algorithm == verify::SignatureAlgorithm::none
                             ? verify::SignatureCheck::not_checked
                             : verify::SignatureCheck::valid;
  return reply(status, verify::verdict_json(verdict, signature, status));
}

Response pcs_submit(const Json& request) {
  if (auto s = only_keys(request, "request", {"body", "tenant", "keys", "now_ms", "mode"}); !s) {
    return failure(s.error());
  }
  auto mode = verify_read::mode(request);
  if (!mode) return failure(mode.error());
  auto body = required_string(request, "body");
  if (!body) return failure(body.error());
  std::string tenant;
  if (const Json* node = find(request, "tenant")) {
    auto text = string(*node, "tenant");
    if (!text) return failure(text.error());
    tenant = std::move(*text);
  }
  auto now_node = require(request, "now_ms", "request");
  if (!now_node) return failure(now_node.error());
  auto now = verify_read::integer(**now_node, "now_ms", 0, INT64_MAX / 2);
  if (!now) return failure(now.error());
  auto keys_node = require(request, "keys", "request");
  if (!keys_node) return failure(keys_node.error());
  if (auto s = expect_object(**keys_node, "keys"); !s) return failure(s.error());
  verify::KeyRegistry keys;
  for (auto it = (*keys_node)->begin(); it != (*keys_node)->end(); ++it) {
    auto key = verify_read::verification_key(it.value(), "keys." + it.key());
    if (!key) return failure(key.error());
    keys.set(it.key(), std::move(*key));
  }
  // One store per process (per wasm instance): a replay within the TTL is
  // answered with the first result, across requests.
  static verify::MemoryDedupStore store;
  const verify::Millis clock = *now;
  verify::SubmissionService service(
      keys, store, nullptr, [clock] { return clock; },
      verify::SubmissionConfig{*mode, verify::kDefaultDedupTtl});
  auto result = service.submit(tenant, *body);
  return reply(result.status, std::move(result.body));
}

}  // namespace lf::api::routes
