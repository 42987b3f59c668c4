// The ews and grok routes: responses against the golden pandas values and
// closed forms, and every bad request as a typed error with its status.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "api_call.hpp"
#include "lf/api/dispatch.hpp"

using nlohmann::json;

namespace {

using lf::test::call_route;

json body_of(const lf::api::Response& response) {
  json parsed = json::parse(response.body, nullptr, false);
  REQUIRE_FALSE(parsed.is_discarded());
  return parsed;
}

void check_error(std::string_view route, const json& request, int status, std::string_view code) {
  const auto response = lf::api::dispatch(route, request.dump());
  INFO(request.dump().substr(0, 200) << " -> " << response.body);
  CHECK(response.status == status);
  const json body = body_of(response);
  REQUIRE(body.contains("error"));
  CHECK(body["error"]["code"] == code);
}

json golden_case(std::size_t index) {
  std::ifstream in(LF_TEST_DATA_DIR "/ews/golden.json");
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  const json golden = json::parse(text.str());
  json c = golden["cases"][index];
  c["values"] = golden["series"][c["series"].get<std::string>()];
  return c;
}

json uniform_logits(std::size_t tokens, std::size_t vocab) {
  json rows = json::array();
  for (std::size_t t = 0; t < tokens; ++t) rows.push_back(json(std::vector<double>(vocab, 0.5)));
  return rows;
}

}  // namespace

