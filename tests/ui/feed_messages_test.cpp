// Live feed messages: every documented shape, and typed errors that take no
// sample of a bad message.
#include "ui/feed_messages.hpp"

#include <doctest/doctest.h>

using lf::ui::parse_feed_message;

TEST_SUITE("ui_feed") {
  TEST_CASE("lf serve's sample event") {
    auto samples = parse_feed_message(R"({"index":41,"t":41.0,"value":0.73})");
    REQUIRE(samples);
    REQUIRE(samples->size() == 1);
    CHECK((*samples)[0].series.empty());
    CHECK((*samples)[0].timestamp == 41.0);
    CHECK((*samples)[0].value == 0.73);
  }

  TEST_CASE("named series, several values at once, arrays, no timestamp") {
    auto named = parse_feed_message(R"({"series":"price","timestamp":3,"value":101})");
    REQUIRE(named);
    CHECK((*named)[0].series == "price");
    CHECK((*named)[0].timestamp == 3.0);

    auto multi = parse_feed_message(R"({"t":5,"values":{"a":1,"b":2}})");
    REQUIRE(multi);
    REQUIRE(multi->size() == 2);
    CHECK((*multi)[0].series == "a");
    CHECK((*multi)[1].value == 2.0);
    CHECK((*multi)[1].timestamp == 5.0);

    auto batch = parse_feed_message(R"([{"value":1},{"value":2}])");
    REQUIRE(batch);
    CHECK(batch->size() == 2);
    CHECK_FALSE((*batch)[0].timestamp);
  }

  TEST_CASE("bad messages") {
    CHECK(parse_feed_message("{").error().code == lf::ErrorCode::json_parse_error);
    CHECK(parse_feed_message(R"({"t":1})").error().code == lf::ErrorCode::schema_error);
    CHECK(parse_feed_message(R"({"value":"1"})").error().code == lf::ErrorCode::schema_error);
    CHECK(parse_feed_message(R"({"values":{}})").error().code == lf::ErrorCode::schema_error);
    CHECK(parse_feed_message(R"([{"value":1}, 3])").error().code == lf::ErrorCode::schema_error);
    CHECK(parse_feed_message(R"({"value":1e999})").error().code == lf::ErrorCode::json_parse_error);
    CHECK(parse_feed_message(R"({"series":7,"value":1})").error().code ==
          lf::ErrorCode::schema_error);
    const auto message = parse_feed_message(R"([{"value":1},{"t":"x","value":2}])").error().message;
    CHECK(message.find("message[1].t") != std::string::npos);
  }
}
