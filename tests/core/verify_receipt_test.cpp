// Signed receipts: JCS bytes + Ed25519, verifiable from any serialisation.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "lf/verify/encoding.hpp"
#include "lf/verify/jcs.hpp"
#include "lf/verify/receipt.hpp"

using namespace lf::verify;
using nlohmann::json;

namespace {

Ed25519KeyPair receipt_key(std::uint8_t tag = 3) {
  Ed25519Seed seed{};
  seed[1] = tag;
  return ed25519_keypair_from_seed(seed);
}

std::string sample_receipt() {
  ReceiptContent content;
  content.subject_json =
      R"({"detector":"variance_compression","index":28,"kind":"expansion","score":2.449})";
  content.algorithm_name = "variance_compression";
  content.algorithm_version = "1.0.0";
  content.input_digest = *input_digest(R"({"values":[1,2,3.5]})");
  content.issued_at = "2025-01-19T12:00:00Z";
  auto receipt = sign_receipt(content, receipt_key());
  REQUIRE(receipt.ok());
  return *receipt;
}

}  // namespace

TEST_SUITE("verify") {
  TEST_CASE("a receipt verifies, also after being re-serialised") {
    const std::string receipt = sample_receipt();
    CHECK(*canonical_json(receipt) == receipt);  // it is canonical JSON itself
    auto check = verify_receipt(receipt, receipt_key().public_key);
    REQUIRE(check.ok());
    CHECK(check->valid);
    CHECK(check->reason == "ok");
    CHECK(check->key_pinned);
    CHECK(check->public_key == to_base64(receipt_key().public_key));
    // Pretty-printed with other member order and number spelling: same bytes signed.
    json pretty = json::parse(receipt);
    pretty["receipt"]["subject"]["score"] = 2.4490;
    CHECK(verify_receipt(pretty.dump(2), std::nullopt)->valid);
    CHECK(*input_digest("{ \"values\" : [1.0, 2, 35e-1] }") ==
          *input_digest(R"({"values":[1,2,3.5]})"));
  }

  TEST_CASE("any change to the receipt breaks it; another key is named") {
    json changed = json::parse(sample_receipt());
    changed["receipt"]["subject"]["index"] = 29;
    CHECK(verify_receipt(changed.dump(), std::nullopt)->reason == "signature_invalid");
    json renamed = json::parse(sample_receipt());
    renamed["receipt"]["algorithm"]["version"] = "1.0.1";
    CHECK_FALSE(verify_receipt(renamed.dump(), std::nullopt)->valid);
    auto other_key = verify_receipt(sample_receipt(), receipt_key(4).public_key);
    CHECK(other_key->reason == "key_mismatch");
    CHECK_FALSE(other_key->valid);
  }

  TEST_CASE("malformed receipts and inputs are errors, not verdicts") {
    CHECK(verify_receipt("{", std::nullopt).error().code == lf::ErrorCode::json_parse_error);
    CHECK(verify_receipt("{}", std::nullopt).error().code == lf::ErrorCode::schema_error);
    json no_format = json::parse(sample_receipt());
    no_format["receipt"].erase("format");
    CHECK(verify_receipt(no_format.dump(), std::nullopt).error().code ==
          lf::ErrorCode::schema_error);
    const ReceiptContent content{"{}", "x", "1", "md5:00", std::nullopt};
    CHECK(sign_receipt(content, receipt_key()).error().code == lf::ErrorCode::invalid_argument);
  }
}