TEST_SUITE("api") {
  TEST_CASE("ews answers ewstools' indicators, NaN as null") {
    const json c = golden_case(1);  // Gaussian detrending, ewstools' defaults
    json request = c["options"];
    request["values"] = c["values"];
    const json body = call_route("ews", request);
    const json& expected = c["expected"];
    CHECK(body["algorithm"] == "early_warning");
    CHECK(body["version"] == "1.0.0");
    CHECK(body["samples"] == c["values"].size());
    CHECK(body["window"] == expected["window"]);
    CHECK(body["detrend"]["method"] == "gaussian");
    CHECK(body["detrend"]["bandwidth"].get<double>() == doctest::Approx(0.2 * 300));
    CHECK(body["detrend"]["sigma"].get<double>() == doctest::Approx(0.25 / 0.675 * 60));
    const std::size_t w = expected["window"].get<std::size_t>();
    for (const char* name : {"variance", "std", "cv", "ac1", "skew", "kurtosis"}) {
      CAPTURE(name);
      const json& got = body["indicators"][name];
      const json& want = expected["indicators"][name];
      REQUIRE(got.size() == want.size());
      CHECK(got[w - 2].is_null());
      CHECK(got[w - 1].get<double>() == doctest::Approx(want[w - 1].get<double>()).epsilon(1e-9));
      CHECK(got.back().get<double>() == doctest::Approx(want.back().get<double>()).epsilon(1e-9));
      CHECK(body["kendall_tau"][name].get<double>() ==
            doctest::Approx(expected["kendall_tau"][name].get<double>()).epsilon(1e-12));
    }
    CHECK(body["smoothing"].size() == c["values"].size());
    CHECK(body["residuals"].size() == c["values"].size());

    json plain{{"values", c["values"]}};
    const json undetrended = call_route("ews", plain);
    CHECK(undetrended["detrend"] == json{{"method", "none"}});
    CHECK_FALSE(undetrended.contains("smoothing"));
    CHECK(undetrended["window"] == 75);  // floor(0.25 * 300)
  }

  TEST_CASE("ews: bad requests are typed errors") {
    const json values = json(std::vector<double>(40, 1.5));
    check_error("ews", json::object(), 400, "schema_error");
    check_error("ews", {{"values", values}, {"window", 10}}, 400, "schema_error");
    check_error("ews", {{"values", "1,2,3"}}, 400, "schema_error");
    check_error("ews", {{"values", json::array()}}, 422, "empty_input");
    check_error("ews", {{"values", {1.0, nullptr, 2.0}}}, 422, "non_finite_value");
    check_error("ews", {{"values", values}, {"rolling_window", 41}}, 422, "insufficient_data");
    check_error("ews", {{"values", values}, {"rolling_window", 12.5}}, 400, "invalid_parameter");
    check_error("ews", {{"values", values}, {"detrend", {{"method", "spline"}}}}, 400,
                "schema_error");
    check_error("ews", {{"values", values}, {"detrend", {{"bandwidth", 0.2}}}}, 400,
                "schema_error");
    // A Gaussian has no span: a misplaced option is an error, not ignored.
    check_error("ews", {{"values", values}, {"detrend", {{"method", "gaussian"}, {"span", 0.2}}}},
                400, "schema_error");
    check_error("ews",
                {{"values", values}, {"detrend", {{"method", "lowess"}, {"iterations", 1.5}}}}, 400,
                "invalid_parameter");
    check_error("ews",
                {{"values", values}, {"detrend", {{"method", "gaussian"}, {"bandwidth", 50}}}}, 400,
                "invalid_parameter");
  }

  TEST_CASE("grok: uniform logits have entropy ln V; log-probs and logits agree") {
    const json body = call_route("grok", {{"logits", uniform_logits(20, 6)}});
    CHECK(body["algorithm"] == "micro_grokking");
    CHECK(body["version"] == "1.0.0");
    CHECK(body["input"] == "logits");
    CHECK(body["tokens"] == 20);
    CHECK(body["vocab_size"] == 6);
    CHECK(body["entropy"][0].get<double>() == std::log(6.0));
    CHECK(body["curvature"][0].is_null());
    CHECK(body["curvature"][1].is_null());
    CHECK(body["curvature"][2] == 0);
    CHECK(body["state"][19] == "exploring");
    CHECK(body["should_early_stop"] == false);
    CHECK(body["early_stop_index"].is_null());
    CHECK(body["parameters"]["stuck_window"] == 48);

    // log p = [ln .5, ln .5, -inf(null)] is a fair coin.
    json rows = json::array();
    for (int t = 0; t < 3; ++t) rows.push_back({std::log(0.5), std::log(0.5), nullptr});
    const json coin = call_route("grok", {{"log_probs", rows}});
    CHECK(coin["input"] == "log_probs");
    CHECK(coin["entropy"][2].get<double>() == doctest::Approx(std::log(2.0)));
  }

  TEST_CASE("grok: a fall from exploration is grokked, alerts and early stop reported") {
    // Vocabulary of 2: logits [0, -d] have entropy falling as d grows.
    json rows = json::array();
    for (int t = 0; t < 80; ++t) {
      const double d = t < 40 ? 0.1 * (t % 3) : 12.0;  // near-uniform, then confident
      rows.push_back({0.0, -d});
    }
    const json body =
        call_route("grok", {{"logits", rows}, {"parameters", {{"confirm_tokens", 5}}}});
    bool grokked = false;
    for (const auto& alert : body["alerts"]) {
      if (alert["kind"] == "grokked") {
        grokked = true;
        CHECK(alert["detector"] == "micro_grokking");
        CHECK(alert["severity"] == "info");
        CHECK(alert["index"].get<int>() >= 40);
        CHECK(alert["timestamp"] == alert["index"]);
      }
    }
    CHECK(grokked);
    CHECK(body["state"][79] == "grokked");
    CHECK(body["should_early_stop"] == true);
    CHECK(body["early_stop_index"].get<int>() > 40);
    CHECK(body["parameters"]["confirm_tokens"] == 5);
  }

  TEST_CASE("grok: bad requests are typed errors naming the token") {
    check_error("grok", json::object(), 400, "schema_error");
    check_error("grok", {{"logits", uniform_logits(2, 3)}, {"log_probs", uniform_logits(2, 3)}},
                400, "schema_error");
    check_error("grok", {{"logits", json::array()}}, 422, "empty_input");
    check_error("grok", {{"logits", {1, 2, 3}}}, 400, "schema_error");
    check_error("grok", {{"logits", {{1, "x"}}}}, 400, "schema_error");
    check_error("grok", {{"logits", {{1, 2}, json::array()}}}, 422, "empty_input");
    check_error("grok", {{"logits", {{nullptr, nullptr}}}}, 422, "non_finite_value");
    const auto ragged = lf::api::dispatch("grok", json{{"logits", {{1, 2}, {1, 2, 3}}}}.dump());
    CHECK(ragged.status == 422);
    CHECK(body_of(ragged)["error"]["code"] == "length_mismatch");
    CHECK(body_of(ragged)["error"]["message"].get<std::string>().find("logits[1]") !=
          std::string::npos);
    check_error("grok", {{"logits", uniform_logits(2, 3)}, {"parameters", {{"nope", 1}}}}, 400,
                "unknown_parameter");
    check_error("grok", {{"logits", uniform_logits(2, 3)}, {"parameters", {{"low_ratio", 2}}}}, 400,
                "invalid_parameter");
    check_error("grok", {{"logits", uniform_logits(2, 3)}, {"extra", 1}}, 400, "schema_error");
  }

  TEST_CASE("detect runs early_warning and micro_grokking from the catalog") {
    json values = json::array();
    for (int i = 0; i < 200; ++i) values.push_back(3.0 + 0.05 * std::sin(1.3 * i));
    const json body =
        call_route("detect", {{"series", {{"values", values}}},
                              {"detectors",
                               {{{"name", "micro_grokking"}},
                                {{"name", "early_warning"}, {"parameters", {{"window", 20}}}}}}});
    REQUIRE(body["detectors"].size() == 2);
    CHECK(body["detectors"][0]["name"] == "micro_grokking");
    CHECK(body["detectors"][1]["parameters"]["window"] == 20);
    REQUIRE(body["alerts"].size() >= 1);
    CHECK(body["alerts"][0]["kind"] == "stuck");
  }
}
