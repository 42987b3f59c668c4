// `lf gpio`: the kill-switch host (docs/GPIO.md).
//
//   lf gpio run [--config FILE] [--backend libgpiod|simulated] [--chip C]
//               [--switch-line N] [--switch-bias B] [--switch-active-low BOOL]
//               [--green-line N] [--yellow-line N] [--red-line N]
//               [--leds-active-low BOOL] [--debounce-ms N]
//               [--heartbeat-timeout-ms N] [--socket PATH] [--audit-log PATH]
//               [--sim-drive N=low|high]...
//     the daemon; exit 0 after SIGTERM/SIGINT/SIGHUP, 1 when it cannot run or fails
//   lf gpio status [--json]
//   lf gpio reset --actor A --reason R [--json]
//   lf gpio transition MODE --actor A --reason R [--json]
//   lf gpio heartbeat
//   lf gpio simulate --line N (--drive low|high|release | --fault MSG | --clear-fault)
//     commands to the running daemon over its control socket (--socket PATH);
//     exit 1 when it refuses or no daemon is listening
#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace lf::cli {

struct GpioOptions {
  // run: each set option overrides the config file, which overrides the defaults
  std::string config_file;
  std::optional<std::string> backend;
  std::optional<std::string> chip;
  std::optional<unsigned> switch_line;
  std::optional<std::string> switch_bias;
  std::optional<bool> switch_active_low;
  std::optional<unsigned> green_line;
  std::optional<unsigned> yellow_line;
  std::optional<unsigned> red_line;
  std::optional<bool> leds_active_low;
  std::optional<std::uint32_t> debounce_ms;
  std::optional<std::uint32_t> heartbeat_timeout_ms;
  std::optional<std::string> audit_log;
  std::vector<std::string> sim_drives;  // "N=low|high"
  // every command
  std::optional<std::string> socket;
  // the control commands
  std::string actor;
  std::string reason;
  std::string mode;
  unsigned line = 0;
  std::optional<std::string> drive;
  std::optional<std::string> fault;
  bool clear_fault = false;
  bool json = false;
};

struct GpioCommand {
  CLI::App* command = nullptr;
  CLI::App* run = nullptr;
  CLI::App* status = nullptr;
  CLI::App* reset = nullptr;
  CLI::App* transition = nullptr;
  CLI::App* heartbeat = nullptr;
  CLI::App* simulate = nullptr;
};

GpioCommand add_gpio_command(CLI::App& app, GpioOptions& options);

int run_gpio(const GpioCommand& command, const GpioOptions& options, std::ostream& out,
             std::ostream& err);

}  // namespace lf::cli
