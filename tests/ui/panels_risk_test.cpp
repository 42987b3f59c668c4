// The Risk panel's model: the what-if form reproduces docs/API.md's risk/check
// example (and the core's documented answer to it), hand-derived rule
// outcomes, the trading state's audit entries and kill switch, and the
// circuit-breaker requests against docs/API.md's breaker/record example.
#include <doctest/doctest.h>

#include <string>

#include "ui/panels/risk_model.hpp"
#include "ui/panels/route_call.hpp"

namespace {

using namespace lf::ui;
using namespace lf::ui::risk;

RouteReply transition(const char* to, double timestamp) {
  return call_route("risk/state", {{"to", to},
                                   {"actor", "tester"},
                                   {"reason", std::string("to ") + to},
                                   {"timestamp", timestamp}});
}

}  // namespace

TEST_SUITE("panels_risk") {
  TEST_CASE("number lists: separators, and errors that name the field") {
    auto values = parse_numbers(" 63000, 64000 65000;1e3\n", "prices");
    REQUIRE(values);
    CHECK(*values == std::vector<double>{63000, 64000, 65000, 1000});
    CHECK(parse_numbers("", "prices")->empty());
    auto bad = parse_numbers("12, abc", "prices of BTC");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == lf::ErrorCode::invalid_argument);
    CHECK(bad.error().message == "prices of BTC: 'abc' is not a finite number");
    CHECK_FALSE(parse_numbers("1, nan", "x"));
    CHECK_FALSE(parse_numbers("1e999", "x"));
  }

  TEST_CASE("the example form is docs/API.md's risk/check request, and is approved") {
    auto request = check_request(example_check_form());
    REQUIRE(request);
    const auto documented = nlohmann::json::parse(R"({
      "order": {"instrument": "BTC", "side": "buy", "quantity": 0.03, "price": 65000,
                "stop_loss": 63000, "take_profit": 70000, "leverage": 10, "reduce_only": false},
      "portfolio": {"equity": 100000, "cash": 20000,
                    "positions": [{"instrument": "ETH", "quantity": -2, "entry_price": 3000}],
                    "prices": {"BTC": [63000, 64000, 65000], "ETH": [3100, 3050, 3000]},
                    "equity_curve": [98000, 100000]},
      "limits": {"correlation_window": 2},
      "mode": "normal", "now": 1700000000, "recent_submits": [1699999999.5]})");
    CHECK(*request == documented);
    const RouteReply reply = call_route("risk/check", *request);
    REQUIRE(reply.status == 200);
    // docs/API.md's answer to that request.
    CHECK(reply.body["decision"] == "approved");
    CHECK(reply.body["reason"].is_null());
    CHECK(reply.body["intent"] == "open");
    CHECK(reply.body["risk_score"].get<double>() == doctest::Approx(0.975));
    CHECK(reply.body["figures"]["liquidation_price"].get<double>() == doctest::Approx(58825));
    CHECK(reply.body["figures"]["max_correlation"].get<double>() == doctest::Approx(-1));
    CHECK(reply.body["audit_lines"].empty());  // a scratch mode changes nothing
  }

  TEST_CASE("hand-derived rule outcomes") {
    // A market buy valued at the last price 65000 with its stop 10 away: 10 / 65000 is under the
    // 0.1 % minimum, so the stop must move to 65000 x (1 - 0.001) = 64935.
    CheckForm close_stop = example_check_form();
    close_stop.market = true;
    close_stop.stop_loss = 64990;
    const RouteReply modify = call_route("risk/check", *check_request(close_stop));
    REQUIRE(modify.status == 200);
    CHECK(modify.body["decision"] == "modify_required");
    CHECK(modify.body["reason"] == "stop_loss_too_close");
    CHECK(modify.body["suggested_stop_loss"].get<double>() == doctest::Approx(64935));

    // No equity: the engine fails closed.
    CheckForm no_equity = example_check_form();
    no_equity.has_equity = false;
    auto request = check_request(no_equity);
    REQUIRE(request);
    CHECK((*request)["portfolio"]["equity"].is_null());
    const RouteReply missing = call_route("risk/check", *request);
    CHECK(missing.body["decision"] == "rejected");
    CHECK(missing.body["reason"] == "missing_account_data");

    // Under paused, nothing goes out.
    CheckForm paused = example_check_form();
    paused.mode = "paused";
    CHECK(call_route("risk/check", *check_request(paused)).body["reason"] == "trading_paused");

    // A malformed price list never reaches the core; a bad value is the core's typed error.
    CheckForm typo = example_check_form();
    typo.prices[1].prices = "3100, 3O50";
    CHECK(check_request(typo).error().message == "prices of ETH: '3O50' is not a finite number");
    CheckForm negative = example_check_form();
    negative.quantity = -1;
    const RouteReply refused = call_route("risk/check", *check_request(negative));
    CHECK(refused.status == 400);
    CHECK(refused.error_code == "invalid_argument");
  }

  TEST_CASE("trading state: transitions, their audit entries, the kill switch and the chain") {
    // The process's trading state starts in normal with an empty chain, and no other test of
    // this program moves it.
    const RouteReply fresh = call_route("risk/state", nlohmann::json::object());
    REQUIRE(fresh.status == 200);
    REQUIRE(fresh.body["mode"] == "normal");
    REQUIRE(fresh.body["audit_records"] == 0);
    std::vector<std::string> log;  // the lines the panel collects, as a host persists them
    const auto keep = [&log](const RouteReply& r) {
      for (const auto& line : r.body["audit_lines"]) log.push_back(line.get<std::string>());
    };

    // To emergency by hand: the kill switch is engaged, naming who latched it.
    const RouteReply latched = transition("emergency", 1700000100);
    REQUIRE(latched.status == 200);
    keep(latched);
    const KillSwitchView kill = kill_switch_view(latched.body);
    CHECK(kill.engaged);
    CHECK(kill.cause == "manual (tester)");
    CHECK(kill.detail == "to emergency");
    CHECK(*kill.since == 1700000100);

    // The audit record of that transition (docs/RISK.md, "Audit chain").
    auto entry =
        read_audit_line(latched.body["transitions"].back()["audit_line"].get<std::string>());
    REQUIRE(entry);
    CHECK(entry->seq == 0);
    CHECK(entry->kind == "manual");
    CHECK(entry->from == "normal");
    CHECK(entry->to == "emergency");
    CHECK(entry->who == "tester");
    CHECK(entry->why == "to emergency");
    CHECK(entry->timestamp == 1700000100);
    CHECK(entry->hash.size() == 64);
    CHECK(read_audit_line("{\"type\":\"checkpoint\",\"seq\":1}").error().code ==
          lf::ErrorCode::schema_error);
    CHECK_FALSE(read_audit_line("not json"));

    // Emergency latches: only paused may follow, and a refusal records nothing.
    const RouteReply refused = transition("normal", 1700000200);
    CHECK(refused.status == 409);
    CHECK(refused.error_code == "transition_refused");
    const RouteReply reset = transition("paused", 1700000200);
    REQUIRE(reset.status == 200);
    keep(reset);
    CHECK_FALSE(kill_switch_view(reset.body).engaged);
    const RouteReply resumed = transition("normal", 1700000300);
    REQUIRE(resumed.status == 200);
    keep(resumed);
    CHECK(resumed.body["audit_records"] == 3);

    // The collected lines are the whole chain: audit/verify, anchored on the head, finds it
    // intact; an altered record is named (docs/VERIFY.md, "Audit log").
    REQUIRE(log.size() == 3);
    std::string text = log[0] + log[1] + log[2];
    const nlohmann::json anchor = {{"expected_head", resumed.body["audit_head"]},
                                   {"expected_records", 3}};
    nlohmann::json request = anchor;
    request["log"] = text;
    const RouteReply intact = call_route("audit/verify", request);
    CHECK(intact.status == 200);
    CHECK(intact.body["intact"] == true);
    text.replace(text.find("tester"), 6, "intrud");
    request["log"] = text;
    const RouteReply broken = call_route("audit/verify", request);
    CHECK(broken.status == 422);
    CHECK(broken.body["first_bad"]["line"] == 1);
  }

  TEST_CASE("breakers: docs/API.md's breaker/record example") {
    // exchange: window 4, minimum 4 calls, a 10 s wait; orders depends on it. Two failures in
    // four calls reach the 50 % threshold at the fourth record, at 1003 ms.
    const BreakerConfigForm config;  // the example's configuration
    CHECK(breaker_config(config)["window_size"] == 4);
    REQUIRE(call_route("breaker/record", breaker_record_request("orders", true, 1, 10, config))
                .status == 200);
    const bool outcomes[] = {true, false, true};
    for (int i = 0; i < 3; ++i) {
      const RouteReply r = call_route(
          "breaker/record", breaker_record_request("exchange", outcomes[i], 1, 1000 + i, config));
      REQUIRE(r.status == 200);
      CHECK(r.body["breaker"]["state"] == "closed");
    }
    const RouteReply cascade =
        call_route("breaker/cascade", breaker_cascade_request("exchange", " orders ,, "));
    REQUIRE(cascade.status == 200);
    CHECK(cascade.body["dependants"] == nlohmann::json({"orders"}));
    const RouteReply fourth =
        call_route("breaker/record", breaker_record_request("exchange", false, 0, 1003, config));
    REQUIRE(fourth.status == 200);
    CHECK(fourth.body["result"] == "recorded");
    CHECK(fourth.body["breaker"]["state"] == "open");
    CHECK(fourth.body["breaker"]["failure_rate"] == 50);
    CHECK(fourth.body["breaker"]["open_until_ms"] == 11003);
    const RouteReply state = call_route("breaker/state", {{"now_ms", 1004}});
    REQUIRE(state.status == 200);
    for (const auto& b : state.body["breakers"]) {
      CHECK(b["state"] == "open");  // exchange, and orders by the cascade
    }
    // An operator reset, and the refusals the API documents.
    const RouteReply reset =
        call_route("breaker/transition",
                   breaker_transition_request("orders", "closed", "tester", "reset", 1005));
    CHECK(reset.status == 200);
    CHECK(call_route("breaker/transition",
                     breaker_transition_request("orders", "half_open", "tester", "probe", 1006))
              .error_code == "transition_refused");
    CHECK(call_route("breaker/transition",
                     breaker_transition_request("orders", "open", "", "no actor", 1007))
              .error_code == "invalid_argument");
    CHECK(
        call_route("breaker/cascade", breaker_cascade_request("exchange", "nowhere")).error_code ==
        "unknown_breaker");
    BreakerConfigForm other = config;
    other.window_size = 8;
    CHECK(call_route("breaker/record", breaker_record_request("exchange", true, 1, 1008, other))
              .error_code == "invalid_argument");
  }
}
