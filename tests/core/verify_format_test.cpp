// The hand-written number formatting and rounding the signed bytes depend on,
// against values printed by CPython 3.11 and Node 20 (ECMAScript), RFC 8785's
// examples, and numpy's legacy generator.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>

#include "lf/verify/float_format.hpp"
#include "lf/verify/jcs.hpp"
#include "lf/verify/numpy_random.hpp"
#include "lf/verify/rounding.hpp"

using namespace lf::verify;

namespace {

// (Emscripten 3.1.6's libc++ has no std::bit_cast.)
double from_bits(std::uint64_t bits) {
  double value = 0.0;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

}  // namespace

TEST_SUITE("verify") {
  TEST_CASE("Python repr(float)") {
    const std::pair<double, const char*> cases[] = {
        {0.528320834, "0.528320834"},
        {1.0, "1.0"},
        {0.2, "0.2"},
        {5e-05, "5e-05"},
        {0.0001, "0.0001"},
        {1e16, "1e+16"},
        {1e15, "1000000000000000.0"},
        {123456789.0, "123456789.0"},
        {0.1 + 0.2, "0.30000000000000004"},
        {1e22, "1e+22"},
        {-0.0, "-0.0"},
        {0.0, "0.0"},
        {2.5e-08, "2.5e-08"},
        {-1.5, "-1.5"},
        {0.6000020458127243, "0.6000020458127243"},
        {-0.16701530057610703, "-0.16701530057610703"},
        {from_bits(0x0000000000000001), "5e-324"},
        {from_bits(0x7fefffffffffffff), "1.7976931348623157e+308"},
        {from_bits(0x44b52d02c7e14af5), "9.999999999999997e+22"},
        {from_bits(0x3eb0c6f7a0b5ed8c), "9.999999999999997e-07"},
        {from_bits(0x41b3de4355555557), "333333333.33333343"},
        {from_bits(0xbecbf647612f3696), "-3.3333333333333333e-06"},
        {from_bits(0x43143ff3c1cb0959), "1424953923781206.2"},
        {from_bits(0x0010000000000000), "2.2250738585072014e-308"},
        {from_bits(0x000fffffffffffff), "2.225073858507201e-308"},
        {from_bits(0x4430000000000000), "2.9514790517935283e+20"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.second);
      CHECK(python_repr(c.first) == c.second);
    }
  }

  TEST_CASE("ECMAScript Number::toString (RFC 8785 appendix B, checked with Node)") {
    const std::pair<std::uint64_t, const char*> cases[] = {
        {0x0000000000000000, "0"},
        {0x8000000000000000, "0"},
        {0x0000000000000001, "5e-324"},
        {0x8000000000000001, "-5e-324"},
        {0x7fefffffffffffff, "1.7976931348623157e+308"},
        {0xffefffffffffffff, "-1.7976931348623157e+308"},
        {0x4340000000000000, "9007199254740992"},
        {0xc340000000000000, "-9007199254740992"},
        {0x4430000000000000, "295147905179352830000"},
        {0x44b52d02c7e14af5, "9.999999999999997e+22"},
        {0x44b52d02c7e14af6, "1e+23"},
        {0x44b52d02c7e14af7, "1.0000000000000001e+23"},
        {0x444b1ae4d6e2ef4e, "999999999999999700000"},
        {0x444b1ae4d6e2ef4f, "999999999999999900000"},
        {0x444b1ae4d6e2ef50, "1e+21"},
        {0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
        {0x3eb0c6f7a0b5ed8d, "0.000001"},
        {0x41b3de4355555553, "333333333.3333332"},
        {0x41b3de4355555554, "333333333.33333325"},
        {0x41b3de4355555555, "333333333.3333333"},
        {0x41b3de4355555556, "333333333.3333334"},
        {0x41b3de4355555557, "333333333.33333343"},
        {0xbecbf647612f3696, "-0.0000033333333333333333"},
        {0x43143ff3c1cb0959, "1424953923781206.2"},
        {0x3ff0000000000000, "1"},
        {0x0010000000000000, "2.2250738585072014e-308"},
        {0x000fffffffffffff, "2.225073858507201e-308"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.second);
      CHECK(ecmascript_number(from_bits(c.first)) == c.second);
    }
  }

  TEST_CASE("shortest digits read back exactly for random doubles") {
    std::mt19937_64 engine(7);
    for (int i = 0; i < 20000; ++i) {
      const double value = from_bits(engine());
      if (!std::isfinite(value)) continue;
      const DecimalDigits d = shortest_digits(value);
      const std::string text =
          (d.negative ? "-0." : "0.") + d.digits + "e" + std::to_string(d.point);
      REQUIRE(std::strtod(text.c_str(), nullptr) == value);
      CHECK(d.digits.size() <= 17);
    }
  }

  TEST_CASE("Python round(x, 9) and the payload's half-up rounding of repr(x)") {
    struct Case {
      double x;
      double python_round9;
      double half_up9;
    };
    const Case cases[] = {
        {0.0009765625, 0.000976562, 0.000976563},  // an exact binary tie: even vs up
        {0.1234567895, 0.123456789, 0.12345679},   // below the tie in binary, a tie in repr
        {0.12345678949999998, 0.123456789, 0.123456789},
        {2.5e-10, 0.0, 0.0},
        {5e-10, 1e-09, 1e-09},
        {-5e-10, -1e-09, -1e-09},
        {0.9999999995, 0.999999999, 1.0},
        {123.4567891234, 123.456789123, 123.456789123},
        {0.318421052631579, 0.318421053, 0.318421053},
        {1.0, 1.0, 1.0},
    };
    for (const auto& c : cases) {
      CAPTURE(c.x);
      CHECK(python_round(c.x, 9) == c.python_round9);
      CHECK(round_half_up_repr(c.x, 9) == c.half_up9);
    }
    CHECK(std::signbit(round_half_up_repr(-1e-12, 9)));
  }

  TEST_CASE("numpy legacy MT19937: init_genrand, random_sample, randn") {
    NumpyLegacyRandom raw(42);
    std::mt19937 reference(42);  // the same init_genrand seeding and tempering
    for (int i = 0; i < 2000; ++i) REQUIRE(raw.next_uint32() == reference());

    NumpyLegacyRandom uniform(42);
    CHECK(uniform.next_double() == 0.3745401188473625);
    CHECK(uniform.next_double() == 0.9507143064099162);
    CHECK(uniform.next_double() == 0.7319939418114051);

    NumpyLegacyRandom normal(42);
    const double expected[] = {0.4967141530112327, -0.13826430117118466, 0.6476885381006925,
                               1.5230298564080254, -0.23415337472333597};
    for (const double value : expected)
      CHECK(normal.next_gauss() == doctest::Approx(value).epsilon(1e-15));
  }

  TEST_CASE("RFC 8785 canonicalisation") {
    auto numbers = canonical_json(
        R"({"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
            "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
            "literals": [null, true, false]})");
    REQUIRE(numbers.ok());
    CHECK(*numbers ==
          "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
          "\"string\":\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");

    // Members sort by UTF-16 code units: the emoji's surrogates sort before U+FB33.
    auto sorted = canonical_json(
        R"({"\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
            "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control",
            "\u00f6": "Latin Small Letter O With Diaeresis"})");
    REQUIRE(sorted.ok());
    const std::string order[] = {
        "\\r", "1", "\xC2\x80", "\xC3\xB6", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xEF\xAC\xB3"};
    std::size_t position = 0;
    for (const auto& key : order) {
      const std::size_t found = sorted->find("\"" + key + "\":");
      REQUIRE(found != std::string::npos);
      CHECK(found >= position);
      position = found;
    }
    CHECK_FALSE(canonical_json("{").ok());
    CHECK(*canonical_json(" [ 1.0 , {\"b\":1,\"a\":[]} ] ") == "[1,{\"a\":[],\"b\":1}]");
  }
}
