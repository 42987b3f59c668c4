#include <doctest/doctest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "lf/api/dispatch.hpp"
#include "lf/detect/registry.hpp"
#include "synthetic.hpp"

using nlohmann::json;

namespace {

json body_of(const lf::api::Response& response) {
  json parsed = json::parse(response.body, nullptr, false);
  REQUIRE_FALSE(parsed.is_discarded());
  return parsed;
}

void check_error(std::string_view route, std::string_view request, int status,
                 std::string_view code) {
  const auto response = lf::api::dispatch(route, request);
  CHECK(response.status == status);
  const json body = body_of(response);
  REQUIRE(body.contains("error"));
  CHECK(body["error"]["code"] == code);
  CHECK(body["error"]["message"].is_string());
  CHECK(body.size() == 1);
}

// A squeeze then a burst: one compression and one expansion alert.
json squeeze_request() {
  lf::test::Gaussian gauss(77);
  json values = json::array();
  for (int i = 0; i < 420; ++i) values.push_back(gauss(i < 300 ? 1.0 : i < 340 ? 0.05 : 6.0));
  return {{"series", {{"values", values}}}, {"detectors", {{{"name", "variance_compression"}}}}};
}

}  // namespace

TEST_SUITE("api") {
  TEST_CASE("detect returns alerts with detector name and version") {
    const auto response = lf::api::dispatch("detect", squeeze_request().dump());
    REQUIRE(response.status == 200);
    const json body = body_of(response);
    CHECK(body["samples"] == 420);
    CHECK(body["accepted"] == 420);
    CHECK(body["dropped"] == 0);
    REQUIRE(body["detectors"].size() == 1);
    CHECK(body["detectors"][0]["name"] == "variance_compression");
    CHECK(body["detectors"][0]["version"] == "2.0.0");
    CHECK(body["detectors"][0]["parameters"]["short_window"] == 20);
    REQUIRE(body["alerts"].size() == 2);
    const json& first = body["alerts"][0];
    CHECK(first["detector"] == "variance_compression");
    CHECK(first["version"] == "2.0.0");
    CHECK(first["kind"] == "compression");
    CHECK(first["severity"] == "warning");
    CHECK(first["timestamp"] == first["index"]);
    CHECK(body["alerts"][1]["kind"] == "expansion");
  }

  TEST_CASE("detect without a detector list runs the whole catalog") {
    json request = squeeze_request();
    request.erase("detectors");
    const json body = body_of(lf::api::dispatch("detect", request.dump()));
    const auto catalog = lf::detect::detector_catalog();
    REQUIRE(body["detectors"].size() == catalog.size());
    for (std::size_t i = 0; i < catalog.size(); ++i) {
      CHECK(body["detectors"][i]["name"] == catalog[i].name);
    }
  }

  TEST_CASE("drop policy reports alert indices in the caller's series") {
    json request = squeeze_request();
    json reference = body_of(lf::api::dispatch("detect", request.dump()));
    // Insert a missing value at the front: every alert index shifts by one.
    request["series"]["values"].insert(request["series"]["values"].begin(), nullptr);
    request["validation"] = {{"non_finite", "drop"}};
    const json body = body_of(lf::api::dispatch("detect", request.dump()));
    CHECK(body["dropped"] == 1);
    REQUIRE(body["alerts"].size() == reference["alerts"].size());
    for (std::size_t i = 0; i < body["alerts"].size(); ++i) {
      CHECK(body["alerts"][i]["index"].get<int>() ==
            reference["alerts"][i]["index"].get<int>() + 1);
    }
  }

  TEST_CASE("explicit timestamps are echoed in alerts") {
    json request = squeeze_request();
    json t = json::array();
    for (int i = 0; i < 420; ++i) t.push_back(1e9 + 0.25 * i);
    request["series"]["timestamps"] = t;
    const json body = body_of(lf::api::dispatch("detect", request.dump()));
    const json& first = body["alerts"][0];
    CHECK(first["timestamp"].get<double>() == 1e9 + 0.25 * first["index"].get<double>());
  }

  TEST_CASE("the detectors route lists the catalog with parameter specs") {
    const auto response = lf::api::dispatch("detectors", "");
    REQUIRE(response.status == 200);
    const json body = body_of(response);
    REQUIRE(body["detectors"].size() == lf::detect::detector_catalog().size());
    json first;
    for (const json& d : body["detectors"])
      if (d["name"] == "phase_transition") first = d;
    REQUIRE(first.is_object());
    CHECK(first["parameters"][0]["name"] == "short_window");
    CHECK(first["parameters"][0]["default"] == 20);
    CHECK(first["parameters"][0]["integer"] == true);
  }

  TEST_CASE("every error is a typed JSON error with the right status") {
    check_error("nope", "{}", 404, "unknown_route");
    check_error("detect", "{\"series\": [1,2", 400, "json_parse_error");
    check_error("detect", "[1,2,3]", 400, "schema_error");
    check_error("detect", "{}", 400, "schema_error");
    check_error("detect", R"({"series":{"values":[1,"2"]}})", 400, "schema_error");
    check_error("detect", R"({"series":{"values":[1,2]},"extra":1})", 400, "schema_error");
    check_error("detect", R"({"series":{"values":[]}})", 422, "empty_input");
    check_error("detect", R"({"series":{"values":[1,2],"timestamps":[0]}})", 422,
                "length_mismatch");
    check_error("detect", R"({"series":{"values":[1,null,3]}})", 422, "non_finite_value");
    check_error("detect", R"({"series":{"values":[1,2,3],"timestamps":[0,2,1]}})", 422,
                "non_increasing_timestamp");
    check_error("detect", R"({"series":{"values":[1]},"detectors":[{"name":"x"}]})", 400,
                "unknown_detector");
    check_error(
        "detect",
        R"({"series":{"values":[1]},"detectors":[{"name":"phase_transition","parameters":{"k":1}}]})",
        400, "unknown_parameter");
    check_error(
        "detect",
        R"({"series":{"values":[1]},"detectors":[{"name":"phase_transition","parameters":{"threshold":"high"}}]})",
        400, "schema_error");
    check_error(
        "detect",
        R"({"series":{"values":[1]},"detectors":[{"name":"phase_transition","parameters":{"short_window":0}}]})",
        400, "invalid_parameter");
    check_error("detect", R"({"series":{"values":[1]},"validation":{"non_finite":"ignore"}})", 400,
                "schema_error");
    check_error("detect", R"({"series":{"values":[1]},"validation":{"clip_window":1}})", 400,
                "invalid_parameter");
    check_error("detectors", R"({"unexpected":true})", 400, "schema_error");
  }

  TEST_CASE("the HTTP shells' codes carry the statuses RFC 9110 and RFC 6585 give them") {
    using lf::ErrorCode;
    const std::pair<ErrorCode, std::pair<const char*, int>> expected[] = {
        {ErrorCode::unauthorized, {"unauthorized", 401}},
        {ErrorCode::method_not_allowed, {"method_not_allowed", 405}},
        {ErrorCode::payload_too_large, {"payload_too_large", 413}},
        {ErrorCode::rate_limited, {"rate_limited", 429}},
        {ErrorCode::request_timeout, {"request_timeout", 503}},
        {ErrorCode::internal_error, {"internal_error", 500}},
    };
    for (const auto& [code, spelling_and_status] : expected) {
      CHECK(lf::to_string(code) == spelling_and_status.first);
      CHECK(lf::api::http_status(code) == spelling_and_status.second);
      const json body = json::parse(lf::api::error_body({code, "limit"}));
      CHECK(body["error"]["code"] == spelling_and_status.first);
    }
  }

  TEST_CASE("dispatch through a step runner: dispatch's bytes, the route's step run once") {
    // docs/API.md's risk/check example (judged under "mode" on a scratch
    // state, so the process's state is left as the risk suite expects it).
    const std::string risk_request =
        R"({"order": {"instrument": "BTC", "side": "buy", "quantity": 0.03, "price": 65000,
                      "stop_loss": 63000, "take_profit": 70000, "leverage": 10,
                      "reduce_only": false},
            "portfolio": {"equity": 100000, "cash": 20000,
                          "positions": [{"instrument": "ETH", "quantity": -2,
                                         "entry_price": 3000}],
                          "prices": {"BTC": [63000, 64000, 65000], "ETH": [3100, 3050, 3000]},
                          "equity_curve": [98000, 100000]},
            "limits": {"correlation_window": 2},
            "mode": "normal", "now": 1700000000, "recent_submits": [1699999999.5]})";
    int steps = 0;
    const lf::api::RouteStepRunner count_steps = [&steps](const std::function<void()>& step) {
      ++steps;
      step();
    };
    const auto through_runner = [&](std::string_view route, std::string_view request) {
      steps = 0;
      const auto answer = lf::api::dispatch(route, request, count_steps);
      const auto plain = lf::api::dispatch(route, request);
      CHECK(answer.status == plain.status);
      CHECK(answer.body == plain.body);
      return answer;
    };

    const auto risk = through_runner("risk/check", risk_request);
    CHECK(steps == 1);
    REQUIRE(risk.status == 200);
    // The answer docs/API.md gives for that request (notional 0.03 x 65000,
    // margin at 10x leverage).
    CHECK(body_of(risk) == json::parse(R"(
        {"decision": "approved", "reason": null, "message": "", "intent": "open",
         "mode": "normal", "kill_switch_tripped": false, "risk_score": 0.975,
         "stop_loss": 63000, "take_profit": 70000,
         "suggested_quantity": null, "suggested_stop_loss": null,
         "figures": {"drawdown": 0, "entry_price": 65000, "notional": 1950,
                     "position_notional": 1950, "margin_required": 195,
                     "liquidation_price": 58825, "max_correlation": -1},
         "audit_lines": []})"));

    // A route that refuses the request ran, inside the step.
    CHECK(through_runner("risk/check", "{}").status == 400);
    CHECK(steps == 1);
    // A route that answers with its own status (a verification verdict).
    CHECK(through_runner("pcs/verify", "{}").status == 400);
    CHECK(steps == 1);
    // Nothing the routes could read: answered without the step.
    CHECK(through_runner("risk/check", "{\"order\": ").status == 400);
    CHECK(steps == 0);
    CHECK(through_runner("risk/state", "[1, 2]").status == 400);
    CHECK(steps == 0);
    CHECK(through_runner("risk/nope", "{}").status == 404);
    CHECK(steps == 0);
  }

  TEST_CASE("invalid UTF-8 echoed in an error message still yields valid JSON") {
    const auto response = lf::api::dispatch("de\xff", "{}");
    CHECK(response.status == 404);
    CHECK_FALSE(json::parse(response.body, nullptr, false).is_discarded());
  }
}
