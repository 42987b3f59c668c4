// The verifier's contract: checks and reason codes, HTTP statuses in strict
// and reference-compatible modes, tenants, dedup (first result wins, TTL).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "lf/verify/checks.hpp"
#include "lf/verify/pcs.hpp"
#include "lf/verify/signing.hpp"
#include "lf/verify/submission.hpp"
#include "lf/verify/verdict.hpp"
#include "verify_support.hpp"

using namespace lf::verify;
using lf::test::read_data;
using nlohmann::json;

namespace {

Pcs golden() {
  auto pcs = parse_pcs(read_data("fractal-lba/pcs_tiny_case_1.json"));
  REQUIRE(pcs.ok());
  return *pcs;
}

std::string signed_text(Pcs pcs, const std::string& secret = "testsecret") {
  REQUIRE(sign_pcs(pcs, SigningKey::hmac(secret)).ok());
  return write_pcs(pcs);
}

// A service over an in-memory store, a fake clock and a log that records
// what it was given.
struct Harness {
  struct RecordingLog final : SubmissionLog {
    lf::Status append(std::string_view raw) override {
      entries.emplace_back(raw);
      return {};
    }
    std::vector<std::string> entries;
  };

  explicit Harness(VerifyMode mode = VerifyMode::strict)
      : service(
            keys, store, &log, [this] { return now; }, SubmissionConfig{mode, 1000}) {
    keys.set("acme", VerificationKey::hmac("testsecret"));
    keys.set("", VerificationKey::hmac("testsecret"));
  }

  KeyRegistry keys;
  MemoryDedupStore store;
  RecordingLog log;
  Millis now = 0;
  SubmissionService service;
};

}  // namespace

