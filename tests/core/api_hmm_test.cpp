// The hmm route (hmmlearn's Rainy/Sunny example decoded through JSON; a
// Gaussian fit of a two-level series) and the detect route's meta-detector
// members and alert context, with their errors.
#include <doctest/doctest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "api_call.hpp"
#include "lf/api/dispatch.hpp"
#include "synthetic.hpp"

using nlohmann::json;

namespace {

using lf::test::call_route;

void check_error(std::string_view route, const json& request, int status, std::string_view code) {
  const json body = call_route(route, request, status);
  REQUIRE(body.contains("error"));
  CHECK(body["error"]["code"] == code);
}

const json kRainySunny = {{"initial", {0.6, 0.4}},
                          {"transitions", {{0.7, 0.3}, {0.4, 0.6}}},
                          {"emission_probabilities", {{0.1, 0.4, 0.5}, {0.6, 0.3, 0.1}}}};

// Level 0 then level 5 then level 0, unit noise.
json two_levels() {
  lf::test::Gaussian gauss(12);
  json values = json::array();
  for (int i = 0; i < 300; ++i) values.push_back((i >= 100 && i < 200 ? 5.0 : 0.0) + gauss());
  return values;
}

}  // namespace

TEST_SUITE("api") {
  TEST_CASE("hmm decodes hmmlearn's Rainy/Sunny example") {
    const json body = call_route(
        "hmm", {{"values", {0, 1, 2}}, {"emissions", "categorical"}, {"model", kRainySunny}});
    CHECK(body["viterbi"]["path"] == json({1, 0, 0}));
    CHECK(std::exp(body["viterbi"]["log_probability"].get<double>()) ==
          doctest::Approx(0.01344).epsilon(1e-12));
    CHECK(body["log_likelihood"].get<double>() == doctest::Approx(-3.3928721).epsilon(1e-7));
    CHECK(std::fabs(body["posteriors"][0][1].get<double>() - 0.76829704) < 1e-6);
    CHECK(std::fabs(body["posteriors"][2][0].get<double>() - 0.86397715) < 1e-6);
    CHECK(body["states"] == 2);
    CHECK(body["samples"] == 3);
    CHECK(body["model"]["symbols"] == 3);
    CHECK_FALSE(body.contains("fit"));
    const json quiet = call_route("hmm", {{"values", {0, 1, 2}},
                                          {"emissions", "categorical"},
                                          {"model", kRainySunny},
                                          {"posteriors", false}});
    CHECK_FALSE(quiet.contains("posteriors"));
  }

  TEST_CASE("hmm fits a Gaussian model: states by mean, path follows the levels") {
    const json body = call_route("hmm", {{"values", two_levels()}, {"fit", {{"seed", 3}}}});
    const json& means = body["model"]["means"];
    CHECK(std::fabs(means[0].get<double>()) < 0.3);
    CHECK(std::fabs(means[1].get<double>() - 5.0) < 0.3);
    const json& path = body["viterbi"]["path"];
    REQUIRE(path.size() == 300);
    CHECK(path[50] == 0);
    CHECK(path[150] == 1);
    CHECK(path[250] == 0);
    CHECK(body["fit"]["converged"] == true);
    CHECK(body["fit"]["seed"] == 3);
    CHECK(body["fit"]["trace"].size() == body["fit"]["iterations"].get<std::size_t>() + 1);
    CHECK(body["fit"]["trace"].back() == body["log_likelihood"]);
    // Decoding with the fitted model reproduces the fit's figures exactly.
    const json decoded = call_route("hmm", {{"values", two_levels()}, {"model", body["model"]}});
    CHECK(decoded["log_likelihood"] == body["log_likelihood"]);
    CHECK(decoded["viterbi"] == body["viterbi"]);
  }

  TEST_CASE("hmm rejects bad requests with typed errors") {
    check_error("hmm", json::object(), 400, "schema_error");
    check_error("hmm", {{"values", {1, 2}}, {"extra", 1}}, 400, "schema_error");
    check_error("hmm", {{"values", {1, 2}}, {"emissions", "poisson"}}, 400, "schema_error");
    check_error("hmm", {{"values", json::array()}}, 422, "empty_input");
    check_error("hmm", {{"values", {1, nullptr, 2}}}, 422, "non_finite_value");
    check_error("hmm", {{"values", {3, 3, 3, 3}}}, 422, "degenerate_input");
    check_error("hmm", {{"values", {1.0}}}, 422, "insufficient_data");
    check_error("hmm", {{"values", {1, 2, 3}}, {"states", 0}}, 400, "invalid_parameter");
    check_error("hmm", {{"values", {1, 2, 3}}, {"fit", {{"restarts", 1.5}}}}, 400,
                "invalid_parameter");
    check_error("hmm", {{"values", {1, 2, 3}}, {"fit", {{"tolerance", -1}}}}, 400,
                "invalid_parameter");
    check_error("hmm", {{"values", {0.5, 1}}, {"emissions", "categorical"}}, 400,
                "invalid_argument");
    check_error("hmm", {{"values", {1, 2}}, {"symbols", 3}}, 400, "schema_error");
    json model = kRainySunny;
    model["transitions"] = {{0.7, 0.3}, {0.4, 0.5}};
    check_error("hmm", {{"values", {0}}, {"emissions", "categorical"}, {"model", model}}, 400,
                "invalid_parameter");
    model["transitions"] = {{0.7, 0.3}};
    check_error("hmm", {{"values", {0}}, {"emissions", "categorical"}, {"model", model}}, 400,
                "schema_error");
    check_error("hmm", {{"values", {0, 3}}, {"emissions", "categorical"}, {"model", kRainySunny}},
                400, "invalid_argument");
    check_error("hmm", {{"values", {0}}, {"model", kRainySunny}}, 400, "schema_error");  // gaussian
    check_error(
        "hmm",
        {{"values", {0}}, {"emissions", "categorical"}, {"model", kRainySunny}, {"states", 2}}, 400,
        "schema_error");
  }

  TEST_CASE("detect: consensus members are configurable and reported") {
    json request = {
        {"series", {{"values", two_levels()}}},
        {"detectors",
         {{{"name", "consensus"},
           {"parameters", {{"quorum", 1}, {"tolerance", 10}, {"min_interval", 50}}},
           {"members",
            {{{"name", "hmm_regime"}, {"parameters", {{"warmup", 150}}}, {"weight", 2}}}}}}}};
    const json body = call_route("detect", request);
    const json& detector = body["detectors"][0];
    CHECK(detector["name"] == "consensus");
    REQUIRE(detector["members"].size() == 1);
    CHECK(detector["members"][0]["name"] == "hmm_regime");
    CHECK(detector["members"][0]["weight"] == 2);
    CHECK(detector["members"][0]["parameters"]["warmup"] == 150);
    CHECK(detector["members"][0]["version"] == "1.0.0");
    // The warm-up (150 samples) sees both levels; the fall back at 200 is
    // the one change after it, confirmed by the single weighted member.
    REQUIRE(body["alerts"].size() == 1);
    CHECK(body["alerts"][0]["index"].get<int>() >= 200);
    CHECK(body["alerts"][0]["index"].get<int>() <= 206);
    for (const json& alert : body["alerts"]) {
      CHECK(alert["detector"] == "consensus");
      CHECK(alert["members"] == json({"hmm_regime"}));
      // Placed and raised at the same sample: hmm_regime raises its alerts where it places them.
      CHECK(alert["detail"] == "1 of 1 members (weight 2 of 2), confirmed at " +
                                   std::to_string(alert["index"].get<int>()));
    }
  }

  TEST_CASE("detect: alerts carry detail only when the detector gives one") {
    const json body =
        call_route("detect", {{"series", {{"values", two_levels()}}},
                              {"detectors",
                               {{{"name", "hmm_regime"}, {"parameters", {{"warmup", 150}}}},
                                {{"name", "variance_compression"}}}}});
    REQUIRE_FALSE(body["alerts"].empty());
    for (const json& alert : body["alerts"]) {
      CHECK(alert.contains("detail") == (alert["detector"] == "hmm_regime"));
      CHECK_FALSE(alert.contains("members"));
    }
    CHECK_FALSE(body["detectors"][0].contains("members"));
  }

  TEST_CASE("detect: bad members are rejected") {
    const json series = {{"values", {1, 2, 3}}};
    auto with_members = [&](const json& members, const std::string& name = "consensus") {
      return json{{"series", series}, {"detectors", {{{"name", name}, {"members", members}}}}};
    };
    check_error("detect", with_members(json::array()), 400, "schema_error");
    check_error("detect", with_members({{{"name", "cusum"}, {"extra", 1}}}), 400, "schema_error");
    check_error("detect", with_members({{{"name", "cusum"}, {"weight", "heavy"}}}), 400,
                "schema_error");
    check_error("detect", with_members({{{"name", "nope"}}}), 400, "unknown_detector");
    check_error("detect", with_members({{{"name", "cusum"}, {"parameters", {{"nope", 1}}}}}), 400,
                "unknown_parameter");
    check_error("detect", with_members({{{"name", "cusum"}, {"weight", -1}}}), 400,
                "invalid_parameter");
    check_error("detect", with_members({{{"name", "cusum"}}}), 400,
                "invalid_parameter");  // quorum 3 > weight 1
    check_error("detect", with_members({{{"name", "cusum"}}}, "phase_transition"), 400,
                "invalid_parameter");
  }
}
