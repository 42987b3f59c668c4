// Trading modes and the trading state: every manual transition of the
// documented table (allowed and refused), automatic trips that only
// escalate, and the audit chain each transition is written to, checked with
// the verification concern's own verifier.
#include <doctest/doctest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lf/risk/trading_state.hpp"
#include "lf/verify/audit_chain.hpp"

using namespace lf::risk;
using lf::ErrorCode;
using nlohmann::json;

namespace {

constexpr TradingMode kModes[] = {TradingMode::normal, TradingMode::paused, TradingMode::reduced,
                                  TradingMode::emergency};
constexpr TripCause kCauses[] = {TripCause::drawdown,        TripCause::kill_switch,
                                 TripCause::breaker_cascade, TripCause::heartbeat_lost,
                                 TripCause::backend_error,   TripCause::shutdown};

std::string join(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line;
  return text;
}

// The data of an audit line (an "entry" record).
json data_of(const std::string& line) {
  const json record = json::parse(line);
  REQUIRE(record["type"] == "entry");
  return record["data"];
}

template <class T>
void check_code(const lf::Result<T>& result, ErrorCode code) {
  REQUIRE_FALSE(result.ok());
  CHECK_MESSAGE(result.error().code == code, result.error().message);
  CHECK_FALSE(result.error().message.empty());
}

// The table in trading_state.hpp, written out independently.
bool table_allows(TradingMode from, TradingMode to) {
  if (from == to) return false;
  if (from == TradingMode::emergency) return to == TradingMode::paused;
  return true;
}

}  // namespace

