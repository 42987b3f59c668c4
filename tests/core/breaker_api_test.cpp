// The breaker/* routes through lf::api::dispatch, as every shell calls them.
// The breaker registry lives as long as the process (this test binary), so
// each case uses its own component names, and fewer than half of them are
// ever open at once: a global opening would trip the process's trading
// state, which other suites' risk/check and risk/state cases use. The trip
// itself is tested on a fresh instance in tests/js/breaker.test.mjs and
// through TradingStateTripper in circuit_breaker_registry_test.cpp.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api_call.hpp"
#include "lf/api/dispatch.hpp"

using nlohmann::json;

namespace {

using lf::test::call_route;
using lf::test::route_error_code;

std::vector<std::string> event_types(const json& answer) {
  std::vector<std::string> out;
  for (const auto& e : answer["events"]) out.push_back(e["type"].get<std::string>());
  return out;
}

// Window 4, minimum 4, 50%: two failures in four calls open the breaker;
// 10 s wait; 2 probes.
const json kConfig = {{"window_size", 4},
                      {"minimum_calls", 4},
                      {"wait_in_open_ms", 10000},
                      {"permitted_calls_in_half_open", 2}};

// A call of 5 ms ending at now_ms.
json record(const std::string& component, const std::string& outcome, double now_ms,
            const json& extra = json::object()) {
  json request = {{"component", component},
                  {"outcome", outcome},
                  {"duration_ms", 5},
                  {"now_ms", now_ms},
                  {"config", kConfig}};
  request.update(extra);
  return call_route("breaker/record", request);
}

}  // namespace

