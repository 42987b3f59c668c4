// The GPIO daemon end to end in this process: its control socket, a real
// SIGTERM through the same signal path systemd uses, a heartbeat that stops,
// and a backend fault, on simulated lines. The daemon runs in a thread on
// the real clocks; the tests wait for outcomes (a mode, an exit), never for
// a duration, so a slow machine only makes them slower.
#include "gpio/gpio_daemon.hpp"

#include <doctest/doctest.h>
#include <signal.h>
#include <unistd.h>

#include <functional>
#include <future>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "gpio/control_socket.hpp"
#include "gpio/led_pattern.hpp"
#include "gpio/simulated_backend.hpp"
#include "lf/verify/audit_chain.hpp"
#include "scratch_dir.hpp"
#include "storage/audit_log_file.hpp"

using namespace lf;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

constexpr unsigned kSwitch = 17;

// SIGTERM and SIGINT blocked in this thread (and the daemon thread it
// starts), so a signal sent to the process waits for the daemon's signalfd
// instead of killing the test runner.
class BlockedStopSignals {
 public:
  BlockedStopSignals() {
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, &previous_);
  }
  ~BlockedStopSignals() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }

 private:
  sigset_t previous_{};
};

// The daemon on simulated lines in a thread, with its log.
struct Daemon {
  explicit Daemon(const gpio::GpioConfig& c) : config(c) {
    lines = gpio::SimulatedBackend::create().value();
    lines->drive(kSwitch, false);
    finished = std::async(std::launch::async,
                          [this] { return gpio::run_gpio_daemon(config, *lines, log); });
  }
  // A test that failed half-way still stops its daemon (the future's
  // destructor would otherwise wait for it forever).
  ~Daemon() {
    if (finished.valid() && finished.wait_for(0s) == std::future_status::timeout) {
      ::kill(::getpid(), SIGTERM);
    }
  }

  // One command's reply; the socket may not be listening yet right after
  // the start, so a refused connection is retried while the daemon runs.
  json command(const json& request) {
    while (true) {
      auto reply = gpio::control_request(config.socket_path, request.dump(), 5000ms);
      if (reply) return json::parse(*reply);
      REQUIRE(finished.wait_for(10ms) == std::future_status::timeout);
    }
  }

  // Polls the status until `done` holds for it. The minute's cap only
  // keeps a broken build from hanging the suite; it is no timing check.
  json wait_for(const std::function<bool(const json&)>& done) {
    const auto give_up = std::chrono::steady_clock::now() + 60s;
    while (true) {
      const json status = command({{"command", "status"}})["status"];
      if (done(status)) return status;
      REQUIRE_MESSAGE(std::chrono::steady_clock::now() < give_up, "last status: " << status);
      std::this_thread::sleep_for(5ms);
    }
  }

  gpio::GpioConfig config;
  std::unique_ptr<gpio::SimulatedBackend> lines;
  std::ostringstream log;
  std::future<Status> finished;
};

gpio::GpioConfig daemon_config(const test::ScratchDir& dir) {
  gpio::GpioConfig config;
  config.backend = gpio::BackendKind::simulated;
  config.debounce = 20ms;
  config.audit_log = dir.file("audit.log");
  config.socket_path = dir.file("control.sock");
  return config;
}

gpio::LedPattern lit(const gpio::SimulatedBackend& lines) {
  return {lines.physical_level(22).value_or(false), lines.physical_level(23).value_or(false),
          lines.physical_level(24).value_or(false)};
}

std::vector<json> audit_entries(const std::string& path) {
  auto text = storage::read_text_file(path);
  REQUIRE(text.ok());
  REQUIRE(verify::verify_audit_log(*text).intact);
  std::vector<json> entries;
  std::istringstream lines(*text);
  for (std::string line; std::getline(lines, line);) entries.push_back(json::parse(line)["data"]);
  return entries;
}

}  // namespace

