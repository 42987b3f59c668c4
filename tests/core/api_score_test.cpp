// The score route: TCPDBench's F1 and cover through core/api, checked against
// the doctest values of TCPDBench's metrics.py and a published per-series
// score (centralia, bocpd's change point at 10: F1 10/11, cover
// 0.6119047619047618 in peer_scores.json).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "lf/api/dispatch.hpp"

using nlohmann::json;

namespace {

json ok_score(const json& request) {
  const auto response = lf::api::dispatch("score", request.dump());
  INFO(response.body);
  REQUIRE(response.status == 200);
  return json::parse(response.body, nullptr, false);
}

void check_score_error(const std::string& request, int status, std::string_view code) {
  const auto response = lf::api::dispatch("score", request);
  INFO(request << " -> " << response.body);
  CHECK(response.status == status);
  const json body = json::parse(response.body, nullptr, false);
  REQUIRE(body.contains("error"));
  CHECK(body["error"]["code"] == code);
}

}  // namespace

TEST_SUITE("api") {
  TEST_CASE("score: metrics.py's doctest values") {
    const json body =
        ok_score({{"annotations", {json::array(), {10}, {50}}}, {"predictions", {10}}, {"n", 100}});
    CHECK(body["f1"].get<double>() == 0.9090909090909091);
    CHECK(body["precision"].get<double>() == 1.0);
    CHECK(body["margin"] == 5);
    CHECK(body["annotators"] == 3);
    CHECK(body["predictions"] == json({10}));

    const json cover =
        ok_score({{"annotations", {{10, 20}, {10}, {0, 5}}}, {"predictions", {10, 20}}, {"n", 45}});
    CHECK(cover["cover"].get<double>() == 0.7962962962962963);
  }

  TEST_CASE("score: a published TCPDBench score (centralia, bocpd)") {
    // Annotators 6, 7, 8, 9, 13 of TCPD's centralia (n = 15).
    const json body =
        ok_score({{"annotations", {{3, 12}, json::array(), {12}, {4, 8, 12}, json::array()}},
                  {"predictions", {10}},
                  {"n", 15}});
    CHECK(body["f1"].get<double>() == 0.9090909090909091);
    CHECK(body["cover"].get<double>() == 0.6119047619047618);
  }

  TEST_CASE("score: margin and TCPDBench's cleanup") {
    const json annotations = {{20}};
    // 26 is 6 away: a true positive with margin 6, not with the default 5.
    CHECK(ok_score({{"annotations", annotations}, {"predictions", {26}}, {"n", 50}})["recall"] ==
          0.5);
    CHECK(ok_score({{"annotations", annotations},
                    {"predictions", {26}},
                    {"n", 50},
                    {"margin", 6}})["recall"] == 1.0);
    // clean keeps 1..n-2: 0 and 49 go, 20 stays.
    const json cleaned = ok_score({{"annotations", annotations},
                                   {"predictions", {49, 20, 0, 20}},
                                   {"n", 50},
                                   {"clean", true}});
    CHECK(cleaned["predictions"] == json({20}));
    CHECK(cleaned["f1"].get<double>() == 1.0);
  }

  TEST_CASE("score: bad requests") {
    check_score_error("[]", 400, "schema_error");
    check_score_error(R"({"predictions": [], "n": 10})", 400, "schema_error");
    check_score_error(R"({"annotations": [[1]], "predictions": [], "n": 10, "x": 1})", 400,
                      "schema_error");
    check_score_error(R"({"annotations": [[1.5]], "predictions": [], "n": 10})", 400,
                      "schema_error");
    check_score_error(R"({"annotations": [[1]], "predictions": [-1], "n": 10})", 400,
                      "schema_error");
    check_score_error(R"({"annotations": [1], "predictions": [], "n": 10})", 400, "schema_error");
    check_score_error(R"({"annotations": [[1]], "predictions": [], "n": 10, "clean": 1})", 400,
                      "schema_error");
    check_score_error(R"({"annotations": [[1]], "predictions": [], "n": 10, "margin": -1})", 400,
                      "invalid_argument");
    check_score_error(R"({"annotations": [[10]], "predictions": [], "n": 10})", 400,
                      "invalid_argument");
    check_score_error(R"({"annotations": [[1]], "predictions": [3], "n": 0})", 422, "empty_input");
    check_score_error(R"({"annotations": [], "predictions": [], "n": 10})", 422, "empty_input");
  }
}
