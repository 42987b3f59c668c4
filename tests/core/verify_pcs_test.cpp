// The reference agent's golden vectors, byte for byte, and the signature's
// sensitivity to every signed field and every payload byte.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>

#include "lf/verify/merkle.hpp"
#include "lf/verify/pcs.hpp"
#include "lf/verify/pcs_builder.hpp"
#include "lf/verify/point_cloud.hpp"
#include "lf/verify/signals.hpp"
#include "lf/verify/signing.hpp"
#include "verify_support.hpp"

using namespace lf::verify;
using lf::test::read_data;

namespace {

const char* const kGoldenCases[] = {"tiny_case_1", "tiny_case_2"};

Pcs golden_record(const std::string& name) {
  auto pcs = parse_pcs(read_data("fractal-lba/pcs_" + name + ".json"));
  REQUIRE(pcs.ok());
  return *pcs;
}

BuiltPcs build_golden(const std::string& name) {
  PcsBuildOptions options;
  options.shard_id = "test-shard-001";
  options.epoch = 1;
  options.seed = 42;
  options.sent_at = "2025-01-19T12:00:00Z";
  options.key = SigningKey::hmac("testsecret");
  auto built = build_pcs(read_data("fractal-lba/" + name + ".csv"), options);
  REQUIRE(built.ok());
  return *built;
}

}  // namespace

