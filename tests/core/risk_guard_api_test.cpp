// risk/validate and risk/bias through lf::api::dispatch: each answer's shape,
// a cooldown carried in the state across requests, and bad requests. The
// validator's sample figures are scipy's (signal_validator_test.cpp).
#include <doctest/doctest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "api_call.hpp"
#include "lf/api/dispatch.hpp"

using nlohmann::json;

namespace {

using lf::test::call_route;
using lf::test::route_error_code;

json statistics(double p, double ev, double sharpe, double confidence) {
  return {{"p_value", p}, {"expected_value", ev}, {"sharpe", sharpe}, {"confidence", confidence}};
}

}  // namespace

TEST_SUITE("risk") {
  TEST_CASE("api risk/validate: from statistics and from a return sample") {
    auto accepted =
        call_route("risk/validate", {{"statistics", statistics(0.01, 0.002, 2.5, 0.8)}});
    CHECK(accepted["accepted"] == true);
    CHECK(accepted["rejections"].empty());
    CHECK(accepted["thresholds"]["min_sharpe"] == 2);
    CHECK_FALSE(accepted.contains("sample"));

    auto rejected = call_route("risk/validate", {{"statistics", statistics(0.05, 0, 1.5, 0.5)}});
    CHECK(rejected["accepted"] == false);
    REQUIRE(rejected["rejections"].size() == 4);
    CHECK(rejected["rejections"][0] ==
          json{{"code", "p_value_too_high"}, {"value", 0.05}, {"threshold", 0.05}});
    CHECK(rejected["rejections"][1]["code"] == "expected_value_not_positive");
    CHECK(rejected["rejections"][2] ==
          json{{"code", "sharpe_too_low"}, {"value", 1.5}, {"threshold", 2}});
    CHECK(rejected["rejections"][3]["code"] == "confidence_too_low");

    // The scipy-checked sample of signal_validator_test.cpp.
    auto sample = call_route(
        "risk/validate",
        {{"returns", {0.012, -0.004, 0.008, 0.015, -0.002, 0.007, 0.011, -0.006, 0.009, 0.004}},
         {"confidence", 0.8}});
    CHECK(sample["accepted"] == true);
    CHECK(std::fabs(sample["statistics"]["p_value"].get<double>() - 0.020708075243131393) < 1e-12);
    CHECK(std::fabs(sample["sample"]["t_statistic"].get<double>() - 2.377217447079184) < 1e-12);
    CHECK(sample["sample"]["samples"] == 10);
    CHECK(sample["sample"]["periods_per_year"] == 252);
    // t = 1.147 with 2 degrees of freedom: p = 0.185 >= 0.01.
    auto strict = call_route("risk/validate", {{"returns", {0.01, 0.02, -0.005}},
                                               {"confidence", 0.9},
                                               {"thresholds", {{"max_p_value", 0.01}}}});
    CHECK(strict["accepted"] == false);
    CHECK(strict["rejections"][0]["threshold"] == 0.01);

    CHECK(route_error_code("risk/validate", json::object(), 400) == "schema_error");
    CHECK(route_error_code("risk/validate",
                           {{"statistics", statistics(0.01, 1, 3, 0.9)}, {"returns", {0.1, 0.2}}},
                           400) == "schema_error");
    CHECK(route_error_code("risk/validate",
                           {{"statistics", statistics(0.01, 1, 3, 0.9)}, {"confidence", 0.9}},
                           400) == "schema_error");
    CHECK(route_error_code("risk/validate", {{"returns", {0.1}}, {"confidence", 0.9}}, 422) ==
          "insufficient_data");
    CHECK(route_error_code("risk/validate", {{"returns", {0.1, 0.1}}, {"confidence", 0.9}}, 422) ==
          "degenerate_input");
    CHECK(route_error_code("risk/validate", {{"returns", {0.1, 0.2}}}, 400) == "schema_error");
    CHECK(route_error_code("risk/validate", {{"statistics", statistics(2, 1, 3, 0.9)}}, 400) ==
          "invalid_argument");
    CHECK(route_error_code("risk/validate",
                           {{"statistics", statistics(0.01, 1, 3, 0.9)},
                            {"thresholds", {{"min_confidence", 3}}}},
                           400) == "invalid_parameter");
  }

  TEST_CASE("api risk/bias: a revenge cooldown carried in the state") {
    const json context = {
        {"now_ms", 3'600'000},
        {"instrument", "BTC-PERP"},
        {"side", "buy"},
        {"size", 1},
        {"baseline_size", 1},
        {"prices",
         {{{"at_ms", 3'000'000}, {"price", 100}}, {{"at_ms", 3'600'000}, {"price", 100.5}}}},
        {"sentiment", 0.5},
        {"last_loss_at_ms", 3'000'000},  // 10 min before
        {"signal_sources", {"momentum", "order-flow"}}};
    auto first = call_route("risk/bias", {{"context", context}});
    CHECK(first["allowed"] == false);
    REQUIRE(first["findings"].size() == 1);
    CHECK(first["findings"][0]["bias"] == "revenge_trading");
    CHECK(first["findings"][0]["action"] == "cooldown");
    CHECK(first["findings"][0]["detail"] == "re-entry 600 s after a loss; cooldown 3600 s");
    CHECK(first["state"]["cooldown_until_ms"] == 7'200'000);

    json later = context;
    later.erase("last_loss_at_ms");
    later["now_ms"] = 7'199'999;
    later["prices"][1]["at_ms"] = 7'199'999;
    auto during = call_route("risk/bias", {{"context", later}, {"state", first["state"]}});
    CHECK(during["allowed"] == false);
    later["now_ms"] = 7'200'000;
    later["prices"][1]["at_ms"] = 7'200'000;
    auto after = call_route("risk/bias", {{"context", later}, {"state", first["state"]}});
    CHECK(after["allowed"] == true);
    CHECK(after["state"]["cooldown_until_ms"].is_null());
    CHECK(after["max_size"].is_null());
    CHECK(after["force_stop"].empty());
    CHECK(after["confirmations_required"] == 0);

    json capped = context;
    capped.erase("last_loss_at_ms");
    capped["win_streak"] = 6;
    capped["positions"] = {
        {{"instrument", "ETH-PERP"}, {"side", "sell"}, {"price", 110}, {"stop", 105}}};
    auto guarded =
        call_route("risk/bias", {{"context", capped}, {"config", {{"capped_size", 0.5}}}});
    CHECK(guarded["allowed"] == true);
    CHECK(guarded["max_size"] == 0.5);
    CHECK(guarded["force_stop"] == json::array({"ETH-PERP"}));

    json bad = context;
    bad["side"] = "hold";
    CHECK(route_error_code("risk/bias", {{"context", bad}}, 400) == "schema_error");
    bad = context;
    bad["sentiment"] = 2;
    CHECK(route_error_code("risk/bias", {{"context", bad}}, 400) == "invalid_argument");
    bad = context;
    bad.erase("prices");
    CHECK(route_error_code("risk/bias", {{"context", bad}}, 422) == "insufficient_data");
    bad = context;
    bad["prices"][0]["at_ms"] = 3'600'000;
    CHECK(route_error_code("risk/bias", {{"context", bad}}, 422) == "non_increasing_timestamp");
    bad = context;
    bad["win_streak"] = -1;
    CHECK(route_error_code("risk/bias", {{"context", bad}}, 400) == "invalid_argument");
    CHECK(route_error_code("risk/bias", {{"context", context}, {"config", {{"fomo_rise", 0}}}},
                           400) == "invalid_parameter");
    CHECK(route_error_code("risk/bias", {{"context", context}, {"state", {{"until", 1}}}}, 400) ==
          "schema_error");
    CHECK(route_error_code("risk/bias", json::object(), 400) == "schema_error");
  }
}