TEST_SUITE("risk") {
  TEST_CASE("modes and trip causes spell and parse their names") {
    for (auto mode : kModes) {
      auto parsed = parse_trading_mode(to_string(mode));
      REQUIRE(parsed.ok());
      CHECK(*parsed == mode);
    }
    CHECK(to_string(TradingMode::emergency) == "emergency");
    check_code(parse_trading_mode("Normal"), ErrorCode::invalid_argument);
    check_code(parse_trading_mode(""), ErrorCode::invalid_argument);
    for (auto cause : kCauses) {
      auto parsed = parse_trip_cause(to_string(cause));
      REQUIRE(parsed.ok());
      CHECK(*parsed == cause);
    }
    CHECK(to_string(TripCause::breaker_cascade) == "breaker_cascade");
    check_code(parse_trip_cause("panic"), ErrorCode::invalid_argument);
  }

  TEST_CASE("each mode allows the orders the seed names") {
    // Normal: all; Reduced: only reducing; Paused: none; Emergency: only liquidation.
    const struct {
      TradingMode mode;
      bool open, reduce, liquidate;
    } table[] = {{TradingMode::normal, true, true, true},
                 {TradingMode::reduced, false, true, true},
                 {TradingMode::paused, false, false, false},
                 {TradingMode::emergency, false, false, true}};
    for (const auto& row : table) {
      CAPTURE(to_string(row.mode));
      CHECK(mode_allows(row.mode, OrderIntent::open) == row.open);
      CHECK(mode_allows(row.mode, OrderIntent::reduce) == row.reduce);
      CHECK(mode_allows(row.mode, OrderIntent::liquidate) == row.liquidate);
      CHECK(TradingState(row.mode).allows(OrderIntent::open) == row.open);
    }
    CHECK(severity(TradingMode::normal) < severity(TradingMode::reduced));
    CHECK(severity(TradingMode::reduced) < severity(TradingMode::paused));
    CHECK(severity(TradingMode::paused) < severity(TradingMode::emergency));
  }

  TEST_CASE("every manual transition follows the table and is audited") {
    for (auto from : kModes) {
      for (auto to : kModes) {
        CAPTURE(to_string(from));
        CAPTURE(to_string(to));
        TradingState state(from);
        const auto status = state.request_transition(to, "alice", "scheduled maintenance", 10.0);
        const auto lines = state.drain_audit_lines();
        if (table_allows(from, to)) {
          REQUIRE_MESSAGE(status.ok(), status.error().message);
          CHECK(state.mode() == to);
          REQUIRE(lines.size() == 1);
          const json data = data_of(lines[0]);
          CHECK(data == json{{"actor", "alice"},
                             {"from", to_string(from)},
                             {"kind", "manual"},
                             {"reason", "scheduled maintenance"},
                             {"timestamp", 10.0},
                             {"to", to_string(to)}});
          CHECK(lf::verify::verify_audit_log(join(lines)).intact);
          REQUIRE(state.recent_transitions().size() == 1);
          const Transition& t = state.recent_transitions().back();
          CHECK(t.from == from);
          CHECK(t.to == to);
          CHECK(t.actor == "alice");
          CHECK_FALSE(t.cause);
          CHECK(t.audit_line == lines[0]);
        } else {
          check_code(status, ErrorCode::transition_refused);
          CHECK(state.mode() == from);
          CHECK(lines.empty());
          CHECK(state.audit_records() == 0);
          CHECK(state.recent_transitions().empty());
        }
      }
    }
  }

  TEST_CASE("leaving emergency takes an audited reset to paused, then a second step") {
    TradingState state;
    REQUIRE(state.request_transition(TradingMode::emergency, "bob", "exchange outage", 1.0).ok());
    check_code(state.request_transition(TradingMode::normal, "bob", "outage over", 2.0),
               ErrorCode::transition_refused);
    REQUIRE(state.request_transition(TradingMode::paused, "bob", "outage over", 3.0).ok());
    REQUIRE(state.request_transition(TradingMode::normal, "carol", "checks passed", 4.0).ok());
    const auto lines = state.drain_audit_lines();
    REQUIRE(lines.size() == 3);
    const auto report = lf::verify::verify_audit_log(join(lines));
    CHECK(report.intact);
    CHECK(report.records == 3);
    CHECK(report.head == state.audit_head());
    CHECK(data_of(lines[1])["to"] == "paused");
    CHECK(data_of(lines[2])["actor"] == "carol");
    CHECK(state.drain_audit_lines().empty());  // drained once
  }

  TEST_CASE("bad manual transitions are typed errors that change nothing") {
    TradingState state;
    REQUIRE(state.request_transition(TradingMode::paused, "alice", "lunch", 5.0).ok());
    const auto head = state.audit_head();
    check_code(state.request_transition(TradingMode::normal, "", "back", 6.0),
               ErrorCode::invalid_argument);
    check_code(state.request_transition(TradingMode::normal, "alice", "", 6.0),
               ErrorCode::invalid_argument);
    check_code(state.request_transition(TradingMode::normal, "\xff\xfe", "back", 6.0),
               ErrorCode::invalid_argument);
    check_code(state.request_transition(TradingMode::normal, "alice", "back", NAN),
               ErrorCode::non_finite_value);
    check_code(state.request_transition(TradingMode::normal, "alice", "back", INFINITY),
               ErrorCode::non_finite_value);
    check_code(state.request_transition(TradingMode::normal, "alice", "back", 4.0),
               ErrorCode::non_increasing_timestamp);
    CHECK(state.mode() == TradingMode::paused);
    CHECK(state.audit_records() == 1);
    CHECK(state.audit_head() == head);
    CHECK(state.recent_transitions().size() == 1);
    // An equal timestamp is not before the last one.
    CHECK(state.request_transition(TradingMode::normal, "alice", "back", 5.0).ok());
  }

  TEST_CASE("trips escalate to their cause's mode and never de-escalate") {
    CHECK(trip_target(TripCause::breaker_cascade) == TradingMode::paused);
    for (auto cause : kCauses) {
      if (cause != TripCause::breaker_cascade) CHECK(trip_target(cause) == TradingMode::emergency);
    }
    for (auto from : kModes) {
      for (auto cause : kCauses) {
        CAPTURE(to_string(from));
        CAPTURE(to_string(cause));
        TradingState state(from);
        const TradingMode target = trip_target(cause);
        const bool escalates = severity(target) > severity(from);
        CHECK(state.trip(cause, "monitor fired", 7.0) == escalates);
        CHECK(state.mode() == (escalates ? target : from));
        const auto lines = state.drain_audit_lines();
        REQUIRE(lines.size() == (escalates ? 1u : 0u));
        if (escalates) {
          CHECK(data_of(lines[0]) == json{{"cause", to_string(cause)},
                                          {"detail", "monitor fired"},
                                          {"from", to_string(from)},
                                          {"kind", "trip"},
                                          {"timestamp", 7.0},
                                          {"to", to_string(target)}});
          CHECK(state.recent_transitions().back().cause == cause);
        }
      }
    }
  }

  TEST_CASE("a trip takes effect even with a broken clock") {
    TradingState state;
    REQUIRE(state.request_transition(TradingMode::reduced, "alice", "volatile", 100.0).ok());
    CHECK(state.trip(TripCause::breaker_cascade, "feed down", NAN));
    CHECK(state.mode() == TradingMode::paused);
    CHECK(state.trip(TripCause::kill_switch, "button \xff pressed", 50.0));
    CHECK(state.mode() == TradingMode::emergency);
    const auto lines = state.drain_audit_lines();
    REQUIRE(lines.size() == 3);
    CHECK(lf::verify::verify_audit_log(join(lines)).intact);
    // Recorded at the last good time, keeping the chain's time non-decreasing.
    CHECK(data_of(lines[1])["timestamp"] == 100.0);
    CHECK(data_of(lines[2])["timestamp"] == 100.0);
    CHECK(data_of(lines[2])["detail"] == "button \xEF\xBF\xBD pressed");
  }

  TEST_CASE("resume restores a latched emergency and continues the chain") {
    TradingState first;
    REQUIRE(first.request_transition(TradingMode::reduced, "alice", "news", 1.0).ok());
    REQUIRE(first.trip(TripCause::kill_switch, "switch opened", 2.0));
    std::string log = join(first.drain_audit_lines());
    auto second = TradingState::resume(log);
    REQUIRE_MESSAGE(second.ok(), second.error().message);
    CHECK(second->mode() == TradingMode::emergency);
    CHECK(second->audit_records() == 2);
    CHECK(second->audit_head() == first.audit_head());
    REQUIRE(second->recent_transitions().size() == 2);
    CHECK(second->recent_transitions()[1].cause == TripCause::kill_switch);
    CHECK(second->recent_transitions()[0].actor == "alice");
    check_code(second->request_transition(TradingMode::paused, "bob", "reset", 1.5),
               ErrorCode::non_increasing_timestamp);
    REQUIRE(second->request_transition(TradingMode::paused, "bob", "switch closed", 3.0).ok());
    log += join(second->drain_audit_lines());
    const auto report = lf::verify::verify_audit_log(log);
    CHECK(report.intact);
    CHECK(report.records == 3);
    // Checkpoints are part of the chain and skipped by resume.
    lf::verify::Ed25519Seed seed{};
    seed[0] = 9;
    second->checkpoint(lf::verify::ed25519_keypair_from_seed(seed));
    log += join(second->drain_audit_lines());
    auto third = TradingState::resume(log);
    REQUIRE(third.ok());
    CHECK(third->mode() == TradingMode::paused);
    CHECK(third->audit_records() == 4);
    CHECK(TradingState::resume("")->mode() == TradingMode::normal);
    CHECK(TradingState::resume("", TradingMode::paused)->mode() == TradingMode::paused);
  }

  TEST_CASE("resume refuses a damaged log or one that is not transitions") {
    TradingState state;
    REQUIRE(state.request_transition(TradingMode::paused, "alice", "lunch", 1.0).ok());
    std::string log = join(state.drain_audit_lines());
    std::string tampered = log;
    tampered.replace(tampered.find("lunch"), 5, "lurch");
    check_code(TradingState::resume(tampered), ErrorCode::invalid_argument);
    lf::verify::AuditChain chain;
    check_code(TradingState::resume(*chain.append(R"({"event":"pcs"})")), ErrorCode::schema_error);
    // Entries must follow each other: paused -> normal cannot follow normal -> paused twice.
    lf::verify::AuditChain gap;
    const std::string entry =
        R"({"actor":"a","from":"normal","kind":"manual","reason":"r","timestamp":1,"to":"paused"})";
    std::string twice = *gap.append(entry);
    twice += *gap.append(entry);
    check_code(TradingState::resume(twice), ErrorCode::schema_error);
  }

  TEST_CASE("recent transitions keep the last 32") {
    TradingState state;
    for (int i = 0; i < 40; ++i) {
      const auto to = i % 2 == 0 ? TradingMode::paused : TradingMode::normal;
      REQUIRE(state.request_transition(to, "ops", "toggle " + std::to_string(i), i).ok());
    }
    CHECK(state.recent_transitions().size() == TradingState::kRecentTransitions);
    CHECK(state.recent_transitions().front().reason == "toggle 8");
    CHECK(state.recent_transitions().front().seq == 8);
    CHECK(state.audit_records() == 40);
    CHECK(lf::verify::verify_audit_log(join(state.drain_audit_lines())).records == 40);
  }
}