TEST_SUITE("risk") {
  TEST_CASE("api breaker: record, open, refuse, probe, close") {
    const std::string name = "api-cycle";
    auto first = record(name, "failure", 1000);
    CHECK(first["permitted"] == true);
    CHECK(first["result"] == "recorded");
    CHECK(first["component"] == name);
    CHECK(first["breaker"]["state"] == "closed");
    CHECK(first["breaker"]["calls"] == 1);
    CHECK(first["breaker"]["failure_rate"].is_null());  // below 4 calls
    CHECK(first["breaker"]["config"]["window_size"] == 4);
    CHECK(first["audit_lines"].empty());
    record(name, "success", 1001);
    record(name, "success", 1002);
    auto opened = record(name, "failure", 1003);  // 2 of 4 = 50%
    CHECK(opened["breaker"]["state"] == "open");
    CHECK(opened["breaker"]["failure_rate"] == 50);
    CHECK(opened["breaker"]["open_until_ms"] == 11003);
    CHECK(event_types(opened) ==
          std::vector<std::string>{"failure_rate_exceeded", "state_transition"});
    CHECK(opened["events"][0]["rate"] == 50);
    CHECK(opened["events"][1]["from"] == "closed");
    CHECK(opened["events"][1]["to"] == "open");
    CHECK(opened["events"][1]["cause"] == "failure_rate");
    CHECK(opened["events"][1]["at_ms"] == 1003);

    // Refused while open: nothing recorded.
    auto refused = record(name, "success", 2000);
    CHECK(refused["permitted"] == false);
    CHECK(refused["result"].is_null());
    CHECK(event_types(refused) == std::vector<std::string>{"call_not_permitted"});
    auto denied = call_route("breaker/acquire", {{"component", name}, {"now_ms", 11002}});
    CHECK(denied["permitted"] == false);
    CHECK(denied["permit"].is_null());
    CHECK(denied["breaker"]["not_permitted"] == 2);

    // After the wait: two probes, a third refused.
    auto p1 = call_route("breaker/acquire", {{"component", name}, {"now_ms", 11003}});
    CHECK(p1["permitted"] == true);
    CHECK(p1["breaker"]["state"] == "half_open");
    CHECK(p1["events"][0]["cause"] == "wait_elapsed");
    auto p2 = call_route("breaker/acquire", {{"component", name}, {"now_ms", 11004}});
    auto p3 = call_route("breaker/acquire", {{"component", name}, {"now_ms", 11005}});
    CHECK(p2["permitted"] == true);
    CHECK(p3["permitted"] == false);
    CHECK(p2["breaker"]["probes_in_flight"] == 2);

    // One probe is given back and taken again, then both pass.
    auto released = call_route("breaker/release",
                               {{"component", name}, {"permit", p2["permit"]}, {"now_ms", 11006}});
    CHECK(released["released"] == true);
    auto p4 = call_route("breaker/acquire", {{"component", name}, {"now_ms", 11007}});
    CHECK(p4["permitted"] == true);
    auto stale = record(name, "success", 11008, {{"permit", p2["permit"]}});
    CHECK(stale["result"] == "stale");
    record(name, "success", 11009, {{"permit", p1["permit"]}});
    auto closed = record(name, "success", 11010, {{"permit", p4["permit"]}});
    CHECK(closed["result"] == "recorded");
    CHECK(closed["breaker"]["state"] == "closed");
    CHECK(closed["events"][0]["cause"] == "probes_passed");
  }

  TEST_CASE("api breaker: transitions by an operator, cascades, state") {
    for (const char* pad : {"api-pad-1", "api-pad-2", "api-pad-3", "api-pad-4"}) {
      record(pad, "success", 10);
    }
    record("api-db", "success", 10);
    record("api-orders", "success", 10);
    auto cascade =
        call_route("breaker/cascade", {{"source", "api-db"}, {"dependants", {"api-orders"}}});
    CHECK(cascade["dependants"] == json::array({"api-orders"}));

    auto forced = call_route("breaker/transition", {{"component", "api-db"},
                                                    {"to", "forced_open"},
                                                    {"actor", "alice"},
                                                    {"reason", "vendor outage"},
                                                    {"now_ms", 50}});
    CHECK(forced["from"] == "closed");
    CHECK(forced["to"] == "forced_open");
    CHECK(forced["breaker"]["state"] == "forced_open");
    REQUIRE(forced["events"].size() == 2);
    CHECK(forced["events"][0]["actor"] == "alice");
    CHECK(forced["events"][0]["reason"] == "vendor outage");
    CHECK(forced["events"][0]["cause"] == "manual");
    // The cascade opened the dependant in the same request.
    CHECK(forced["events"][1]["breaker"] == "api-orders");
    CHECK(forced["events"][1]["cause"] == "cascade");
    CHECK(forced["events"][1]["actor"] == "cascade");
    CHECK(forced["events"][1]["reason"] == "api-db");

    auto state = call_route("breaker/state", {{"now_ms", 60}});
    std::string previous;
    int open = 0;
    for (const auto& b : state["breakers"]) {
      const auto name = b["name"].get<std::string>();
      CHECK(previous < name);  // sorted by name
      previous = name;
      if (b["state"] == "open" || b["state"] == "forced_open") ++open;
      if (name == "api-db") CHECK(b["dependants"] == json::array({"api-orders"}));
      if (name == "api-orders") CHECK(b["state"] == "open");
    }
    CHECK(state["global"]["open_components"] == open);
    CHECK(state["global"]["components"] == state["breakers"].size());
    CHECK(state["global"]["state"] == "closed");  // 2 of 7 open
    CHECK(state["global"]["minimum_components"] == 3);
    CHECK(state["global"]["open_fraction"] == 0.5);
    CHECK(state["audit_lines"].empty());

    auto reset = call_route("breaker/transition", {{"component", "api-db"},
                                                   {"to", "closed"},
                                                   {"actor", "alice"},
                                                   {"reason", "resolved"},
                                                   {"now_ms", 70}});
    CHECK(reset["breaker"]["state"] == "closed");
  }

  TEST_CASE("api breaker: bad requests") {
    record("api-bad", "success", 10);
    CHECK(route_error_code("breaker/transition",
                           {{"component", "api-bad"},
                            {"to", "half_open"},
                            {"actor", "a"},
                            {"reason", "r"},
                            {"now_ms", 1}},
                           409) == "transition_refused");
    CHECK(route_error_code("breaker/transition",
                           {{"component", "api-bad"},
                            {"to", "open"},
                            {"actor", ""},
                            {"reason", "r"},
                            {"now_ms", 1}},
                           400) == "invalid_argument");
    CHECK(route_error_code("breaker/transition",
                           {{"component", "api-bad"},
                            {"to", "ajar"},
                            {"actor", "a"},
                            {"reason", "r"},
                            {"now_ms", 1}},
                           400) == "invalid_argument");
    CHECK(route_error_code("breaker/transition",
                           {{"component", "api-nobody"},
                            {"to", "open"},
                            {"actor", "a"},
                            {"reason", "r"},
                            {"now_ms", 1}},
                           400) == "unknown_breaker");
    CHECK(route_error_code("breaker/release",
                           {{"component", "api-nobody"},
                            {"permit", {{"generation", 1}, {"slot", 0}, {"ticket", 3}}},
                            {"now_ms", 1}},
                           400) == "unknown_breaker");
    CHECK(route_error_code("breaker/cascade",
                           {{"source", "api-bad"}, {"dependants", {"api-nobody"}}},
                           400) == "unknown_breaker");
    CHECK(route_error_code("breaker/cascade", {{"source", "api-bad"}, {"dependants", {"api-bad"}}},
                           400) == "invalid_argument");
    // A config applies on first use only; a different one is refused.
    CHECK(route_error_code(
              "breaker/acquire",
              {{"component", "api-bad"}, {"now_ms", 2}, {"config", {{"window_size", 9}}}},
              400) == "invalid_argument");
    CHECK(route_error_code(
              "breaker/acquire",
              {{"component", "api-new"}, {"now_ms", 2}, {"config", {{"window_size", 0}}}},
              400) == "invalid_parameter");
    CHECK(route_error_code(
              "breaker/acquire",
              {{"component", "api-new"}, {"now_ms", 2}, {"config", {{"window_type", "sliding"}}}},
              400) == "invalid_parameter");
    CHECK(route_error_code("breaker/acquire",
                           {{"component", "api-new"}, {"now_ms", 2}, {"config", {{"colour", 1}}}},
                           400) == "schema_error");
    CHECK(route_error_code("breaker/acquire", {{"component", "bad name!"}, {"now_ms", 2}}, 400) ==
          "invalid_argument");
    CHECK(route_error_code("breaker/acquire", {{"component", "api-new"}, {"now_ms", -1}}, 400) ==
          "invalid_argument");
    CHECK(route_error_code("breaker/acquire", {{"component", "api-new"}}, 400) == "schema_error");
    CHECK(route_error_code(
              "breaker/record",
              {{"component", "api-bad"}, {"outcome", "meh"}, {"duration_ms", 1}, {"now_ms", 5}},
              400) == "schema_error");
    CHECK(
        route_error_code(
            "breaker/record",
            {{"component", "api-bad"}, {"outcome", "success"}, {"duration_ms", 10}, {"now_ms", 5}},
            400) == "invalid_argument");
    CHECK(route_error_code("breaker/record",
                           {{"component", "api-bad"},
                            {"outcome", "success"},
                            {"duration_ms", 1},
                            {"now_ms", 5},
                            {"permit", {{"generation", 1}, {"slot", 0}}}},
                           400) == "schema_error");
    CHECK(route_error_code("breaker/state", json::object(), 400) == "schema_error");
    // None of the failed requests created a breaker.
    auto state = call_route("breaker/state", {{"now_ms", 10}});
    for (const auto& b : state["breakers"]) CHECK(b["name"] != "api-new");
  }
}
