// Published test vectors for the libsodium wrappers: SHA-256 (FIPS 180-2
// examples), HMAC-SHA256 (RFC 4231), Ed25519 (RFC 8032 section 7.1).
#include <doctest/doctest.h>

#include "lf/verify/crypto.hpp"
#include "lf/verify/encoding.hpp"
#include "verify_support.hpp"

using namespace lf::verify;
using lf::test::hex_bytes;
using lf::test::hex_text;

TEST_SUITE("verify") {
  TEST_CASE("SHA-256 NIST vectors") {
    CHECK(to_hex(sha256("abc")) ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(to_hex(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(to_hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(to_hex(sha256(std::string(1000000, 'a'))) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  }

  TEST_CASE("HMAC-SHA256 RFC 4231 test cases 1-7") {
    struct Case {
      std::string key;
      std::string data;
      const char* tag;
    };
    const std::string long_key(131, '\xaa');
    const Case cases[] = {
        {std::string(20, '\x0b'), "Hi There",
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
        {"Jefe", "what do ya want for nothing?",
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
        {std::string(20, '\xaa'), std::string(50, '\xdd'),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
        {hex_text("0102030405060708090a0b0c0d0e0f10111213141516171819"), std::string(50, '\xcd'),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
        {long_key, "Test Using Larger Than Block-Size Key - Hash Key First",
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
        {long_key,
         "This is a test using a larger than block-size key and a larger than block-size data. "
         "The key needs to be hashed before being used by the HMAC algorithm.",
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
    };
    for (const auto& c : cases) CHECK(to_hex(hmac_sha256(c.key, c.data)) == c.tag);
    // Test case 5 is defined truncated to 128 bits.
    CHECK(to_hex(hmac_sha256(std::string(20, '\x0c'), "Test With Truncation")).substr(0, 32) ==
          "a3b6167473100ee06e0c796c2955552b");
  }

  TEST_CASE("Ed25519 RFC 8032 vectors: TEST 1, 2, 3 and SHA(abc)") {
    struct Case {
      const char* seed;
      const char* public_key;
      const char* message;
      const char* signature;
    };
    const Case cases[] = {
        {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
         "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
         "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e3970"
         "1cf9b46bd25bf5f0595bbe24655141438e7a100b"},
        {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
         "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
         "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613"
         "d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
        {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
         "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
         "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760"
         "984dc6594a7c15e9716ed28dc027beceea1ec40a"},
        {"833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
         "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
         "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23"
         "a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
         "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c6"
         "6431e0303dca179c138ac17ad9bef1177331a704"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.seed);
      auto seed = fixed_bytes<32>(hex_bytes(c.seed), "seed");
      REQUIRE(seed.ok());
      const Ed25519KeyPair pair = ed25519_keypair_from_seed(*seed);
      CHECK(to_hex(pair.public_key) == c.public_key);
      const auto message = hex_bytes(c.message);
      const Ed25519Signature signature = ed25519_sign(pair, message);
      CHECK(to_hex(signature) == c.signature);
      CHECK(ed25519_verify(pair.public_key, message, signature));
      Ed25519Signature forged = signature;
      forged[10] ^= 0x01;
      CHECK_FALSE(ed25519_verify(pair.public_key, message, forged));
      auto other = message;
      other.push_back(0);
      CHECK_FALSE(ed25519_verify(pair.public_key, other, signature));
    }
  }

  TEST_CASE("constant-time comparison") {
    const auto a = hex_bytes("00112233");
    CHECK(constant_time_equal(a, hex_bytes("00112233")));
    CHECK_FALSE(constant_time_equal(a, hex_bytes("00112234")));
    CHECK_FALSE(constant_time_equal(a, hex_bytes("001122")));
    CHECK(constant_time_equal(std::vector<std::uint8_t>{}, std::vector<std::uint8_t>{}));
  }

  TEST_CASE("hex and base64 are strict") {
    CHECK(to_hex(hex_bytes("00ff10")) == "00ff10");
    CHECK(to_base64(as_bytes("foobar")) == "Zm9vYmFy");
    CHECK(to_base64(as_bytes("fo")) == "Zm8=");
    CHECK(to_base64(as_bytes("")) == "");
    auto decoded = from_base64("Zm8=", "x");
    REQUIRE(decoded.ok());
    CHECK(std::string(decoded->begin(), decoded->end()) == "fo");
    for (const char* bad : {"Zm8", "Zm8=\n", "Zm 8=", "Zm8==", "Z!8="}) {
      CAPTURE(bad);
      auto result = from_base64(bad, "sig");
      REQUIRE_FALSE(result.ok());
      CHECK(result.error().code == lf::ErrorCode::invalid_argument);
    }
    CHECK_FALSE(from_hex("abc", "x").ok());
    CHECK_FALSE(from_hex("zz", "x").ok());
    CHECK_FALSE(fixed_from_base64<32>("Zm8=", "key").ok());
  }
}
