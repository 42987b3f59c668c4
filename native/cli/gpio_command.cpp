#include "cli/gpio_command.hpp"

#include <CLI/CLI.hpp>
#include <charconv>
#include <cmath>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/verify_cli_io.hpp"
#include "gpio/control_socket.hpp"
#include "gpio/gpio_config.hpp"
#include "gpio/gpio_daemon.hpp"

namespace lf::cli {
namespace {

using nlohmann::json;

// How long a control command waits for the daemon's reply.
constexpr std::chrono::milliseconds kReplyTimeout{5000};

Result<gpio::GpioConfig> config_file(const GpioOptions& options) {
  gpio::GpioConfig config;
  if (options.config_file.empty()) return config;
  auto text = read_whole_file(options.config_file);
  if (!text) return std::move(text).error();
  auto applied = gpio::apply_config_json(*text, config);
  if (!applied) {
    return make_error(applied.error().code, options.config_file + ": " + applied.error().message);
  }
  return applied;
}

Status apply_drive(gpio::GpioConfig& config, const std::string& spec) {
  const auto equals = spec.find('=');
  unsigned offset = 0;
  const char* end = spec.data() + (equals == std::string::npos ? spec.size() : equals);
  const auto parsed = std::from_chars(spec.data(), end, offset);
  if (equals == std::string::npos || parsed.ec != std::errc() || parsed.ptr != end) {
    return make_error(ErrorCode::invalid_argument,
                      "--sim-drive '" + spec + "' is not LINE=low or LINE=high");
  }
  auto level = gpio::parse_level(std::string_view(spec).substr(equals + 1));
  if (!level) return std::move(level).error();
  config.simulated_drives[offset] = *level;
  return {};
}

Result<gpio::GpioConfig> run_config(const GpioOptions& o) {
  auto config = config_file(o);
  if (!config) return config;
  gpio::GpioConfig& c = *config;
  if (o.backend) {
    auto kind = gpio::parse_backend_kind(*o.backend);
    if (!kind) return std::move(kind).error();
    c.backend = *kind;
  }
  if (o.chip) c.chip = *o.chip;
  if (o.switch_line) c.switch_line = *o.switch_line;
  if (o.switch_bias) {
    auto bias = gpio::parse_bias(*o.switch_bias);
    if (!bias) return std::move(bias).error();
    c.switch_bias = *bias;
  }
  if (o.switch_active_low) c.switch_active_low = *o.switch_active_low;
  if (o.green_line) c.green_line = *o.green_line;
  if (o.yellow_line) c.yellow_line = *o.yellow_line;
  if (o.red_line) c.red_line = *o.red_line;
  if (o.leds_active_low) c.leds_active_low = *o.leds_active_low;
  if (o.debounce_ms) c.debounce = std::chrono::milliseconds(*o.debounce_ms);
  if (o.heartbeat_timeout_ms) {
    c.heartbeat_timeout = std::chrono::milliseconds(*o.heartbeat_timeout_ms);
  }
  if (o.socket) c.socket_path = *o.socket;
  if (o.audit_log) c.audit_log = *o.audit_log;
  for (const auto& spec : o.sim_drives) {
    if (auto s = apply_drive(c, spec); !s) return std::move(s).error();
  }
  if (auto s = gpio::validate(c); !s) return std::move(s).error();
  return config;
}

int run_daemon(const GpioOptions& options, std::ostream& err) {
  auto config = run_config(options);
  if (!config) return report(err, "gpio run", config.error());
  if (auto s = gpio::run_gpio_daemon(*config, err); !s) return report(err, "gpio run", s.error());
  return 0;
}

std::string iso_time(double seconds) {
  const auto whole = static_cast<std::time_t>(std::floor(seconds));
  std::tm utc{};
  gmtime_r(&whole, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

void print_status(const json& status, std::ostream& out) {
  out << "mode: " << status["mode"].get<std::string>()
      << (status["latched"].get<bool>() ? " (latched: lf gpio reset --actor A --reason R)" : "")
      << (status["failed"].get<bool>() ? ", host failed safe" : "") << "\n";
  const json& sw = status["switch"];
  out << "switch: " << sw["state"].get<std::string>() << " (line " << sw["line"]
      << ", last reading " << sw["reading"].get<std::string>() << ")\n";
  out << "leds:";
  if (status["leds"].is_null()) {
    out << " unknown";
  } else {
    for (const char* colour : {"green", "yellow", "red"}) {
      if (status["leds"][colour].get<bool>()) out << " " << colour;
    }
  }
  out << "\n";
  const json& heartbeat = status["heartbeat"];
  if (heartbeat["timeout_ms"].get<std::int64_t>() == 0) {
    out << "heartbeat: not required\n";
  } else {
    const auto left = heartbeat["left_ms"].get<std::int64_t>();
    out << "heartbeat: every " << heartbeat["timeout_ms"] << " ms, "
        << (left > 0 ? std::to_string(left) + " ms left"
                     : "overdue by " + std::to_string(-left) + " ms")
        << "\n";
  }
  const json& last = status["last_transition"];
  if (!last.is_null()) {
    out << "last transition: " << last["from"].get<std::string>() << " -> "
        << last["to"].get<std::string>() << " at " << iso_time(last["timestamp"].get<double>())
        << ", ";
    if (last["kind"] == "trip") {
      out << "trip " << last["cause"].get<std::string>() << ": "
          << last["detail"].get<std::string>() << "\n";
    } else {
      out << "by " << last["actor"].get<std::string>() << ": " << last["reason"].get<std::string>()
          << "\n";
    }
  }
  out << "audit: " << status["audit"]["records"] << " records, head "
      << status["audit"]["head"].get<std::string>() << "\n";
  out << "backend: " << status["backend"].get<std::string>() << "\n";
}

// Sends one command; prints the reply's status (or the error) and returns
// the exit status.
int control(const GpioOptions& options, std::string_view name, const json& request,
            std::ostream& out, std::ostream& err) {
  auto config = config_file(options);
  if (!config) return report(err, name, config.error());
  const std::string socket = options.socket.value_or(config->socket_path);
  auto reply_text = gpio::control_request(socket, request.dump(), kReplyTimeout);
  if (!reply_text) return report(err, name, reply_text.error());
  const json reply = json::parse(*reply_text, nullptr, false);
  if (reply.is_discarded() || !reply.is_object() || !reply.contains("ok")) {
    return report(err, name,
                  make_error(ErrorCode::json_parse_error,
                             "the daemon's reply is not a control protocol reply: " + *reply_text));
  }
  if (!reply["ok"].get<bool>()) {
    err << "lf " << name << ": " << reply["error"]["message"].get<std::string>() << " ["
        << reply["error"]["code"].get<std::string>() << "]\n";
    return 1;
  }
  if (options.json) {
    out << reply["status"].dump() << "\n";
  } else {
    print_status(reply["status"], out);
  }
  return 0;
}

json simulate_request(const GpioOptions& options) {
  json request = {{"command", "simulate"}, {"line", options.line}};
  if (options.drive) {
    request["drive"] = *options.drive;
  } else if (options.fault) {
    request["fault"] = *options.fault;
  } else {
    request["fault"] = nullptr;
  }
  return request;
}

void add_socket_options(CLI::App* command, GpioOptions& options) {
  command->add_option("--socket", options.socket,
                      "the daemon's control socket (default: the config file's, else "
                      "/run/lf-gpio/control.sock)");
  command->add_option("--config", options.config_file, "JSON config file (docs/GPIO.md)")
      ->check(CLI::ExistingFile);
}

void add_run_options(CLI::App* run, GpioOptions& o) {
  run->add_option("--backend", o.backend, "libgpiod (a real chip, default) or simulated");
  run->add_option("--chip", o.chip, "GPIO chip: name, /dev path, label or number (gpiochip0)");
  run->add_option("--switch-line", o.switch_line, "kill switch line offset (BCM 17)");
  run->add_option("--switch-bias", o.switch_bias,
                  "switch bias: pull_up (default), pull_down, disabled, as_is");
  run->add_option(
      "--switch-active-low", o.switch_active_low,
      "true when an OPEN contact reads low (switch to 3.3 V, pull-down); default false");
  run->add_option("--green-line", o.green_line, "green LED line (BCM 22)");
  run->add_option("--yellow-line", o.yellow_line, "yellow LED line (BCM 23)");
  run->add_option("--red-line", o.red_line, "red LED line (BCM 24)");
  run->add_option("--leds-active-low", o.leds_active_low,
                  "true when a low level lights the LEDs; default false");
  run->add_option("--debounce-ms", o.debounce_ms, "switch debounce time, 0..5000 (default 20)");
  run->add_option("--heartbeat-timeout-ms", o.heartbeat_timeout_ms,
                  "trip unless the controlling process heartbeats this often; 0: none (default)");
  run->add_option("--audit-log", o.audit_log,
                  "append-only audit log of every transition (/var/lib/lf-gpio/audit.log)");
  run->add_option("--sim-drive", o.sim_drives,
                  "LINE=low|high driven onto a simulated line at start; repeatable");
}

}  // namespace

GpioCommand add_gpio_command(CLI::App& app, GpioOptions& options) {
  GpioCommand command;
  command.command = app.add_subcommand(
      "gpio", "The GPIO kill-switch host: run the daemon, or command a running one");
  command.command->require_subcommand(1);

  command.run = command.command->add_subcommand(
      "run", "Run the daemon: watch the kill switch, drive the LEDs, trip to Emergency");
  add_run_options(command.run, options);

  command.status = command.command->add_subcommand("status", "Print the daemon's state");
  command.reset = command.command->add_subcommand(
      "reset", "Clear the Emergency latch (to paused); refused while the switch is open");
  command.reset->add_option("--actor", options.actor, "who resets")->required();
  command.reset->add_option("--reason", options.reason, "why")->required();
  command.transition = command.command->add_subcommand(
      "transition", "Change the trading mode by hand (normal, reduced, paused, emergency)");
  command.transition->add_option("mode", options.mode, "the mode to move to")->required();
  command.transition->add_option("--actor", options.actor, "who changes it")->required();
  command.transition->add_option("--reason", options.reason, "why")->required();
  command.heartbeat = command.command->add_subcommand(
      "heartbeat", "Tell the daemon the controlling process is alive");
  command.simulate = command.command->add_subcommand(
      "simulate", "Drive a line of a daemon running the simulated backend");
  command.simulate->add_option("--line", options.line, "line offset")->required();
  auto* drive =
      command.simulate->add_option("--drive", options.drive, "low, high or release (no drive)");
  auto* fault = command.simulate->add_option("--fault", options.fault,
                                             "make every operation on the line fail");
  auto* clear = command.simulate->add_flag("--clear-fault", options.clear_fault, "end the fault");
  drive->excludes(fault)->excludes(clear);
  fault->excludes(clear);

  add_socket_options(command.run, options);
  for (CLI::App* control :
       {command.status, command.reset, command.transition, command.heartbeat, command.simulate}) {
    add_socket_options(control, options);
    control->add_flag("--json", options.json, "print the daemon's status JSON");
  }
  return command;
}

int run_gpio(const GpioCommand& command, const GpioOptions& options, std::ostream& out,
             std::ostream& err) {
  if (command.run->parsed()) return run_daemon(options, err);
  if (command.status->parsed()) {
    return control(options, "gpio status", {{"command", "status"}}, out, err);
  }
  if (command.reset->parsed()) {
    return control(options, "gpio reset",
                   {{"command", "reset"}, {"actor", options.actor}, {"reason", options.reason}},
                   out, err);
  }
  if (command.transition->parsed()) {
    return control(options, "gpio transition",
                   {{"command", "transition"},
                    {"to", options.mode},
                    {"actor", options.actor},
                    {"reason", options.reason}},
                   out, err);
  }
  if (command.heartbeat->parsed()) {
    return control(options, "gpio heartbeat", {{"command", "heartbeat"}}, out, err);
  }
  if (!options.drive && !options.fault && !options.clear_fault) {
    err << "lf gpio simulate: one of --drive, --fault or --clear-fault is required\n";
    return 2;
  }
  return control(options, "gpio simulate", simulate_request(options), out, err);
}

}  // namespace lf::cli
