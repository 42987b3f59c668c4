#include "detector_handle.hpp"

#include <utility>
#include <vector>

#include "js_values.hpp"
#include "lf/detect/registry.hpp"

namespace lf::wasm {

using emscripten::val;

namespace {

Result<std::vector<detect::MemberRequest>> read_members(const val& members) {
  std::vector<detect::MemberRequest> list;
  if (members.isUndefined()) return list;
  const auto count = members["length"].as<unsigned>();
  for (unsigned i = 0; i < count; ++i) {
    const val member = members[i];
    detect::MemberRequest request{member["name"].as<std::string>(), {}, 1.0};
    if (!member["parameters"].isUndefined()) {
      auto parameters = parameters_from_object(member["parameters"]);
      if (!parameters) return std::move(parameters).error();
      request.parameters = std::move(*parameters);
    }
    if (!member["weight"].isUndefined()) request.weight = member["weight"].as<double>();
    list.push_back(std::move(request));
  }
  return list;
}

}  // namespace

DetectorHandle::DetectorHandle(std::unique_ptr<detect::Detector> detector)
    : detector_(std::move(detector)) {}

val DetectorHandle::create(const std::string& name, const val& parameters, const val& members) {
  auto overrides = parameters_from_object(parameters);
  if (!overrides) return failure(overrides.error());
  auto member_list = read_members(members);
  if (!member_list) return failure(member_list.error());
  auto detector = detect::make_detector(name, *overrides, *member_list);
  if (!detector) return failure(detector.error());
  return success(val(DetectorHandle(std::move(*detector))));
}

val DetectorHandle::push(const val& values, const val& timestamps) {
  const auto samples = emscripten::convertJSArrayToNumberVector<double>(values);
  Status status;
  if (timestamps.isUndefined()) {
    status = detector_->push(samples);
  } else {
    const auto times = emscripten::convertJSArrayToNumberVector<double>(timestamps);
    // The core reads empty timestamps as "none given"; here they were given.
    if (times.size() != samples.size()) {
      return failure(
          make_error(ErrorCode::length_mismatch, std::to_string(samples.size()) + " values but " +
                                                     std::to_string(times.size()) + " timestamps"));
    }
    status = detector_->push(samples, times);
  }
  if (!status) return failure(status.error());
  return success(alert_array(detector_->take_alerts()));
}

void DetectorHandle::reset() {
  detector_->reset();
}

double DetectorHandle::samples_seen() const {
  return static_cast<double>(detector_->samples_seen());
}

std::string DetectorHandle::name() const {
  return std::string(detector_->name());
}

std::string DetectorHandle::version() const {
  return std::string(detector_->version());
}

val DetectorHandle::parameters() const {
  return parameters_object(detector_->parameters());
}

val DetectorHandle::members() const {
  val array = val::array();
  for (const auto& member : detector_->members()) {
    val object = val::object();
    object.set("name", member.name);
    object.set("version", member.version);
    object.set("parameters", parameters_object(member.parameters));
    object.set("weight", member.weight);
    array.call<void>("push", object);
  }
  return array;
}

}  // namespace lf::wasm
