// The GPIO kill-switch host on simulated lines: how long from a mode change
// to the LEDs showing it. The host writes the LEDs right after the state
// changes and then appends the transition to the audit log (fdatasync)
// before the call returns, so:
// - BM_StateTransitionOnly + BM_LedWritesOnly is the mode-switch-to-LED
//   latency itself;
// - BM_ModeSwitchToLeds and BM_KillSwitchTripToRedLed time the whole call
//   (state, LEDs, audit record), with the log on tmpfs (/dev/shm: the
//   in-process cost) and on the disk under /tmp (what a host pays).
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <filesystem>
#include <ostream>
#include <string>

#include "gpio/kill_switch_host.hpp"
#include "gpio/simulated_backend.hpp"
#include "storage/audit_log_file.hpp"

using namespace lf;

namespace {

constexpr unsigned kSwitch = 17;

gpio::Instant at(std::int64_t ms) {
  return {std::chrono::milliseconds(ms), 1.7e9 + static_cast<double>(ms) / 1000.0};
}

// A started host on simulated lines (switch closed), its audit log in a
// fresh directory under `base`, removed afterwards.
class Rig {
 public:
  explicit Rig(const std::string& base) {
    std::string pattern = base + "/lf-gpio-bench-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) return;
    dir_ = pattern;
    config_.backend = gpio::BackendKind::simulated;
    config_.audit_log = dir_ + "/audit.log";
    lines_ = gpio::SimulatedBackend::create().value();
    lines_->drive(kSwitch, false);
    auto audit = storage::AuditLogFile::open(config_.audit_log);
    if (!audit) return;
    audit_.emplace(std::move(*audit));
    host_.emplace(config_, *lines_, *audit_, risk::TradingState(), quiet_);
    ready_ = host_->start(at(0)).ok();
  }
  ~Rig() {
    host_.reset();
    audit_.reset();
    std::error_code ignored;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
  }

  bool ready() const { return ready_; }
  gpio::KillSwitchHost& host() { return *host_; }
  gpio::SimulatedBackend& lines() { return *lines_; }
  const gpio::GpioConfig& config() const { return config_; }

 private:
  std::string dir_;
  gpio::GpioConfig config_;
  std::unique_ptr<gpio::SimulatedBackend> lines_;
  std::ostream quiet_{nullptr};  // no buffer: the host's log lines go nowhere
  std::optional<storage::AuditLogFile> audit_;
  std::optional<gpio::KillSwitchHost> host_;
  bool ready_ = false;
};

bool shows(gpio::SimulatedBackend& lines, const gpio::GpioConfig& config,
           const gpio::LedPattern& pattern) {
  return lines.physical_level(config.green_line) == pattern.green &&
         lines.physical_level(config.yellow_line) == pattern.yellow &&
         lines.physical_level(config.red_line) == pattern.red;
}

// An operator's transition, normal <-> reduced: state, audit record, LEDs.
void BM_ModeSwitchToLeds(benchmark::State& state, const char* base) {
  Rig rig(base);
  if (!rig.ready()) return state.SkipWithError("cannot set up the host");
  std::int64_t ms = 1;
  bool reduced = false;
  for (auto _ : state) {
    reduced = !reduced;
    const auto to = reduced ? risk::TradingMode::reduced : risk::TradingMode::normal;
    if (!rig.host().request_transition(to, "bench", "alternate", at(ms++)).ok()) {
      return state.SkipWithError("transition refused");
    }
  }
  const auto mode = reduced ? risk::TradingMode::reduced : risk::TradingMode::normal;
  if (!shows(rig.lines(), rig.config(), gpio::led_pattern(mode))) {
    state.SkipWithError("the LEDs do not show the mode");
  }
}
BENCHMARK_CAPTURE(BM_ModeSwitchToLeds, tmpfs, "/dev/shm")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ModeSwitchToLeds, disk, "/tmp")->Unit(benchmark::kMicrosecond);

// The kill switch: the reading that completes the debounce trips Emergency
// and lights red. Only that service() call is timed; the press before it
// and the release and reset after it are not.
void BM_KillSwitchTripToRedLed(benchmark::State& state, const char* base) {
  Rig rig(base);
  if (!rig.ready()) return state.SkipWithError("cannot set up the host");
  const std::int64_t debounce = rig.config().debounce.count();
  std::int64_t ms = 1;
  for (auto _ : state) {
    state.PauseTiming();
    rig.lines().drive(kSwitch, true);
    bool ok = rig.host().service(at(ms)).ok();
    ms += debounce;
    state.ResumeTiming();
    ok = rig.host().service(at(ms)).ok() && ok;
    state.PauseTiming();
    ok = ok && shows(rig.lines(), rig.config(), gpio::led_pattern(risk::TradingMode::emergency));
    rig.lines().drive(kSwitch, false);
    ok = ok && rig.host().service(at(++ms)).ok();
    ms += debounce;
    ok = ok && rig.host().reset("bench", "released", at(ms++)).ok();
    state.ResumeTiming();
    if (!ok) return state.SkipWithError("the trip or the reset did not happen");
  }
}
BENCHMARK_CAPTURE(BM_KillSwitchTripToRedLed, tmpfs, "/dev/shm")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_KillSwitchTripToRedLed, disk, "/tmp")->Unit(benchmark::kMicrosecond);

// The part of a transition before the LEDs are written: the trading
// state's change and its audit line (hashed, in memory), nothing persisted.
void BM_StateTransitionOnly(benchmark::State& state) {
  risk::TradingState trading;
  std::int64_t ms = 1;
  bool reduced = false;
  for (auto _ : state) {
    reduced = !reduced;
    const auto to = reduced ? risk::TradingMode::reduced : risk::TradingMode::normal;
    if (!trading.request_transition(to, "bench", "alternate", at(ms++).wall_seconds).ok()) {
      return state.SkipWithError("transition refused");
    }
    benchmark::DoNotOptimize(trading.drain_audit_lines());
  }
}
BENCHMARK(BM_StateTransitionOnly);

// The floor: three LED lines written on the simulated backend.
void BM_LedWritesOnly(benchmark::State& state) {
  auto lines = gpio::SimulatedBackend::create().value();
  for (unsigned line : {22u, 23u, 24u}) {
    if (!lines->request_output({line, false, false}).ok()) {
      return state.SkipWithError("cannot request the LED lines");
    }
  }
  bool on = false;
  for (auto _ : state) {
    on = !on;
    for (unsigned line : {22u, 23u, 24u}) benchmark::DoNotOptimize(lines->write(line, on).ok());
  }
}
BENCHMARK(BM_LedWritesOnly);

}  // namespace

BENCHMARK_MAIN();
