// risk/check and risk/state through the dispatcher: the decision JSON, the
// process's one trading state and its audit lines, and the error codes and
// statuses of bad requests.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "api_call.hpp"
#include "lf/api/dispatch.hpp"
#include "lf/verify/audit_chain.hpp"

using nlohmann::json;

namespace {

using lf::test::call_route;

void check_error(const std::string& route, const json& request, const char* code, int status) {
  const json body = call_route(route, request, status);
  CHECK_MESSAGE(body["error"]["code"] == code, body.dump());
}

// 1 BTC at 1000 with a 5% stop against a flat 100,000 account at its peak.
json sound_request() {
  return {{"order",
           {{"instrument", "BTC"},
            {"side", "buy"},
            {"quantity", 1},
            {"price", 1000},
            {"stop_loss", 950},
            {"take_profit", 1100},
            {"leverage", 2}}},
          {"portfolio",
           {{"equity", 100000},
            {"cash", 50000},
            {"positions", json::array()},
            {"prices", {{"BTC", {980, 1010, 1000}}}},
            {"equity_curve", {90000, 100000}}}},
          {"now", 10}};
}

std::string joined(const json& lines) {
  std::string text;
  for (const auto& line : lines) text += line.get<std::string>();
  return text;
}

}  // namespace

TEST_SUITE("risk") {
  TEST_CASE("risk/check approves a sound order with its figures") {
    json request = sound_request();
    request["mode"] = "normal";
    const json body = call_route("risk/check", request);
    CHECK(body["decision"] == "approved");
    CHECK(body["reason"].is_null());
    CHECK(body["intent"] == "open");
    CHECK(body["mode"] == "normal");
    CHECK(body["kill_switch_tripped"] == false);
    CHECK(body["risk_score"] == 0.5);
    CHECK(body["stop_loss"] == 950);
    CHECK(body["take_profit"] == 1100);
    CHECK(body["suggested_quantity"].is_null());
    CHECK(body["figures"]["notional"] == 1000);
    CHECK(body["figures"]["margin_required"] == 500);
    CHECK(body["figures"]["max_correlation"].is_null());
    CHECK(body["audit_lines"] == json::array());
  }

  TEST_CASE("risk/check rejects with a reason code, suggested size and 200") {
    json request = sound_request();
    request["order"]["quantity"] = 2.5;
    json body = call_route("risk/check", request);
    CHECK(body["decision"] == "rejected");
    CHECK(body["reason"] == "position_size_exceeded");
    CHECK(body["suggested_quantity"] == 2);
    CHECK_FALSE(body["message"].get<std::string>().empty());

    request = sound_request();
    request["portfolio"]["equity"] = nullptr;  // a feed that lost the account
    CHECK(call_route("risk/check", request)["reason"] == "missing_account_data");
    request["portfolio"].erase("equity");
    CHECK(call_route("risk/check", request)["reason"] == "missing_account_data");

    request = sound_request();
    request["order"]["stop_loss"] = 899;
    body = call_route("risk/check", request);
    CHECK(body["decision"] == "modify_required");
    CHECK(body["reason"] == "stop_loss_too_far");
    CHECK(body["suggested_stop_loss"] == 900);

    request = sound_request();
    request["mode"] = "paused";
    CHECK(call_route("risk/check", request)["reason"] == "trading_paused");

    request = sound_request();
    request["limits"] = {{"max_submits", 2}, {"submit_interval", 1}};
    request["recent_submits"] = {9.2, 9.5};
    CHECK(call_route("risk/check", request)["reason"] == "rate_limited");
    request["now"] = 10.2;
    CHECK(call_route("risk/check", request)["decision"] == "approved");
  }

  TEST_CASE("the process's trading state: a drawdown trip, then an audited reset") {
    json state = call_route("risk/state", json::object());
    REQUIRE(state["mode"] == "normal");
    const auto records_before = state["audit_records"].get<std::uint64_t>();

    json request = sound_request();  // no "mode": judged against the process state
    request["portfolio"]["equity"] = 85000;
    json body = call_route("risk/check", request);
    CHECK(body["reason"] == "drawdown_limit");
    CHECK(body["kill_switch_tripped"] == true);
    CHECK(body["mode"] == "emergency");
    REQUIRE(body["audit_lines"].size() == 1);
    const json trip_line = json::parse(body["audit_lines"][0].get<std::string>());
    CHECK(trip_line["data"]["cause"] == "drawdown");

    state = call_route("risk/state", json::object());
    CHECK(state["mode"] == "emergency");
    CHECK(state["audit_records"] == records_before + 1);
    CHECK(state["transitions"].back()["kind"] == "trip");
    CHECK(state["transitions"].back()["cause"] == "drawdown");
    CHECK(state["audit_lines"] == json::array());  // already handed out by risk/check

    // Leaving emergency: only to paused, with actor and reason.
    check_error("risk/state",
                {{"to", "normal"}, {"actor", "ops"}, {"reason", "r"}, {"timestamp", 20}},
                "transition_refused", 409);
    check_error("risk/state", {{"to", "paused"}, {"reason", "r"}, {"timestamp", 20}},
                "schema_error", 400);
    check_error("risk/state", {{"to", "paused"}, {"actor", ""}, {"reason", "r"}, {"timestamp", 20}},
                "invalid_argument", 400);
    check_error("risk/state",
                {{"to", "halted"}, {"actor", "ops"}, {"reason", "r"}, {"timestamp", 20}},
                "invalid_argument", 400);
    check_error("risk/state", {{"actor", "ops"}}, "schema_error", 400);
    const json reset = call_route(
        "risk/state",
        {{"to", "paused"}, {"actor", "ops"}, {"reason", "drawdown reviewed"}, {"timestamp", 20}});
    CHECK(reset["mode"] == "paused");
    REQUIRE(reset["audit_lines"].size() == 1);
    const json resumed = call_route(
        "risk/state",
        {{"to", "normal"}, {"actor", "ops"}, {"reason", "limits reset"}, {"timestamp", 21}});
    CHECK(resumed["mode"] == "normal");
    const json& last = resumed["transitions"].back();
    CHECK(last["kind"] == "manual");
    CHECK(last["actor"] == "ops");
    CHECK(last["reason"] == "limits reset");
    // The trip and the two resets are consecutive, linked records of the chain
    // (the whole log from genesis is what the caller persisted and verifies).
    const json lines = {trip_line, json::parse(reset["audit_lines"][0].get<std::string>()),
                        json::parse(resumed["audit_lines"][0].get<std::string>())};
    for (std::size_t i = 1; i < lines.size(); ++i) {
      CHECK(lines[i]["prev"] == lines[i - 1]["hash"]);
      CHECK(lines[i]["seq"] == lines[i - 1]["seq"].get<std::uint64_t>() + 1);
    }
    CHECK(trip_line["seq"] == records_before);
    CHECK(resumed["audit_head"] == lines[2]["hash"]);
    if (records_before == 0) {
      CHECK(lf::verify::verify_audit_log(joined(body["audit_lines"]) +
                                         joined(reset["audit_lines"]) +
                                         joined(resumed["audit_lines"]))
                .intact);
    }
  }

  TEST_CASE("risk/check: bad requests are typed errors") {
    json request = sound_request();
    request["order"]["quantity"] = -1;
    check_error("risk/check", request, "invalid_argument", 400);
    request = sound_request();
    request["order"]["leverage"] = 0;
    check_error("risk/check", request, "invalid_argument", 400);
    request = sound_request();
    request["order"]["side"] = "long";
    check_error("risk/check", request, "invalid_argument", 400);
    request = sound_request();
    request["order"]["price"] = "1000";
    check_error("risk/check", request, "schema_error", 400);
    request = sound_request();
    request["order"]["size"] = 1;
    check_error("risk/check", request, "schema_error", 400);
    request = sound_request();
    request.erase("order");
    check_error("risk/check", request, "schema_error", 400);
    request = sound_request();
    request["portfolio"]["prices"]["BTC"] = {1000, -1};
    check_error("risk/check", request, "invalid_argument", 400);
    request = sound_request();
    request["portfolio"]["positions"] = {
        {{"instrument", "BTC"}, {"quantity", 1}, {"entry_price", 900}},
        {{"instrument", "BTC"}, {"quantity", 2}, {"entry_price", 950}}};
    check_error("risk/check", request, "invalid_argument", 400);
    request = sound_request();
    request["limits"] = {{"max_correlation", 2}};
    check_error("risk/check", request, "invalid_parameter", 400);
    request["limits"] = {{"max_corr", 0.5}};
    check_error("risk/check", request, "schema_error", 400);
    request["limits"] = {{"correlation_window", 4.5}};
    check_error("risk/check", request, "schema_error", 400);
    request = sound_request();
    request["mode"] = "halted";
    check_error("risk/check", request, "invalid_argument", 400);
    request = sound_request();
    request["recent_submits"] = {20, 5};
    check_error("risk/check", request, "non_increasing_timestamp", 422);
    request = sound_request();
    request["recent_submits"] = {20};
    check_error("risk/check", request, "non_increasing_timestamp", 422);  // now 10 < 20
  }
}