TEST_SUITE("gpio_daemon") {
  TEST_CASE("SIGTERM: Emergency, the safe pattern, the trip recorded, a clean exit") {
    test::ScratchDir dir;
    BlockedStopSignals blocked;
    Daemon daemon(daemon_config(dir));
    const json status = daemon.wait_for([](const json& s) { return s["mode"] == "normal"; });
    CHECK(status["leds"] == json{{"green", true}, {"yellow", false}, {"red", false}});

    REQUIRE(::kill(::getpid(), SIGTERM) == 0);
    const Status stopped = daemon.finished.get();
    CHECK(stopped.ok());
    CHECK(lit(*daemon.lines) == gpio::kSafeLedPattern);
    const auto entries = audit_entries(daemon.config.audit_log);
    REQUIRE(entries.size() == 1);
    CHECK(entries[0]["cause"] == "shutdown");
    CHECK(entries[0]["to"] == "emergency");
    CHECK(entries[0]["detail"].get<std::string>().find("SIGTERM") != std::string::npos);
    // The socket file went with the daemon.
    CHECK(gpio::control_request(daemon.config.socket_path, R"({"command":"status"})", 100ms)
              .error()
              .code == ErrorCode::device_error);
  }

  TEST_CASE("over the socket: press, refused reset, release, reset, SIGINT") {
    test::ScratchDir dir;
    BlockedStopSignals blocked;
    Daemon daemon(daemon_config(dir));
    daemon.wait_for([](const json& s) { return s["mode"] == "normal"; });

    daemon.lines->drive(kSwitch, true);  // pressed: the daemon sees the edge itself
    const json latched = daemon.wait_for([](const json& s) { return s["mode"] == "emergency"; });
    CHECK(latched["last_transition"]["cause"] == "kill_switch");
    CHECK(latched["leds"] == json{{"green", false}, {"yellow", false}, {"red", true}});
    const json refused = daemon.command({{"command", "reset"}, {"actor", "ops"}, {"reason", "ok"}});
    CHECK(refused["ok"] == false);
    CHECK(refused["error"]["code"] == "transition_refused");

    // Released through the protocol's own simulate command this time.
    CHECK(daemon.command({{"command", "simulate"}, {"line", kSwitch}, {"drive", "low"}})["ok"] ==
          true);
    daemon.wait_for([](const json& s) { return s["switch"]["state"] == "closed"; });
    const json reset = daemon.command({{"command", "reset"}, {"actor", "ops"}, {"reason", "ok"}});
    CHECK(reset["ok"] == true);
    CHECK(reset["status"]["mode"] == "paused");

    REQUIRE(::kill(::getpid(), SIGINT) == 0);
    CHECK(daemon.finished.get().ok());
    const auto entries = audit_entries(daemon.config.audit_log);
    REQUIRE(entries.size() == 3);
    CHECK(entries[0]["cause"] == "kill_switch");
    CHECK(entries[1]["to"] == "paused");
    CHECK(entries[2]["cause"] == "shutdown");
    CHECK(entries[2]["from"] == "paused");
  }

  TEST_CASE("a heartbeat that stops trips heartbeat_lost") {
    test::ScratchDir dir;
    BlockedStopSignals blocked;
    auto config = daemon_config(dir);
    config.heartbeat_timeout = 50ms;
    Daemon daemon(config);
    const json lost = daemon.wait_for([](const json& s) { return s["mode"] == "emergency"; });
    CHECK(lost["last_transition"]["cause"] == "heartbeat_lost");
    CHECK(lost["heartbeat"]["overdue"] == true);
    REQUIRE(::kill(::getpid(), SIGTERM) == 0);
    CHECK(daemon.finished.get().ok());
  }

  TEST_CASE("a backend fault stops the daemon fail-safe with the device error") {
    test::ScratchDir dir;
    BlockedStopSignals blocked;
    Daemon daemon(daemon_config(dir));
    daemon.wait_for([](const json& s) { return s["mode"] == "normal"; });
    daemon.lines->inject_fault(kSwitch, "bus error");
    const Status failed = daemon.finished.get();
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().code == ErrorCode::device_error);
    CHECK(lit(*daemon.lines) == gpio::kSafeLedPattern);
    const auto entries = audit_entries(daemon.config.audit_log);
    REQUIRE(entries.size() == 1);
    CHECK(entries[0]["cause"] == "backend_error");
    CHECK(daemon.log.str().find("bus error") != std::string::npos);
  }

  TEST_CASE("one daemon per audit log; a client with no daemon gets a clear error") {
    test::ScratchDir dir;
    BlockedStopSignals blocked;
    Daemon daemon(daemon_config(dir));
    daemon.wait_for([](const json& s) { return s["mode"] == "normal"; });
    auto second_lines = gpio::SimulatedBackend::create().value();
    auto second_config = daemon.config;
    second_config.socket_path = dir.file("second.sock");
    std::ostringstream log;
    const Status second = gpio::run_gpio_daemon(second_config, *second_lines, log);
    CHECK(second.error().code == ErrorCode::storage_error);  // the log is locked
    REQUIRE(::kill(::getpid(), SIGTERM) == 0);
    CHECK(daemon.finished.get().ok());

    auto absent = gpio::control_request(dir.file("nobody.sock"), R"({"command":"status"})", 100ms);
    REQUIRE_FALSE(absent.ok());
    CHECK(absent.error().code == ErrorCode::device_error);
    CHECK(absent.error().message.find("no lf gpio daemon is listening") != std::string::npos);
  }
}
