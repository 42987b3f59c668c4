#include "server/core_gateway.hpp"

#include <functional>
#include <nlohmann/json.hpp>

namespace lf::server {
namespace {

using Json = nlohmann::json;

// What the metrics count from a successful answer: alerts per detector
// (detect) and selections per expert (gate).
void record_figures(Metrics& metrics, std::string_view route, const api::Response& response) {
  if (response.status != 200 || (route != "detect" && route != "gate")) return;
  const Json body = Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (route == "detect") {
    const auto alerts = body.find("alerts");
    if (alerts == body.end() || !alerts->is_array()) return;
    for (const auto& alert : *alerts) {
      const auto detector = alert.find("detector");
      if (detector != alert.end() && detector->is_string()) {
        metrics.count_alerts(detector->get_ref<const std::string&>(), 1);
      }
    }
    return;
  }
  const auto counts = body.find("counts");
  if (counts == body.end() || !counts->is_array()) return;
  for (const auto& count : *counts) {
    const auto expert = count.find("expert");
    const auto selections = count.find("selections");
    if (expert != count.end() && expert->is_string() && selections != count.end() &&
        selections->is_number_unsigned()) {
      metrics.count_selections(expert->get_ref<const std::string&>(),
                               selections->get<std::uint64_t>());
    }
  }
}

}  // namespace

bool touches_process_state(std::string_view route) {
  return route == "risk/check" || route == "risk/state" || route.substr(0, 8) == "breaker/";
}

CoreGateway::CoreGateway(std::size_t threads, std::chrono::milliseconds timeout, Metrics& metrics)
    : under_state_lock_([this](const std::function<void()>& step) {
        std::lock_guard lock(process_state_);
        step();
      }),
      timeout_(timeout),
      metrics_(metrics),
      executor_(threads) {}

std::optional<api::Response> CoreGateway::call(const std::string& route, std::string body) {
  if (touches_process_state(route)) return api::dispatch(route, body, under_state_lock_);
  auto response = executor_.run(
      [route, body = std::move(body)] { return api::dispatch(route, body); }, timeout_);
  if (response) record_figures(metrics_, route, *response);
  return response;
}

std::vector<BreakerStateSample> CoreGateway::breaker_states(std::int64_t now_ms) {
  const api::Response response =
      api::dispatch("breaker/state", Json{{"now_ms", now_ms}}.dump(), under_state_lock_);
  std::vector<BreakerStateSample> out;
  if (response.status != 200) return out;
  const Json body = Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  const auto breakers = body.find("breakers");
  if (breakers == body.end() || !breakers->is_array()) return out;
  for (const auto& breaker : *breakers) {
    const auto name = breaker.find("name");
    const auto state = breaker.find("state");
    if (name != breaker.end() && name->is_string() && state != breaker.end() &&
        state->is_string()) {
      out.push_back({name->get<std::string>(), state->get<std::string>()});
    }
  }
  return out;
}

}  // namespace lf::server
