// The verification routes through core/api, as every shell serves them.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "lf/api/dispatch.hpp"
#include "lf/verify/audit_chain.hpp"
#include "verify_support.hpp"

using lf::test::read_data;
using nlohmann::json;

namespace {

json parsed(const lf::api::Response& response) {
  json body = json::parse(response.body, nullptr, false);
  REQUIRE_FALSE(body.is_discarded());
  return body;
}

const json kHmac = {{"algorithm", "hmac-sha256"}, {"secret", "testsecret"}};

json build_request(const std::string& name) {
  return {{"csv", read_data("fractal-lba/" + name + ".csv")},
          {"shard_id", "test-shard-001"},
          {"epoch", 1},
          {"seed", 42},
          {"sent_at", "2025-01-19T12:00:00Z"},
          {"key", kHmac}};
}

}  // namespace

TEST_SUITE("verify") {
  TEST_CASE("pcs/build reproduces the golden records through the API") {
    for (const char* name : {"tiny_case_1", "tiny_case_2"}) {
      CAPTURE(name);
      const auto response = lf::api::dispatch("pcs/build", build_request(name).dump());
      REQUIRE(response.status == 200);
      const json body = parsed(response);
      const json golden = json::parse(read_data(std::string("fractal-lba/pcs_") + name + ".json"));
      for (const char* field : {"pcs_id", "merkle_root", "epoch", "shard_id", "D_hat", "coh_star",
                                "r", "budget", "sig", "regime", "N_j"}) {
        CHECK(body["pcs"][field] == golden[field]);
      }
      CHECK(body["signature_algorithm"] == "hmac-sha256");
      CHECK(body["payload"].get<std::string>().rfind("{\"D_hat\":", 0) == 0);
    }
    json ed = build_request("tiny_case_1");
    ed["key"] = {{"algorithm", "ed25519"}, {"seed", std::string(43, 'A') + "="}};
    const json body = parsed(lf::api::dispatch("pcs/build", ed.dump()));
    CHECK(body["signature_algorithm"] == "ed25519");
    CHECK(body["public_key"].is_string());
  }

  TEST_CASE("pcs/build and pcs/verify reject bad requests with typed errors") {
    json bad_seed = build_request("tiny_case_1");
    bad_seed["seed"] = -1;
    CHECK(lf::api::dispatch("pcs/build", bad_seed.dump()).status == 400);
    json fractional = build_request("tiny_case_1");
    fractional["epoch"] = 1.5;
    CHECK(parsed(lf::api::dispatch("pcs/build", fractional.dump()))["error"]["code"] ==
          "schema_error");
    json bad_key = build_request("tiny_case_1");
    bad_key["key"] = {{"algorithm", "rsa"}};
    CHECK(lf::api::dispatch("pcs/build", bad_key.dump()).status == 400);
    const auto not_pcs = lf::api::dispatch("pcs/verify", R"({"pcs": {"pcs_id": 3}})");
    CHECK(not_pcs.status == 400);
    CHECK(parsed(not_pcs)["error"]["code"] == "pcs_invalid");
    CHECK(lf::api::dispatch("pcs/verify", R"({"pcs": "{"})").status == 400);
    CHECK(lf::api::dispatch("pcs/verify", R"({"pcs": {}, "mode": "lax"})").status == 400);
  }

  TEST_CASE("pcs/verify: statuses of the contract and the compat mirror") {
    const json golden = json::parse(read_data("fractal-lba/pcs_tiny_case_1.json"));
    const auto verify = [](const json& pcs, const json& extra) {
      json request = extra;
      request["pcs"] = pcs;
      return lf::api::dispatch("pcs/verify", request.dump());
    };
    const auto ok = verify(golden, {{"key", kHmac}});
    CHECK(ok.status == 200);
    CHECK(parsed(ok)["signature"] == "valid");
    // The record as text, byte for byte as received.
    CHECK(verify(read_data("fractal-lba/pcs_tiny_case_1.json"), {{"key", kHmac}}).status == 200);
    CHECK(parsed(verify(golden, json::object()))["signature"] == "not_checked");

    json forged = golden;
    forged["budget"] = 0.5;
    const auto unauthorised = verify(forged, {{"key", kHmac}});
    CHECK(unauthorised.status == 401);
    CHECK(parsed(unauthorised)["reason"] == "signature_invalid");
    CHECK(verify(forged, json::object()).status == 202);  // unsigned check: budget deviates
    json off = golden;
    off["D_hat"] = 2.0;
    CHECK(verify(off, json::object()).status == 422);
    CHECK(verify(off, {{"mode", "compat"}}).status == 202);
    const auto compat = verify(forged, {{"key", kHmac}, {"mode", "compat"}});
    CHECK(compat.status == 401);
    CHECK(compat.body == "Signature verification failed\n");
  }

  TEST_CASE("pcs/submit: tenants, replay, TTL through now_ms") {
    const std::string record = read_data("fractal-lba/pcs_tiny_case_1.json");
    json request = {
        {"body", record}, {"tenant", "api-test"}, {"keys", {{"api-test", kHmac}}}, {"now_ms", 5}};
    const auto first = lf::api::dispatch("pcs/submit", request.dump());
    CHECK(first.status == 200);
    json changed = json::parse(record);
    changed["regime"] = "sticky";
    request["body"] = changed.dump();
    const auto replay = lf::api::dispatch("pcs/submit", request.dump());
    CHECK(replay.status == 200);
    CHECK(replay.body == first.body);
    request["now_ms"] = 5 + 14LL * 24 * 3600 * 1000;  // the 14-day TTL has run out
    CHECK(lf::api::dispatch("pcs/submit", request.dump()).status == 202);
    request["tenant"] = "stranger";
    const auto unknown = lf::api::dispatch("pcs/submit", request.dump());
    CHECK(unknown.status == 401);
    CHECK(parsed(unknown)["error"]["code"] == "unknown_tenant");
    request.erase("now_ms");
    CHECK(lf::api::dispatch("pcs/submit", request.dump()).status == 400);
  }

  TEST_CASE("receipt/sign and receipt/verify") {
    const std::string seed = std::string(42, 'B') + "A=";
    const json sign = {{"subject", {{"kind", "expansion"}, {"index", 28}}},
                       {"algorithm", {{"name", "variance_compression"}, {"version", "1.0.0"}}},
                       {"input", {{"values", {1, 2, 3}}}},
                       {"seed", seed}};
    const auto signed_response = lf::api::dispatch("receipt/sign", sign.dump());
    REQUIRE(signed_response.status == 200);
    const json receipt = parsed(signed_response);
    CHECK(receipt["receipt"]["input_digest"].get<std::string>().rfind("sha256:", 0) == 0);
    const auto valid = lf::api::dispatch("receipt/verify", json{{"receipt", receipt}}.dump());
    CHECK(valid.status == 200);
    CHECK(parsed(valid)["valid"] == true);
    json changed = receipt;
    changed["receipt"]["subject"]["index"] = 29;
    const auto invalid = lf::api::dispatch("receipt/verify", json{{"receipt", changed}}.dump());
    CHECK(invalid.status == 401);
    CHECK(parsed(invalid)["reason"] == "signature_invalid");
    json both = sign;
    both["input_digest"] = "sha256:00";
    CHECK(lf::api::dispatch("receipt/sign", both.dump()).status == 400);
  }

  TEST_CASE("audit/verify names the first bad line") {
    lf::verify::AuditChain chain;
    std::string log;
    for (int i = 0; i < 4; ++i) log += *chain.append("{\"i\":" + std::to_string(i) + "}");
    const auto intact = lf::api::dispatch("audit/verify", json{{"log", log}}.dump());
    CHECK(intact.status == 200);
    CHECK(parsed(intact)["records"] == 4);
    std::string tampered = log;
    tampered[tampered.find("\"i\":2")] = ' ';
    const auto broken = lf::api::dispatch("audit/verify", json{{"log", tampered}}.dump());
    CHECK(broken.status == 422);
    CHECK(parsed(broken)["first_bad"]["line"] == 3);
    const auto short_log =
        lf::api::dispatch("audit/verify", json{{"log", log}, {"expected_records", 5}}.dump());
    CHECK(parsed(short_log)["first_bad"]["reason"] == "truncated");
  }

  TEST_CASE("the verification routes are listed") {
    const auto names = lf::api::route_names();
    for (const char* route : {"audit/verify", "pcs/build", "pcs/submit", "pcs/verify",
                              "receipt/sign", "receipt/verify"}) {
      CHECK(std::find(names.begin(), names.end(), route) != names.end());
    }
  }
}
