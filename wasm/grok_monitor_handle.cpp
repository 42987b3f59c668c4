#include "grok_monitor_handle.hpp"

#include <vector>

#include "js_values.hpp"

namespace lf::wasm {

using emscripten::val;

GrokMonitorHandle::GrokMonitorHandle(const detect::GrokParams& params) : monitor_(params) {}

val GrokMonitorHandle::create(const val& parameters) {
  auto overrides = parameters_from_object(parameters);
  if (!overrides) return failure(overrides.error());
  auto params = detect::grok_params(*overrides);
  if (!params) return failure(params.error());
  return success(val(GrokMonitorHandle(*params)));
}

val GrokMonitorHandle::on_token(const val& logits) {
  const auto values = emscripten::convertJSArrayToNumberVector<double>(logits);
  auto metrics = monitor_.on_token(values);
  if (!metrics) return failure(metrics.error());
  val out = val::object();
  out.set("index", static_cast<double>(metrics->index));
  out.set("entropy", metrics->entropy);
  out.set("smoothedEntropy", metrics->smoothed_entropy);
  out.set("curvature", metrics->curvature);
  out.set("state", std::string(detect::to_string(metrics->state)));
  val alert = val::null();
  if (const auto& event = monitor_.event()) {
    const double index = static_cast<double>(metrics->index);
    alert = val::object();
    alert.set("detector", std::string(detect::MicroGrokkingDetector::kName));
    alert.set("version", std::string(detect::MicroGrokkingDetector::kVersion));
    alert.set("index", index);
    alert.set("timestamp", index);
    alert.set("kind", std::string(event->kind));
    alert.set("severity", std::string(detect::to_string(event->severity)));
    alert.set("score", event->score);
  }
  out.set("alert", alert);
  return success(out);
}

bool GrokMonitorHandle::should_early_stop() const {
  return monitor_.should_early_stop();
}

std::string GrokMonitorHandle::state() const {
  return std::string(detect::to_string(monitor_.state()));
}

double GrokMonitorHandle::tokens() const {
  return static_cast<double>(monitor_.tokens());
}

double GrokMonitorHandle::vocab_size() const {
  return static_cast<double>(monitor_.vocab_size());
}

val GrokMonitorHandle::parameters() const {
  return parameters_object(detect::grok_parameter_list(monitor_.params()));
}

void GrokMonitorHandle::reset() {
  monitor_.reset();
}

}  // namespace lf::wasm
