#include <doctest/doctest.h>

#include "lf/common/result.hpp"

TEST_SUITE("common") {
  TEST_CASE("error codes have stable spellings") {
    CHECK(lf::to_string(lf::ErrorCode::non_finite_value) == "non_finite_value");
    CHECK(lf::to_string(lf::ErrorCode::csv_parse_error) == "csv_parse_error");
  }
  TEST_CASE("Result carries a value or an error") {
    lf::Result<int> good = 3;
    lf::Result<int> bad = lf::make_error(lf::ErrorCode::empty_input, "nothing");
    REQUIRE(good.ok());
    CHECK(*good == 3);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == lf::ErrorCode::empty_input);
  }
}
