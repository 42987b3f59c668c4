#include "js_values.hpp"

#include <string>

#include "lf/api/dispatch.hpp"

namespace lf::wasm {

using emscripten::val;

val success(const val& value) {
  val result = val::object();
  result.set("ok", true);
  result.set("value", value);
  return result;
}

val failure(const Error& error) {
  val details = val::object();
  details.set("code", std::string(to_string(error.code)));
  details.set("message", error.message);
  details.set("status", api::http_status(error.code));
  val result = val::object();
  result.set("ok", false);
  result.set("error", details);
  return result;
}

val float64_array(std::span<const double> values) {
  // Constructing from the heap view copies it in one go.
  return val::global("Float64Array")
      .new_(emscripten::typed_memory_view(values.size(), values.data()));
}

val parameters_object(const detect::ParameterList& parameters) {
  val object = val::object();
  for (const auto& parameter : parameters) object.set(parameter.name, parameter.value);
  return object;
}

val alert_array(const std::vector<detect::Alert>& alerts) {
  val array = val::array();
  for (const auto& alert : alerts) {
    val object = val::object();
    object.set("detector", alert.detector);
    object.set("version", alert.version);
    object.set("index", static_cast<double>(alert.index));
    object.set("timestamp", alert.timestamp);
    object.set("kind", alert.kind);
    object.set("severity", std::string(detect::to_string(alert.severity)));
    object.set("score", alert.score);
    // Only when present, as in the detect route's JSON.
    if (!alert.detail.empty()) object.set("detail", alert.detail);
    if (!alert.members.empty()) {
      val members = val::array();
      for (const auto& member : alert.members) members.call<void>("push", member);
      object.set("members", members);
    }
    array.call<void>("push", object);
  }
  return array;
}

Result<detect::ParameterList> parameters_from_object(const val& parameters) {
  detect::ParameterList list;
  const val names = val::global("Object").call<val>("keys", parameters);
  const auto count = names["length"].as<unsigned>();
  for (unsigned i = 0; i < count; ++i) {
    const auto name = names[i].as<std::string>();
    const val value = parameters[name];
    if (!value.isNumber()) {
      return make_error(ErrorCode::invalid_parameter, "parameter '" + name + "' must be a number");
    }
    list.push_back({name, value.as<double>()});
  }
  return list;
}

}  // namespace lf::wasm
