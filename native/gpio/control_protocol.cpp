#include "gpio/control_protocol.hpp"

#include <nlohmann/json.hpp>
#include <set>

namespace lf::gpio {
namespace {

using Json = nlohmann::json;

std::string dump(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json leds_json(const std::optional<LedPattern>& leds) {
  if (!leds) return nullptr;
  return {{"green", leds->green}, {"yellow", leds->yellow}, {"red", leds->red}};
}

Json transition_json(const std::optional<risk::Transition>& transition) {
  if (!transition) return nullptr;
  Json out = {{"seq", transition->seq},
              {"from", risk::to_string(transition->from)},
              {"to", risk::to_string(transition->to)},
              {"timestamp", transition->timestamp}};
  if (transition->cause) {
    out["kind"] = "trip";
    out["cause"] = risk::to_string(*transition->cause);
    out["detail"] = transition->reason;
  } else {
    out["kind"] = "manual";
    out["actor"] = transition->actor;
    out["reason"] = transition->reason;
  }
  return out;
}

Json status_json(const HostStatus& status) {
  Json heartbeat = {{"timeout_ms", status.heartbeat_timeout.count()}};
  if (status.heartbeat_left) {
    heartbeat["left_ms"] = status.heartbeat_left->count();
    heartbeat["overdue"] = status.heartbeat_left->count() <= 0;
  }
  return {{"mode", risk::to_string(status.mode)},
          {"latched", status.mode == risk::TradingMode::emergency},
          {"failed", status.failed},
          {"backend", status.backend},
          {"switch",
           {{"line", status.switch_line},
            {"state", to_string(status.switch_state)},
            {"reading", to_string(status.switch_reading)}}},
          {"leds", leds_json(status.leds)},
          {"heartbeat", heartbeat},
          {"last_transition", transition_json(status.last_transition)},
          {"audit", {{"records", status.audit_records}, {"head", status.audit_head}}}};
}

std::string error_reply(const Error& error) {
  return dump({{"ok", false},
               {"error", {{"code", lf::to_string(error.code)}, {"message", error.message}}}});
}

Error schema(std::string message) {
  return make_error(ErrorCode::schema_error, std::move(message));
}

Status only_members(const Json& request, const std::set<std::string>& allowed) {
  for (const auto& [key, value] : request.items()) {
    if (key != "command" && allowed.count(key) == 0) {
      return schema("command '" + request["command"].get<std::string>() + "' has no member '" +
                    key + "'");
    }
  }
  return {};
}

Result<std::string> text_member(const Json& request, const char* key) {
  const auto it = request.find(key);
  if (it == request.end() || !it->is_string()) {
    return schema(std::string("'") + key + "' (a string) is required");
  }
  return it->get<std::string>();
}

Status simulate(const Json& request, SimulatedBackend* simulated) {
  if (simulated == nullptr) {
    return make_error(ErrorCode::invalid_argument,
                      "simulate needs the simulated backend (lf gpio run --backend simulated)");
  }
  if (auto s = only_members(request, {"line", "drive", "fault"}); !s) return s;
  const auto line = request.find("line");
  if (line == request.end() || !line->is_number_unsigned()) {
    return schema("'line' (a line offset) is required");
  }
  const unsigned offset = line->get<unsigned>();
  const bool has_drive = request.contains("drive");
  if (has_drive == request.contains("fault")) {
    return schema("simulate takes exactly one of 'drive' and 'fault'");
  }
  if (has_drive) {
    auto drive = text_member(request, "drive");
    if (!drive) return std::move(drive).error();
    if (*drive == "release") {
      simulated->drive(offset, std::nullopt);
      return {};
    }
    auto level = parse_level(*drive);
    if (!level) {
      return make_error(ErrorCode::invalid_argument,
                        "drive '" + *drive + "' is not low, high or release");
    }
    simulated->drive(offset, *level);
    return {};
  }
  const Json& fault = request["fault"];
  if (fault.is_null()) {
    simulated->clear_fault(offset);
  } else if (fault.is_string()) {
    simulated->inject_fault(offset, fault.get<std::string>());
  } else {
    return schema("'fault' must be a message or null");
  }
  return {};
}

Status run_command(const Json& request, KillSwitchHost& host, SimulatedBackend* simulated,
                   Instant now) {
  const std::string command = request["command"].get<std::string>();
  if (command == "status") return only_members(request, {});
  if (command == "heartbeat") {
    if (auto s = only_members(request, {}); !s) return s;
    host.heartbeat(now);
    return {};
  }
  if (command == "reset" || command == "transition") {
    const bool reset = command == "reset";
    if (auto s = only_members(request, reset ? std::set<std::string>{"actor", "reason"}
                                             : std::set<std::string>{"to", "actor", "reason"});
        !s) {
      return s;
    }
    auto actor = text_member(request, "actor");
    if (!actor) return std::move(actor).error();
    auto reason = text_member(request, "reason");
    if (!reason) return std::move(reason).error();
    if (reset) return host.reset(*actor, *reason, now);
    auto to = text_member(request, "to");
    if (!to) return std::move(to).error();
    auto mode = risk::parse_trading_mode(*to);
    if (!mode) return std::move(mode).error();
    return host.request_transition(*mode, *actor, *reason, now);
  }
  if (command == "simulate") {
    if (auto s = simulate(request, simulated); !s) return s;
    // Read the line at once, so the reply shows what the drive did.
    return host.service(now);
  }
  return schema("unknown command '" + command +
                "' (commands: status, heartbeat, reset, transition, simulate)");
}

}  // namespace

std::string handle_control_line(std::string_view line, KillSwitchHost& host,
                                SimulatedBackend* simulated, Instant now) {
  const Json request = Json::parse(line.begin(), line.end(), nullptr, false);
  if (request.is_discarded()) {
    return error_reply(make_error(ErrorCode::json_parse_error, "the command is not valid JSON"));
  }
  if (!request.is_object() || !request.contains("command") || !request["command"].is_string()) {
    return error_reply(schema("a command is a JSON object with a \"command\" string"));
  }
  if (auto s = run_command(request, host, simulated, now); !s) return error_reply(s.error());
  return dump({{"ok", true}, {"status", status_json(host.status(now))}});
}

}  // namespace lf::gpio
