// The Verification panel's model against the Fractal LBA golden vector
// (tests/data/fractal-lba: case 1, signed with HMAC key "testsecret") and the
// statuses docs/VERIFY.md gives for it, for a copy tampered after signing and
// for malformed input; and signed receipts.
#include <doctest/doctest.h>

#include "ui/panels/verify_examples.hpp"
#include "ui/panels/verify_model.hpp"

namespace {

using namespace lf::ui;
using namespace lf::ui::verify;

const KeyForm kGoldenKey{KeyAlgorithm::hmac_sha256, std::string(kGoldenSecret), {}};

PcsVerdict check_pcs(std::string_view text, const KeyForm& key, bool compat = false) {
  return read_pcs_verdict(call_route("pcs/verify", pcs_verify_request(text, key, compat)));
}

}  // namespace

TEST_SUITE("panels_verify") {
  TEST_CASE("the bundled example is the golden record, byte for byte") {
    CHECK(golden_pcs_name() == "pcs_tiny_case_1.json");
    const auto record = nlohmann::json::parse(golden_pcs_text());
    CHECK(record["pcs_id"] == "c50bb25a7aff94164147b73c846f0e5e10890d75df204875ca70c448f52c6edf");
    CHECK(record["sig"] == "x5KLRpKb75Oy1oxLA+3V+bgY/HL/3ZYOk1rw3pCiSm4=");
    // The agent's layout (json.dump, indent 2), not a re-serialisation.
    CHECK(golden_pcs_text().substr(0, 19) == "{\n  \"pcs_id\": \"c50b");
  }

  TEST_CASE("documents are told apart") {
    CHECK(classify(golden_pcs_text()) == DocumentKind::pcs);
    CHECK(classify(R"({"receipt": {}, "signature": {}})") == DocumentKind::receipt);
    CHECK(classify("{}") == DocumentKind::unknown);
    CHECK(classify("[1, 2]") == DocumentKind::not_json);
    CHECK(classify("not json at all") == DocumentKind::not_json);
    CHECK(classify("\xff\xfe") == DocumentKind::not_json);
  }

  TEST_CASE("the golden record is accepted with its key; its figures are recomputed") {
    const PcsVerdict ok = check_pcs(golden_pcs_text(), kGoldenKey);
    CHECK(ok.status == 200);
    CHECK(ok.outcome == Outcome::accepted);
    CHECK(ok.reason == "ok");
    CHECK(ok.signature == "valid");
    CHECK(ok.pcs_id == "c50bb25a7aff94164147b73c846f0e5e10890d75df204875ca70c448f52c6edf");
    CHECK(*ok.recomputed_d_hat == 0.528320834);
    CHECK(*ok.recomputed_budget == 0.317807017);
    const PcsVerdict unchecked = check_pcs(golden_pcs_text(), {});
    CHECK(unchecked.outcome == Outcome::accepted);
    CHECK(unchecked.signature == "not_checked");
    const PcsVerdict wrong_key =
        check_pcs(golden_pcs_text(), {KeyAlgorithm::hmac_sha256, "another secret", {}});
    CHECK(wrong_key.status == 401);
    CHECK(wrong_key.outcome == Outcome::signature_invalid);
  }

  TEST_CASE("the tampered copy: the signature catches it, the budget check escalates it") {
    const std::string tampered = tampered_pcs_text();
    CHECK(nlohmann::json::parse(tampered)["budget"] == 0.5);
    const PcsVerdict signed_check = check_pcs(tampered, kGoldenKey);
    CHECK(signed_check.status == 401);
    CHECK(signed_check.outcome == Outcome::signature_invalid);
    CHECK(signed_check.reason == "signature_invalid");
    const PcsVerdict unsigned_check = check_pcs(tampered, {});
    CHECK(unsigned_check.status == 202);
    CHECK(unsigned_check.outcome == Outcome::escalated);
    CHECK(unsigned_check.reason == "budget_deviation");
    // compat mode answers a bad signature in plain text, as the reference server does.
    const PcsVerdict compat = check_pcs(tampered, kGoldenKey, true);
    CHECK(compat.status == 401);
    CHECK(compat.outcome == Outcome::signature_invalid);
    CHECK(compat.detail == "Signature verification failed\n");
  }

  TEST_CASE("a D_hat far from the recomputed one is rejected: 422 strict, 202 compat") {
    auto record = nlohmann::json::parse(golden_pcs_text());
    record["D_hat"] = 2.0;
    const PcsVerdict strict = check_pcs(record.dump(), {});
    CHECK(strict.status == 422);
    CHECK(strict.outcome == Outcome::rejected);
    CHECK(strict.reason == "d_hat_out_of_tolerance");
    const PcsVerdict compat = check_pcs(record.dump(), {}, true);
    CHECK(compat.status == 202);
    CHECK(compat.outcome == Outcome::rejected);  // the reference escalates its rejections
  }

  TEST_CASE("malformed input is an error with its code") {
    const PcsVerdict broken = check_pcs("{", {});
    CHECK(broken.status == 400);
    CHECK(broken.outcome == Outcome::malformed);
    CHECK(broken.reason == "json_parse_error");
    const PcsVerdict wrong_shape = check_pcs(R"({"pcs_id": 3})", {});
    CHECK(wrong_shape.outcome == Outcome::malformed);
    CHECK(wrong_shape.reason == "pcs_invalid");
    const PcsVerdict bad_key =
        check_pcs(golden_pcs_text(), {KeyAlgorithm::ed25519, {}, "not base64"});
    CHECK(bad_key.status == 400);
    CHECK(bad_key.outcome == Outcome::malformed);
  }

  TEST_CASE("signed receipts: valid, altered, pinned to another key") {
    const std::string seed = std::string(42, 'B') + "A=";
    const nlohmann::json sign = {
        {"subject", {{"detector", "variance_compression"}, {"index", 28}, {"kind", "expansion"}}},
        {"algorithm", {{"name", "variance_compression"}, {"version", "1.0.0"}}},
        {"input", {{"values", {1, 2, 3}}}},
        {"seed", seed}};
    const RouteReply signed_receipt = call_route("receipt/sign", sign);
    REQUIRE(signed_receipt.status == 200);
    const std::string text = signed_receipt.body.dump(2);
    CHECK(classify(text) == DocumentKind::receipt);
    const RouteReply valid = call_route("receipt/verify", receipt_verify_request(text, ""));
    CHECK(valid.status == 200);
    CHECK(valid.body["valid"] == true);
    CHECK(valid.body["key_pinned"] == false);

    nlohmann::json altered = signed_receipt.body;
    altered["receipt"]["subject"]["index"] = 29;
    const RouteReply invalid =
        call_route("receipt/verify", receipt_verify_request(altered.dump(), ""));
    CHECK(invalid.status == 401);
    CHECK_FALSE(invalid.failed());  // a verdict, not an error
    CHECK(invalid.body["reason"] == "signature_invalid");

    const std::string other_key = std::string(43, 'A') + "=";
    const RouteReply pinned = call_route("receipt/verify", receipt_verify_request(text, other_key));
    CHECK(pinned.status == 401);
    CHECK(pinned.body["reason"] == "key_mismatch");
  }
}
