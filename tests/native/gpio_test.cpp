// The GPIO kill-switch host on simulated lines, with explicit instants (no
// sleeping, no timing): debounce (a bounce does not trip, a held press
// does), an open wire, the latch and the audited reset, the heartbeat, a
// backend error, shutdown, polarity, and the audit file each transition
// lands in (checked with verify_audit_log, as `lf audit verify` does). The
// truth is the rule set of docs/GPIO.md and lf/risk/trading_state.hpp:
// the expected modes, LED levels and audit records follow from it by hand.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "gpio/control_protocol.hpp"
#include "gpio/debouncer.hpp"
#include "gpio/gpio_config.hpp"
#include "gpio/kill_switch_host.hpp"
#include "gpio/led_pattern.hpp"
#include "gpio/libgpiod_backend.hpp"
#include "gpio/simulated_backend.hpp"
#include "lf/verify/audit_chain.hpp"
#include "scratch_dir.hpp"
#include "storage/audit_log_file.hpp"

using namespace lf;
using namespace std::chrono_literals;
using gpio::Instant;
using gpio::LedPattern;
using gpio::SwitchState;
using nlohmann::json;
using risk::TradingMode;

namespace {

constexpr unsigned kSwitch = 17;
constexpr unsigned kGreen = 22;
constexpr unsigned kYellow = 23;
constexpr unsigned kRed = 24;
constexpr bool kHigh = true;
constexpr bool kLow = false;

// `ms` milliseconds after an arbitrary origin, on both clocks.
Instant at(std::int64_t ms) {
  return {std::chrono::milliseconds(ms), 1.7e9 + static_cast<double>(ms) / 1000.0};
}

gpio::GpioConfig simulated_config(const test::ScratchDir& dir) {
  gpio::GpioConfig config;
  config.backend = gpio::BackendKind::simulated;
  config.debounce = 20ms;
  config.audit_log = dir.file("audit.log");
  config.socket_path = dir.file("control.sock");
  return config;
}

// What a person sees: the physical levels of the LED lines (active high).
LedPattern lit(const gpio::SimulatedBackend& lines) {
  return {lines.physical_level(kGreen).value_or(false),
          lines.physical_level(kYellow).value_or(false),
          lines.physical_level(kRed).value_or(false)};
}

constexpr LedPattern kGreenOnly{true, false, false};
constexpr LedPattern kYellowOnly{false, true, false};
constexpr LedPattern kRedOnly{false, false, true};

// The data of every entry in the audit file, after checking that the whole
// file verifies intact.
std::vector<json> audit_entries(const std::string& path) {
  auto text = storage::read_text_file(path);
  REQUIRE(text.ok());
  const verify::AuditReport report = verify::verify_audit_log(*text);
  REQUIRE(report.intact);
  std::vector<json> entries;
  std::istringstream lines(*text);
  for (std::string line; std::getline(lines, line);) {
    const json record = json::parse(line);
    if (record["type"] == "entry") entries.push_back(record["data"]);
  }
  CHECK(entries.size() == report.records);
  return entries;
}

// A host on simulated lines with its audit file, as the daemon builds it.
struct Rig {
  explicit Rig(const gpio::GpioConfig& c, std::optional<bool> switch_level = kLow)
      : config(c), lines(gpio::SimulatedBackend::create().value()) {
    lines->drive(config.switch_line, switch_level);
    open_host();
  }

  void open_host() {
    auto opened = storage::AuditLogFile::open(config.audit_log);
    REQUIRE(opened.ok());
    audit.emplace(std::move(*opened));
    auto text = storage::read_text_file(config.audit_log);
    REQUIRE(text.ok());
    auto state = risk::TradingState::resume(*text);
    REQUIRE(state.ok());
    host.emplace(config, *lines, *audit, std::move(*state), log);
  }

  gpio::GpioConfig config;
  std::unique_ptr<gpio::SimulatedBackend> lines;
  std::ostringstream log;
  std::optional<storage::AuditLogFile> audit;
  std::optional<gpio::KillSwitchHost> host;
};

void check_trip(const json& entry, const char* cause, const char* from) {
  CHECK(entry["kind"] == "trip");
  CHECK(entry["cause"] == cause);
  CHECK(entry["from"] == from);
  CHECK(entry["to"] == "emergency");
}

}  // namespace