TEST_SUITE("verify") {
  TEST_CASE("golden vectors: every signed field, payload, pcs_id, merkle_root, signature") {
    for (const char* name : kGoldenCases) {
      CAPTURE(name);
      const Pcs golden = golden_record(name);
      const BuiltPcs built = build_golden(name);
      const Pcs& pcs = built.pcs;
      CHECK(pcs.merkle_root == golden.merkle_root);
      CHECK(pcs.pcs_id == golden.pcs_id);
      CHECK(pcs.n_j == golden.n_j);
      CHECK(pcs.scales == golden.scales);
      // Bit-exact doubles: the payload depends on every bit of them.
      CHECK(pcs.d_hat == golden.d_hat);
      CHECK(pcs.coh_star == golden.coh_star);
      CHECK(pcs.r == golden.r);
      CHECK(pcs.budget == golden.budget);
      CHECK(pcs.regime == golden.regime);
      CHECK(pcs.sig == golden.sig);
      REQUIRE(pcs.v_star.size() == 3);
      for (std::size_t i = 0; i < 3; ++i)
        CHECK(std::fabs(pcs.v_star[i] - golden.v_star[i]) <= 1e-12);
      auto golden_payload = signature_payload(golden);
      REQUIRE(golden_payload.ok());
      CHECK(built.payload == *golden_payload);
      CHECK(verify_pcs_signature(golden, VerificationKey::hmac("testsecret")).ok());
    }
  }

  TEST_CASE("golden case 1: the documented values") {
    const BuiltPcs built = build_golden("tiny_case_1");
    CHECK(built.payload ==
          "{\"D_hat\":0.528320834,\"budget\":0.317807017,\"coh_star\":0.066666667,\"epoch\":1,"
          "\"merkle_root\":\"e966b52c992aefad3c3d0196db02554f30d10d55e8a6e5e3038f88e79e414112\","
          "\"pcs_id\":\"c50bb25a7aff94164147b73c846f0e5e10890d75df204875ca70c448f52c6edf\","
          "\"r\":0.318421053,\"shard_id\":\"test-shard-001\"}");
    CHECK(built.pcs.sig == "x5KLRpKb75Oy1oxLA+3V+bgY/HL/3ZYOk1rw3pCiSm4=");
    // Case 2 has D_hat 1.0, which must be written "1.0", not "1".
    CHECK(build_golden("tiny_case_2").payload.find("\"D_hat\":1.0,") != std::string::npos);
  }

  TEST_CASE("the record writer reproduces the reference layout") {
    for (const char* name : kGoldenCases) {
      CAPTURE(name);
      const Pcs golden = golden_record(name);
      // Re-written from the parsed record: identical to the agent's file.
      CHECK(write_pcs(golden) == read_data(std::string("fractal-lba/pcs_") + name + ".json"));
      auto reparsed = parse_pcs(write_pcs(build_golden(name).pcs));
      REQUIRE(reparsed.ok());
      CHECK(reparsed->sig == golden.sig);
    }
  }

  TEST_CASE("pcs_id example and the Merkle root of empty input") {
    CHECK(pcs_id_hex("abc123", 1, "shard-001") ==
          "9c2a1a9fe3d87edab9aaee193852edc091aa03e263580f9556f1f0d0f1679b93");
    CHECK(merkle_root_hex("") == std::string(64, '0'));
  }

  TEST_CASE("mutating any one of the 8 signed fields breaks the signature") {
    const Pcs golden = golden_record("tiny_case_1");
    const VerificationKey key = VerificationKey::hmac("testsecret");
    REQUIRE(verify_pcs_signature(golden, key).ok());
    const std::function<void(Pcs&)> mutations[] = {
        [](Pcs& p) { p.pcs_id[0] = p.pcs_id[0] == 'c' ? 'd' : 'c'; },
        [](Pcs& p) { p.merkle_root[63] = p.merkle_root[63] == '2' ? '3' : '2'; },
        [](Pcs& p) { p.epoch += 1; },
        [](Pcs& p) { p.shard_id += "x"; },
        [](Pcs& p) { p.d_hat += 1e-9; },
        [](Pcs& p) { p.coh_star += 1e-9; },
        [](Pcs& p) { p.r -= 1e-9; },
        [](Pcs& p) { p.budget += 1e-9; },
    };
    for (const auto& mutate : mutations) {
      Pcs changed = golden;
      mutate(changed);
      const auto status = verify_pcs_signature(changed, key);
      REQUIRE_FALSE(status.ok());
      CHECK(status.error().code == lf::ErrorCode::signature_invalid);
    }
    // Unsigned fields are not covered, by design of the format.
    Pcs unsigned_change = golden;
    unsigned_change.regime = "sticky";
    unsigned_change.v_star[0] = 0.0;
    CHECK(verify_pcs_signature(unsigned_change, key).ok());
    // Changes below the 9th decimal vanish in the rounding, as in the reference.
    Pcs tiny = golden;
    tiny.d_hat += 1e-12;
    CHECK(verify_pcs_signature(tiny, key).ok());
  }

  TEST_CASE("changing any byte of the payload breaks both signature kinds") {
    const Pcs golden = golden_record("tiny_case_2");
    const std::string payload = *signature_payload(golden);
    Ed25519Seed seed{};
    seed[0] = 7;
    for (const SigningKey& signer : {SigningKey::hmac("testsecret"), SigningKey::ed25519(seed)}) {
      const std::string sig = sign_payload(signer, payload);
      const VerificationKey key = signer.verification_key();
      REQUIRE(verify_payload(key, payload, sig).ok());
      for (std::size_t i = 0; i < payload.size(); ++i) {
        std::string changed = payload;
        changed[i] = static_cast<char>(changed[i] ^ 0x01);
        REQUIRE_FALSE(verify_payload(key, changed, sig).ok());
      }
      CHECK_FALSE(verify_payload(key, payload, "").ok());
      CHECK_FALSE(verify_payload(key, payload, "not base64!").ok());
    }
  }

  TEST_CASE("Ed25519 PCS signatures are over SHA-256 of the payload") {
    BuiltPcs built = build_golden("tiny_case_1");
    Ed25519Seed seed{};
    seed[31] = 1;
    const SigningKey signer = SigningKey::ed25519(seed);
    REQUIRE(sign_pcs(built.pcs, signer).ok());
    auto signature = fixed_from_base64<64>(built.pcs.sig, "sig");
    REQUIRE(signature.ok());
    CHECK(ed25519_verify(signer.ed25519_pair.public_key, sha256(built.payload), *signature));
    CHECK(verify_pcs_signature(built.pcs, signer.verification_key()).ok());
    CHECK_FALSE(verify_pcs_signature(built.pcs, VerificationKey::hmac("testsecret")).ok());
  }

  TEST_CASE("shard ids are written as Python's json.dumps writes them") {
    Pcs pcs = golden_record("tiny_case_1");
    pcs.shard_id = "caf\xC3\xA9-\"q\"\n\xF0\x9F\x98\x80";
    const std::string payload = *signature_payload(pcs);
    CHECK(payload.find(R"("shard_id":"caf\u00e9-\"q\"\n\ud83d\ude00")") != std::string::npos);
    pcs.shard_id = std::string(1, '\xFF');
    CHECK_FALSE(signature_payload(pcs).ok());
  }

  TEST_CASE("signals: box counts, Theil-Sen, regimes, budget, compressibility") {
    const std::vector<Point3> points = {{0.1, 0.2, 0.3}, {0.6, 0.7, 0.8}, {0.55, 0.7, 0.8}};
    auto counts = box_counts(points, kDefaultScales);
    REQUIRE(counts.ok());
    CHECK(*counts == std::vector<std::int64_t>{2, 2, 2, 3});
    const std::int64_t scales[] = {2, 4};
    const std::int64_t n[] = {4, 16};
    CHECK(*theil_sen_dimension(scales, n) == 2.0);
    const std::int64_t bad[] = {4, 0};
    CHECK_FALSE(theil_sen_dimension(scales, bad).ok());
    CHECK(classify_regime(1.2, 0.8) == "sticky");
    CHECK(classify_regime(2.7, 0.8) == "non_sticky");
    CHECK(classify_regime(2.0, 0.1) == "mixed");
    CHECK(budget_formula(3.0, 1.0, 0.0) == 1.0);
    CHECK(*compressibility("") == 1.0);
    auto empty = directional_coherence({}, 42);
    REQUIRE(empty.ok());
    CHECK(empty->coh_star == 0.0);
    CHECK_FALSE(directional_coherence(points, -1).ok());
  }

  TEST_CASE("CSV input errors") {
    PcsBuildOptions options;
    options.shard_id = "s";
    options.sent_at = "2025-01-19T12:00:00Z";
    const auto code_of = [&](const std::string& csv) {
      auto built = build_pcs(csv, options);
      REQUIRE_FALSE(built.ok());
      return built.error().code;
    };
    CHECK(code_of("timestamp,x,y\n1,2,3\n") == lf::ErrorCode::missing_column);
    CHECK(code_of("timestamp,x,y,z\n1,2,abc,3\n") == lf::ErrorCode::csv_parse_error);
    CHECK(code_of("timestamp,x,y,z\n1,2,nan,3\n") == lf::ErrorCode::non_finite_value);
    CHECK(code_of("timestamp,x,y,z\n") == lf::ErrorCode::empty_input);
    CHECK(code_of("timestamp,x,y,z\n1,\"2,3\n") == lf::ErrorCode::csv_parse_error);
    options.sent_at = "yesterday";
    CHECK(code_of("timestamp,x,y,z\n1,2,3,4\n") == lf::ErrorCode::invalid_argument);

    auto cloud = read_point_csv("z,y,x,timestamp,extra\r\n\"3\", 2 ,1,7,q\r\n\r\n");
    REQUIRE(cloud.ok());
    CHECK(cloud->points.size() == 1);
    CHECK(cloud->points[0] == Point3{1.0, 2.0, 3.0});
    CHECK(cloud->raw == "7.000000000,1, 2 ,3");
  }

  TEST_CASE("PCS parsing: strict and lenient") {
    CHECK(parse_pcs("{").error().code == lf::ErrorCode::json_parse_error);
    CHECK(parse_pcs("[]").error().code == lf::ErrorCode::pcs_invalid);
    auto missing = parse_pcs(R"({"pcs_id":"x"})");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == lf::ErrorCode::pcs_invalid);
    auto lenient = parse_pcs(R"({"pcs_id":"x","epoch":null})", PcsParsing::lenient);
    REQUIRE(lenient.ok());
    CHECK(lenient->schema.empty());
    CHECK(lenient->epoch == 0);
    auto wrong_type = parse_pcs(R"({"epoch":1.5})", PcsParsing::lenient);
    REQUIRE_FALSE(wrong_type.ok());
    CHECK(wrong_type.error().message.find("epoch") != std::string::npos);
  }
}