TEST_SUITE("verify") {
  TEST_CASE("checks: the golden record is accepted, each check has its reason code") {
    const Pcs base = golden();
    const Verification ok = check_pcs(base, VerifyMode::strict);
    CHECK(ok.accepted);
    CHECK_FALSE(ok.escalated);
    CHECK(ok.reason == "ok");
    CHECK(*ok.recomputed_d_hat == base.d_hat);
    CHECK(*ok.recomputed_budget == base.budget);
    CHECK(verification_status(ok, VerifyMode::strict) == 200);

    struct Case {
      std::function<void(Pcs&)> mutate;
      const char* reason;
      bool accepted;
      int strict_status;
    };
    const Case cases[] = {
        {[](Pcs& p) { p.schema = "other"; }, "invalid_record", false, 422},
        {[](Pcs& p) { p.shard_id = "other"; }, "pcs_id_mismatch", false, 422},
        {[](Pcs& p) { p.n_j.pop_back(); }, "d_hat_unverifiable", false, 422},
        {[](Pcs& p) { p.d_hat += 0.2; }, "d_hat_out_of_tolerance", false, 422},
        {[](Pcs& p) { p.coh_star = 1.2; }, "coh_star_out_of_range", false, 422},
        {[](Pcs& p) { p.r = 1.5; }, "r_out_of_range", false, 422},
        {[](Pcs& p) { p.regime = "sticky"; }, "regime_mismatch", true, 202},
        {[](Pcs& p) { p.budget += 0.02; }, "budget_deviation", true, 202},
    };
    for (const auto& c : cases) {
      CAPTURE(c.reason);
      Pcs pcs = base;
      c.mutate(pcs);
      const Verification strict = check_pcs(pcs, VerifyMode::strict);
      CHECK(strict.reason == c.reason);
      CHECK(strict.accepted == c.accepted);
      CHECK(strict.escalated == c.accepted);
      CHECK(verification_status(strict, VerifyMode::strict) == c.strict_status);
      const Verification compat = check_pcs(pcs, VerifyMode::compat);
      CHECK(compat.escalated);
      CHECK(verification_status(compat, VerifyMode::compat) == 202);
    }
    // The reference never range-checks r: compat accepts what strict rejects.
    Pcs big_r = base;
    big_r.r = 1.5;
    big_r.budget = 0.0;  // 0.1 + 0.3 (1 - 1.5) + ... clamps to 0
    CHECK(check_pcs(big_r, VerifyMode::compat).accepted);
    CHECK_FALSE(check_pcs(big_r, VerifyMode::compat).escalated);
  }

  TEST_CASE("compat bodies are the reference server's bytes") {
    const Verification ok = check_pcs(golden(), VerifyMode::compat);
    CHECK(reference_verdict_json(ok) ==
          "{\"accepted\":true,\"recomputed_D_hat\":0.528320834,"
          "\"recomputed_budget\":0.317807017,\"escalated\":false}\n");
    Pcs off = golden();
    off.d_hat = 1.0;
    CHECK(reference_verdict_json(check_pcs(off, VerifyMode::compat)) ==
          "{\"accepted\":false,\"recomputed_D_hat\":0.528320834,\"reason\":\"D_hat out of "
          "tolerance: claimed=1.0000, recomputed=0.5283, diff=0.4717 \\u003e tol=0.1500\","
          "\"escalated\":true}\n");
  }

  TEST_CASE("submission: statuses and bodies in strict mode") {
    Harness h;
    const auto submit = [&](const std::string& body, const std::string& tenant = "acme") {
      return h.service.submit(tenant, body);
    };
    const auto accepted = submit(signed_text(golden()));
    CHECK(accepted.status == 200);
    const json body = json::parse(accepted.body);
    CHECK(body["accepted"] == true);
    CHECK(body["escalated"] == false);
    CHECK(body["pcs_id"] == golden().pcs_id);
    CHECK(body["reason"] == "ok");
    CHECK(body["signature"] == "valid");
    CHECK(body["status"] == 200);
    CHECK(body["recomputed_D_hat"] == 0.528320834);

    CHECK(submit("{not json").status == 400);
    CHECK(json::parse(submit("{}").body)["error"]["code"] == "pcs_invalid");

    Pcs tampered = golden();
    tampered.budget = 0.5;  // not re-signed
    const auto bad_sig = submit(write_pcs(tampered));
    CHECK(bad_sig.status == 401);
    CHECK(json::parse(bad_sig.body)["reason"] == "signature_invalid");

    const auto unknown = submit(signed_text(golden()), "nobody");
    CHECK(unknown.status == 401);
    CHECK(json::parse(unknown.body)["error"]["code"] == "unknown_tenant");

    Pcs escalated = golden();
    escalated.regime = "sticky";
    CHECK(submit(signed_text(escalated), "t2-unused").status == 401);
    h.keys.set("beta", VerificationKey::hmac("beta-secret"));
    CHECK(submit(signed_text(escalated, "beta-secret"), "beta").status == 202);
    Pcs rejected = golden();
    rejected.coh_star = 2.0;
    h.keys.set("gamma", VerificationKey::hmac("testsecret"));
    CHECK(submit(signed_text(rejected), "gamma").status == 422);
    // Every raw body reached the write-ahead log first, even unparsable ones.
    CHECK(h.log.entries.size() == 8);
    CHECK(h.log.entries[1] == "{not json");
  }

  TEST_CASE("replay returns the first stored result until it expires") {
    Harness h;
    const Pcs first = golden();
    const auto original = h.service.submit("acme", signed_text(first));
    REQUIRE(original.status == 200);
    CHECK_FALSE(original.replayed);

    // The same pcs_id, re-signed with a different budget: the first result stands.
    Pcs second = golden();
    second.budget += 0.5;
    const auto replayed = h.service.submit("acme", signed_text(second));
    CHECK(replayed.replayed);
    CHECK(replayed.status == 200);
    CHECK(replayed.body == original.body);

    // Tenants do not share results.
    h.keys.set("other", VerificationKey::hmac("testsecret"));
    const auto other = h.service.submit("other", signed_text(second));
    CHECK_FALSE(other.replayed);
    CHECK(other.status == 202);

    // After the TTL (1000 ms here) the submission is verified afresh.
    h.now = 1000;
    const auto fresh = h.service.submit("acme", signed_text(second));
    CHECK_FALSE(fresh.replayed);
    CHECK(fresh.status == 202);
    // A bad signature is never cached and never answered from the cache.
    Pcs forged = golden();
    forged.sig = "AAAA";
    CHECK(h.service.submit("acme", write_pcs(forged)).status == 401);
  }

  TEST_CASE("compat mode answers exactly like the reference server") {
    Harness h(VerifyMode::compat);
    const auto ok = h.service.submit("", signed_text(golden()));
    CHECK(ok.status == 200);
    CHECK(ok.body ==
          "{\"accepted\":true,\"recomputed_D_hat\":0.528320834,"
          "\"recomputed_budget\":0.317807017,\"escalated\":false}\n");
    CHECK(h.service.submit("", "nope").body == "Invalid JSON\n");
    Pcs tampered = golden();
    tampered.epoch = 2;
    const auto unauthorised = h.service.submit("", write_pcs(tampered));
    CHECK(unauthorised.status == 401);
    CHECK(unauthorised.body == "Signature verification failed\n");
    Pcs rejected = golden();
    rejected.coh_star = 2.0;
    Harness fresh(VerifyMode::compat);
    const auto rejected_reply = fresh.service.submit("", signed_text(rejected));
    CHECK(rejected_reply.status == 202);  // the reference's choice for a rejection
    CHECK(rejected_reply.body.find("\"accepted\":false") != std::string::npos);
  }

  TEST_CASE("memory dedup store: first write wins, TTL, sweep") {
    MemoryDedupStore store;
    CHECK_FALSE(store.get("k", 0)->has_value());
    CHECK(*store.put_if_absent("k", "first", 0, 100) == "first");
    CHECK(*store.put_if_absent("k", "second", 50, 100) == "first");
    CHECK(**store.get("k", 99) == "first");
    CHECK_FALSE(store.get("k", 100)->has_value());
    CHECK(*store.put_if_absent("k", "third", 100, 100) == "third");
    for (int i = 0; i < 3000; ++i) (void)store.put_if_absent(std::to_string(i), "v", 1000, 10);
    CHECK(store.size(2000) == 0);
  }

  TEST_CASE("tenant keys: per-tenant algorithms") {
    KeyRegistry keys;
    Ed25519Seed seed{};
    seed[5] = 9;
    const SigningKey signer = SigningKey::ed25519(seed);
    keys.set("edge", signer.verification_key());
    keys.set("lab", VerificationKey::hmac("lab-secret"));
    CHECK((*keys.find("edge"))->algorithm == SignatureAlgorithm::ed25519);
    CHECK((*keys.find("lab"))->algorithm == SignatureAlgorithm::hmac_sha256);
    CHECK(keys.find("nobody").error().code == lf::ErrorCode::unknown_tenant);

    MemoryDedupStore store;
    SubmissionService service(keys, store, nullptr, [] { return Millis{0}; });
    Pcs pcs = golden();
    REQUIRE(sign_pcs(pcs, signer).ok());
    CHECK(service.submit("edge", write_pcs(pcs)).status == 200);
    CHECK(service.submit("lab", write_pcs(pcs)).status == 401);
  }
}