TEST_SUITE("gpio") {
  TEST_CASE("LED mapping: one pattern per mode, and a safe pattern apart from all of them") {
    CHECK(gpio::led_pattern(TradingMode::normal) == kGreenOnly);
    CHECK(gpio::led_pattern(TradingMode::reduced) == LedPattern{true, true, false});
    CHECK(gpio::led_pattern(TradingMode::paused) == kYellowOnly);
    CHECK(gpio::led_pattern(TradingMode::emergency) == kRedOnly);
    for (auto mode :
         {TradingMode::normal, TradingMode::reduced, TradingMode::paused, TradingMode::emergency}) {
      CHECK_FALSE(gpio::led_pattern(mode) == gpio::kSafeLedPattern);
    }
  }

  TEST_CASE("debouncer: a level counts once it held for the hold time") {
    gpio::Debouncer debouncer(20ms, false);
    CHECK_FALSE(debouncer.update(true, 100ms));
    CHECK(debouncer.settle_time() == 120ms);
    CHECK_FALSE(debouncer.update(true, 119ms));
    CHECK(debouncer.update(true, 120ms));
    CHECK(debouncer.stable());
    CHECK_FALSE(debouncer.settle_time());
    // A bounce back and forth inside the hold time leaves the level alone.
    CHECK_FALSE(debouncer.update(false, 200ms));
    CHECK_FALSE(debouncer.update(true, 205ms));
    CHECK_FALSE(debouncer.settle_time());
    CHECK_FALSE(debouncer.update(true, 300ms));
    CHECK(debouncer.stable());
    // Without a hold time every change counts at once.
    gpio::Debouncer immediate(0ms, false);
    CHECK(immediate.update(true, 1ms));
  }

  TEST_CASE("simulated lines: bias, polarity, edges only on requested inputs") {
    auto created = gpio::SimulatedBackend::create();
    REQUIRE(created.ok());
    gpio::SimulatedBackend& lines = **created;
    lines.drive(5, kLow);  // not requested yet: no edge
    REQUIRE(lines.request_input({5, gpio::Bias::pull_up, false}).ok());
    REQUIRE(lines.request_input({6, gpio::Bias::pull_down, true}).ok());
    CHECK(*lines.read(5) == false);
    CHECK(*lines.read(6) == true);  // released, pulled low, active low
    lines.drive(5, std::nullopt);   // released: the pull-up raises it
    CHECK(*lines.read(5) == true);
    lines.drive(6, kLow);  // same level as the pull-down: no edge
    auto edges = lines.wait_edges(0ms);
    REQUIRE(edges.ok());
    REQUIRE(edges->size() == 1);
    CHECK((*edges)[0].offset == 5);
    CHECK((*edges)[0].rising);
    CHECK(lines.wait_edges(0ms)->empty());
    REQUIRE(lines.request_output({7, true, true}).ok());
    CHECK(lines.physical_level(7) == false);  // logical 1, active low
    CHECK(lines.request_output({7, false, false}).error().code == ErrorCode::device_error);
    CHECK(lines.write(5, true).error().code == ErrorCode::device_error);
    CHECK(lines.read(9).error().code == ErrorCode::device_error);
  }

  TEST_CASE("libgpiod: a chip that does not exist is a device_error naming it") {
    auto backend = gpio::LibgpiodBackend::open("lf-test-absent-chip");
    REQUIRE_FALSE(backend.ok());
    CHECK(backend.error().code == ErrorCode::device_error);
    CHECK(backend.error().message.find("'lf-test-absent-chip'") != std::string::npos);
  }

  TEST_CASE("a closed switch at start: normal, green, nothing to record") {
    test::ScratchDir dir;
    Rig rig(simulated_config(dir));
    REQUIRE(rig.host->start(at(0)).ok());
    CHECK(rig.host->mode() == TradingMode::normal);
    CHECK(lit(*rig.lines) == kGreenOnly);
    CHECK(rig.host->status(at(0)).switch_state == SwitchState::closed);
    CHECK(audit_entries(rig.config.audit_log).empty());
  }

  TEST_CASE("a bounce shorter than the debounce time does not trip") {
    test::ScratchDir dir;
    Rig rig(simulated_config(dir));
    REQUIRE(rig.host->start(at(0)).ok());
    rig.lines->drive(kSwitch, kHigh);
    REQUIRE(rig.host->service(at(100)).ok());
    CHECK(rig.host->next_deadline() == 120ms);
    rig.lines->drive(kSwitch, kLow);
    REQUIRE(rig.host->service(at(105)).ok());
    CHECK_FALSE(rig.host->next_deadline());
    REQUIRE(rig.host->service(at(200)).ok());
    CHECK(rig.host->mode() == TradingMode::normal);
    CHECK(lit(*rig.lines) == kGreenOnly);
    CHECK(audit_entries(rig.config.audit_log).empty());
  }

  TEST_CASE("a press held for the debounce time trips kill_switch and latches") {
    test::ScratchDir dir;
    Rig rig(simulated_config(dir));
    REQUIRE(rig.host->start(at(0)).ok());
    rig.lines->drive(kSwitch, kHigh);
    REQUIRE(rig.host->service(at(100)).ok());
    REQUIRE(rig.host->service(at(119)).ok());
    CHECK(rig.host->mode() == TradingMode::normal);
    REQUIRE(rig.host->service(at(120)).ok());
    CHECK(rig.host->mode() == TradingMode::emergency);
    CHECK(lit(*rig.lines) == kRedOnly);
    // Releasing the button does not clear the latch.
    rig.lines->drive(kSwitch, kLow);
    REQUIRE(rig.host->service(at(200)).ok());
    REQUIRE(rig.host->service(at(300)).ok());
    CHECK(rig.host->mode() == TradingMode::emergency);
    CHECK(lit(*rig.lines) == kRedOnly);
    const auto entries = audit_entries(rig.config.audit_log);
    REQUIRE(entries.size() == 1);
    check_trip(entries[0], "kill_switch", "normal");
    CHECK(entries[0]["timestamp"] == 1.7e9 + 0.12);
    CHECK(entries[0]["detail"].get<std::string>().find("line 17") != std::string::npos);
  }

  TEST_CASE("an open wire at start trips at once; reset only once the wire is whole") {
    test::ScratchDir dir;
    Rig rig(simulated_config(dir), std::nullopt);  // nothing drives the line: the pull-up wins
    REQUIRE(rig.host->start(at(0)).ok());
    CHECK(rig.host->mode() == TradingMode::emergency);
    CHECK(lit(*rig.lines) == kRedOnly);
    auto refused = rig.host->reset("alice", "wire checked", at(50));
    CHECK(refused.error().code == ErrorCode::transition_refused);
    CHECK(refused.error().message.find("open") != std::string::npos);

    rig.lines->drive(kSwitch, kLow);  // repaired
    REQUIRE(rig.host->service(at(100)).ok());
    // Closed, but not yet for the debounce time.
    CHECK(rig.host->reset("alice", "wire repaired", at(110)).error().code ==
          ErrorCode::transition_refused);
    REQUIRE(rig.host->service(at(120)).ok());
    REQUIRE(rig.host->reset("alice", "wire repaired", at(130)).ok());
    CHECK(rig.host->mode() == TradingMode::paused);
    CHECK(lit(*rig.lines) == kYellowOnly);

    const auto entries = audit_entries(rig.config.audit_log);
    REQUIRE(entries.size() == 2);
    check_trip(entries[0], "kill_switch", "normal");
    CHECK(entries[0]["detail"].get<std::string>().find("at start") != std::string::npos);
    CHECK(entries[1] == json{{"actor", "alice"},
                             {"from", "emergency"},
                             {"kind", "manual"},
                             {"reason", "wire repaired"},
                             {"timestamp", 1.7e9 + 0.13},
                             {"to", "paused"}});
  }

  TEST_CASE("reset: actor and reason required, only from Emergency, never past the latch") {
    test::ScratchDir dir;
    Rig rig(simulated_config(dir));
    REQUIRE(rig.host->start(at(0)).ok());
    CHECK(rig.host->reset("ops", "why not", at(1)).error().code ==
          ErrorCode::transition_refused);  // nothing latched
    REQUIRE(rig.host->request_transition(TradingMode::emergency, "ops", "drill", at(2)).ok());
    CHECK(rig.host->reset("", "drill over", at(3)).error().code == ErrorCode::invalid_argument);
    CHECK(rig.host->reset("ops", "", at(3)).error().code == ErrorCode::invalid_argument);
    // Only reset leaves Emergency, and only to paused.
    CHECK(rig.host->request_transition(TradingMode::normal, "ops", "skip", at(4)).error().code ==
          ErrorCode::transition_refused);
    CHECK(rig.host->request_transition(TradingMode::paused, "ops", "skip", at(4)).error().code ==
          ErrorCode::transition_refused);
    CHECK(rig.host->mode() == TradingMode::emergency);
    CHECK(audit_entries(rig.config.audit_log).size() == 1);

    REQUIRE(rig.host->reset("ops", "drill over", at(5)).ok());
    REQUIRE(rig.host->request_transition(TradingMode::reduced, "ops", "wind down", at(6)).ok());
    CHECK(lit(*rig.lines) == LedPattern{true, true, false});
    REQUIRE(rig.host->request_transition(TradingMode::normal, "ops", "resume", at(7)).ok());
    CHECK(lit(*rig.lines) == kGreenOnly);
    CHECK(rig.host->request_transition(TradingMode::normal, "ops", "again", at(8)).error().code ==
          ErrorCode::transition_refused);  // already there
    const auto entries = audit_entries(rig.config.audit_log);
    REQUIRE(entries.size() == 4);
    CHECK(entries[0]["kind"] == "manual");
    CHECK(entries[0]["to"] == "emergency");
    CHECK(entries[1]["to"] == "paused");
    CHECK(entries[2]["to"] == "reduced");
    CHECK(entries[3]["to"] == "normal");
  }

  TEST_CASE("a lost heartbeat trips heartbeat_lost; reset waits for heartbeats") {
    test::ScratchDir dir;
    auto config = simulated_config(dir);
    config.heartbeat_timeout = 100ms;
    Rig rig(config);
    REQUIRE(rig.host->start(at(0)).ok());
    CHECK(rig.host->next_deadline() == 100ms);
    rig.host->heartbeat(at(50));
    CHECK(rig.host->next_deadline() == 150ms);
    REQUIRE(rig.host->service(at(149)).ok());
    CHECK(rig.host->mode() == TradingMode::normal);
    REQUIRE(rig.host->service(at(150)).ok());
    CHECK(rig.host->mode() == TradingMode::emergency);
    CHECK(lit(*rig.lines) == kRedOnly);
    CHECK(rig.host->status(at(170)).heartbeat_left == -20ms);
    CHECK(rig.host->reset("ops", "engine restarted", at(170)).error().code ==
          ErrorCode::transition_refused);
    rig.host->heartbeat(at(180));
    REQUIRE(rig.host->reset("ops", "engine restarted", at(190)).ok());
    CHECK(rig.host->mode() == TradingMode::paused);
    const auto entries = audit_entries(rig.config.audit_log);
    REQUIRE(entries.size() == 2);
    check_trip(entries[0], "heartbeat_lost", "normal");
    CHECK(entries[0]["detail"].get<std::string>().find("100 ms") != std::string::npos);
  }

  TEST_CASE("a failing switch line fails safe: Emergency, safe pattern, backend_error") {
    test::ScratchDir dir;
    Rig rig(simulated_config(dir));
    REQUIRE(rig.host->start(at(0)).ok());
    rig.lines->inject_fault(kSwitch, "chip unplugged");
    const Status failed = rig.host->service(at(10));
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().code == ErrorCode::device_error);
    CHECK(rig.host->mode() == TradingMode::emergency);
    CHECK(lit(*rig.lines) == gpio::kSafeLedPattern);
    CHECK(rig.host->status(at(10)).failed);
    REQUIRE(rig.host->failure());
    // A failed host supervises nothing: no reset, no transitions.
    rig.lines->clear_fault(kSwitch);
    CHECK(rig.host->reset("ops", "retry", at(20)).error().code == ErrorCode::transition_refused);
    const auto entries = audit_entries(rig.config.audit_log);
    REQUIRE(entries.size() == 1);
    check_trip(entries[0], "backend_error", "normal");
    CHECK(entries[0]["detail"].get<std::string>().find("chip unplugged") != std::string::npos);
  }

  TEST_CASE("a failing LED line fails safe; the other LEDs still show the safe pattern") {
    test::ScratchDir dir;
    Rig rig(simulated_config(dir));
    REQUIRE(rig.host->start(at(0)).ok());
    rig.lines->inject_fault(kRed, "LED driver fault");
    const Status failed = rig.host->request_transition(TradingMode::paused, "ops", "lunch", at(5));
    CHECK(failed.error().code == ErrorCode::device_error);
    CHECK(rig.host->mode() == TradingMode::emergency);
    CHECK(rig.lines->physical_level(kGreen) == false);
    CHECK(rig.lines->physical_level(kYellow) == true);
    const auto entries = audit_entries(rig.config.audit_log);
    REQUIRE(entries.size() == 2);
    CHECK(entries[0]["to"] == "paused");
    check_trip(entries[1], "backend_error", "paused");
  }

  TEST_CASE("a line that cannot be requested at start fails safe") {
    test::ScratchDir dir;
    Rig rig(simulated_config(dir));
    rig.lines->inject_fault(kSwitch, "line busy");
    const Status failed = rig.host->start(at(0));
    CHECK(failed.error().code == ErrorCode::device_error);
    CHECK(rig.host->mode() == TradingMode::emergency);
    CHECK(lit(*rig.lines) == gpio::kSafeLedPattern);  // the LEDs were requested first
    const auto entries = audit_entries(rig.config.audit_log);
    REQUIRE(entries.size() == 1);
    check_trip(entries[0], "backend_error", "normal");
  }

  TEST_CASE("shutdown fails safe and the latch survives a restart") {
    test::ScratchDir dir;
    Rig rig(simulated_config(dir));
    REQUIRE(rig.host->start(at(0)).ok());
    REQUIRE(rig.host->fail_safe(risk::TripCause::shutdown, "SIGTERM received", at(10)).ok());
    CHECK(rig.host->mode() == TradingMode::emergency);
    CHECK(lit(*rig.lines) == gpio::kSafeLedPattern);
    CHECK_FALSE(rig.host->failure());  // stopping is not a failure

    // The next daemon resumes from the file: still Emergency, though the
    // switch is closed.
    rig.host.reset();
    rig.audit.reset();
    rig.lines = gpio::SimulatedBackend::create().value();
    rig.lines->drive(kSwitch, kLow);
    rig.open_host();
    REQUIRE(rig.host->start(at(20)).ok());
    CHECK(rig.host->mode() == TradingMode::emergency);
    CHECK(lit(*rig.lines) == kRedOnly);
    REQUIRE(rig.host->reset("ops", "maintenance done", at(30)).ok());
    const auto entries = audit_entries(rig.config.audit_log);
    REQUIRE(entries.size() == 2);
    check_trip(entries[0], "shutdown", "normal");
    CHECK(entries[1]["from"] == "emergency");
    CHECK(entries[1]["to"] == "paused");
  }

  TEST_CASE("a run that ended unseen (crash) is tripped at the next start") {
    test::ScratchDir dir;
    Rig rig(simulated_config(dir));
    REQUIRE(rig.host->start(at(0)).ok());
    REQUIRE(rig.host->request_transition(TradingMode::reduced, "ops", "wind down", at(5)).ok());
    // Killed: no shutdown trip is recorded.
    rig.host.reset();
    rig.audit.reset();
    rig.lines = gpio::SimulatedBackend::create().value();
    rig.lines->drive(kSwitch, kLow);
    rig.open_host();
    REQUIRE(rig.host->start(at(20)).ok());
    CHECK(rig.host->mode() == TradingMode::emergency);
    CHECK(lit(*rig.lines) == kRedOnly);
    const auto entries = audit_entries(rig.config.audit_log);
    REQUIRE(entries.size() == 2);
    check_trip(entries[1], "shutdown", "reduced");
    CHECK(entries[1]["detail"].get<std::string>().find("without recording") != std::string::npos);
  }

  TEST_CASE("polarity: switch to 3.3 V with a pull-down, LEDs lit by a low level") {
    test::ScratchDir dir;
    auto config = simulated_config(dir);
    config.switch_active_low = true;
    config.switch_bias = gpio::Bias::pull_down;
    config.leds_active_low = true;
    Rig rig(config, kHigh);  // closed contact: the pin sits at 3.3 V
    REQUIRE(rig.host->start(at(0)).ok());
    CHECK(rig.host->mode() == TradingMode::normal);
    CHECK(lit(*rig.lines) == LedPattern{false, true, true});  // green lit = low
    rig.lines->drive(kSwitch, std::nullopt);                  // wire cut: the pull-down wins
    REQUIRE(rig.host->service(at(10)).ok());
    REQUIRE(rig.host->service(at(30)).ok());
    CHECK(rig.host->mode() == TradingMode::emergency);
    CHECK(lit(*rig.lines) == LedPattern{true, true, false});  // red lit = low
  }

  TEST_CASE("control protocol: status, reset, errors") {
    test::ScratchDir dir;
    Rig rig(simulated_config(dir));
    REQUIRE(rig.host->start(at(0)).ok());
    const auto call = [&](const std::string& line, std::int64_t ms) {
      return json::parse(gpio::handle_control_line(line, *rig.host, rig.lines.get(), at(ms)));
    };
    const json status = call(R"({"command":"status"})", 1);
    CHECK(status["ok"] == true);
    CHECK(status["status"]["mode"] == "normal");
    CHECK(status["status"]["latched"] == false);
    CHECK(status["status"]["switch"] ==
          json{{"line", 17}, {"state", "closed"}, {"reading", "closed"}});
    CHECK(status["status"]["leds"] == json{{"green", true}, {"yellow", false}, {"red", false}});
    CHECK(status["status"]["heartbeat"] == json{{"timeout_ms", 0}});
    CHECK(status["status"]["last_transition"].is_null());
    CHECK(status["status"]["audit"]["records"] == 0);

    const json pressed = call(R"({"command":"simulate","line":17,"drive":"high"})", 10);
    CHECK(pressed["status"]["switch"]["reading"] == "open");
    CHECK(pressed["status"]["mode"] == "normal");  // not yet debounced
    // Held for the debounce time; the daemon's loop would read the line at
    // the deadline, here the next simulate command does.
    call(R"({"command":"simulate","line":17,"drive":"high"})", 30);
    const json latched = call(R"({"command":"status"})", 31);
    CHECK(latched["status"]["mode"] == "emergency");
    CHECK(latched["status"]["latched"] == true);
    CHECK(latched["status"]["last_transition"]["cause"] == "kill_switch");
    CHECK(latched["status"]["leds"] == json{{"green", false}, {"yellow", false}, {"red", true}});

    const json open_reset = call(R"({"command":"reset","actor":"ops","reason":"checked"})", 40);
    CHECK(open_reset["ok"] == false);
    CHECK(open_reset["error"]["code"] == "transition_refused");
    const auto code = [&](const std::string& line) {
      return call(line, 50)["error"]["code"].get<std::string>();
    };
    CHECK(code(R"({"command":"reset","actor":"ops"})") == "schema_error");
    CHECK(code(R"({"command":"reset","actor":"ops","reason":"r","extra":1})") == "schema_error");
    CHECK(code(R"({"command":"transition","to":"calm","actor":"a","reason":"r"})") ==
          "invalid_argument");
    CHECK(code(R"({"command":"launch"})") == "schema_error");
    CHECK(code(R"([1,2])") == "schema_error");
    CHECK(code("{not json") == "json_parse_error");
    CHECK(code(R"({"command":"simulate","line":17})") == "schema_error");
    CHECK(code(R"({"command":"simulate","line":17,"drive":"sideways"})") == "invalid_argument");
    const json real = json::parse(gpio::handle_control_line(
        R"({"command":"simulate","line":17,"drive":"low"})", *rig.host, nullptr, at(60)));
    CHECK(real["error"]["code"] == "invalid_argument");

    call(R"({"command":"simulate","line":17,"drive":"low"})", 60);
    CHECK(call(R"({"command":"heartbeat"})", 70)["ok"] == true);
    // The reset reads the switch itself: closed since 60, i.e. for 21 ms.
    const json reset = call(R"({"command":"reset","actor":"ops","reason":"checked"})", 81);
    CHECK(reset["ok"] == true);
    CHECK(reset["status"]["mode"] == "paused");
    CHECK(reset["status"]["last_transition"]["actor"] == "ops");
    CHECK(reset["status"]["audit"]["records"] == 2);
  }

  TEST_CASE("config: defaults, JSON file, and typed errors naming the field") {
    const gpio::GpioConfig defaults;
    CHECK(defaults.chip == "gpiochip0");
    CHECK(defaults.switch_line == 17);
    CHECK(defaults.switch_bias == gpio::Bias::pull_up);
    CHECK(defaults.green_line == 22);
    CHECK(defaults.yellow_line == 23);
    CHECK(defaults.red_line == 24);
    CHECK(gpio::validate(defaults).ok());

    auto file = gpio::apply_config_json(
        R"({"backend":"simulated","chip":"gpiochip4","switch_line":5,"switch_bias":"pull_down",
            "switch_active_low":true,"debounce_ms":50,"heartbeat_timeout_ms":1000,
            "simulated_drives":{"5":"high"}})",
        defaults);
    REQUIRE(file.ok());
    CHECK(file->backend == gpio::BackendKind::simulated);
    CHECK(file->chip == "gpiochip4");
    CHECK(file->switch_line == 5);
    CHECK(file->switch_bias == gpio::Bias::pull_down);
    CHECK(file->switch_active_low);
    CHECK(file->debounce == 50ms);
    CHECK(file->heartbeat_timeout == 1000ms);
    CHECK(file->simulated_drives == std::map<unsigned, bool>{{5, true}});
    CHECK(file->red_line == 24);  // untouched keys keep their value
    CHECK(gpio::validate(*file).ok());

    CHECK(gpio::apply_config_json(R"({"chipp":"x"})", defaults).error().code ==
          ErrorCode::schema_error);
    CHECK(gpio::apply_config_json(R"({"switch_line":-1})", defaults).error().code ==
          ErrorCode::schema_error);
    CHECK(gpio::apply_config_json(R"({"switch_bias":"sideways"})", defaults).error().code ==
          ErrorCode::schema_error);
    CHECK(gpio::apply_config_json(R"({"simulated_drives":{"x":"low"}})", defaults).error().code ==
          ErrorCode::schema_error);
    CHECK(gpio::apply_config_json("[]", defaults).error().code == ErrorCode::schema_error);
    CHECK(gpio::apply_config_json("{", defaults).error().code == ErrorCode::json_parse_error);

    const auto invalid = [&](auto change) {
      gpio::GpioConfig config;
      change(config);
      const Status s = gpio::validate(config);
      REQUIRE_FALSE(s.ok());
      CHECK(s.error().code == ErrorCode::invalid_argument);
      return s.error().message;
    };
    CHECK(invalid([](auto& c) { c.red_line = 17; }).find("four different lines") !=
          std::string::npos);
    CHECK(invalid([](auto& c) { c.debounce = 5001ms; }).find("debounce_ms = 5001") !=
          std::string::npos);
    CHECK(invalid([](auto& c) { c.heartbeat_timeout = 5ms; }).find("heartbeat_timeout_ms = 5") !=
          std::string::npos);
    CHECK(invalid([](auto& c) { c.chip.clear(); }).find("chip") != std::string::npos);
    CHECK(invalid([](auto& c) { c.socket_path = std::string(200, 's'); }).find("socket") !=
          std::string::npos);
    CHECK(invalid([](auto& c) { c.simulated_drives[17] = false; }).find("simulated") !=
          std::string::npos);
  }
}
