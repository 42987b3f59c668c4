// POST detect: run detectors over one series.
//
// Request:
//   {"series": {"values": [number|null...], "timestamps"?: [number...], "name"?: string},
//    "detectors"?: [{"name": string, "parameters"?: {string: number},
//                    "members"?: [{"name": string, "parameters"?: {...}, "weight"?: number}]}],
//    "validation"?: {"non_finite"?: "reject"|"drop", "out_of_order"?: "reject"|"drop",
//                    "clip_sigma"?: number, "clip_window"?: integer}}
// Response:
//   {"samples", "accepted", "clipped", "dropped",
//    "detectors": [{"name", "version", "parameters": {...},
//                   "members"? (meta-detectors): [{"name", "version", "parameters", "weight"}]}],
//    "alerts": [{"detector", "version", "index", "timestamp", "kind", "severity", "score",
//                "detail"? (when the detector gives one), "members"? (meta-detectors)}]}
#include <cmath>

#include "detection_report_json.hpp"
#include "lf/detect/pipeline.hpp"
#include "routes.hpp"

namespace lf::api::routes {
namespace {

using namespace json_read;

Result<signal::Series> decode_series(const Json& request) {
  auto node = require(request, "series", "request");
  if (!node) return std::move(node).error();
  const Json& series = **node;
  if (auto s = expect_object(series, "series"); !s) return std::move(s).error();
  if (auto s = only_keys(series, "series", {"values", "timestamps", "name"}); !s) {
    return std::move(s).error();
  }
  signal::Series out;
  auto values_node = require(series, "values", "series");
  if (!values_node) return std::move(values_node).error();
  auto values = numbers(**values_node, "series.values", /*null_as_nan=*/true);
  if (!values) return std::move(values).error();
  out.values = std::move(*values);

  if (const Json* timestamps = find(series, "timestamps")) {
    auto t = numbers(*timestamps, "series.timestamps", /*null_as_nan=*/false);
    if (!t) return std::move(t).error();
    if (t->size() != out.values.size()) {
      return make_error(ErrorCode::length_mismatch,
                        "series.timestamps has " + std::to_string(t->size()) +
                            " entries but series.values has " + std::to_string(out.values.size()));
    }
    out.timestamps = std::move(*t);
  } else {
    out.timestamps = signal::index_timestamps(out.values.size());
  }
  if (const Json* name = find(series, "name")) {
    auto n = string(*name, "series.name");
    if (!n) return std::move(n).error();
    out.name = std::move(*n);
  }
  if (out.values.empty()) return make_error(ErrorCode::empty_input, "series.values is empty");
  return out;
}

Result<std::string> decode_name(const Json& node, const std::string& path) {
  auto name_node = require(node, "name", path);
  if (!name_node) return std::move(name_node).error();
  return string(**name_node, path + ".name");
}

Result<detect::ParameterList> decode_parameters(const Json& node, const std::string& path) {
  detect::ParameterList list;
  const Json* parameters = find(node, "parameters");
  if (parameters == nullptr) return list;
  const std::string parameters_path = path + ".parameters";
  if (auto s = expect_object(*parameters, parameters_path); !s) return std::move(s).error();
  for (auto it = parameters->begin(); it != parameters->end(); ++it) {
    auto value = number(it.value(), parameters_path + "." + it.key());
    if (!value) return std::move(value).error();
    list.push_back({it.key(), *value});
  }
  return list;
}

Result<detect::MemberRequest> decode_member(const Json& node, const std::string& path) {
  if (auto s = expect_object(node, path); !s) return std::move(s).error();
  if (auto s = only_keys(node, path, {"name", "parameters", "weight"}); !s) {
    return std::move(s).error();
  }
  auto name = decode_name(node, path);
  if (!name) return std::move(name).error();
  auto parameters = decode_parameters(node, path);
  if (!parameters) return std::move(parameters).error();
  detect::MemberRequest member{std::move(*name), std::move(*parameters), 1.0};
  if (const Json* weight = find(node, "weight")) {
    auto w = number(*weight, path + ".weight");
    if (!w) return std::move(w).error();
    member.weight = *w;
  }
  return member;
}

Result<detect::DetectorRequest> decode_detector(const Json& node, const std::string& path) {
  if (auto s = expect_object(node, path); !s) return std::move(s).error();
  if (auto s = only_keys(node, path, {"name", "parameters", "members"}); !s) {
    return std::move(s).error();
  }
  auto name = decode_name(node, path);
  if (!name) return std::move(name).error();
  auto parameters = decode_parameters(node, path);
  if (!parameters) return std::move(parameters).error();

  detect::DetectorRequest request{std::move(*name), std::move(*parameters), {}};
  if (const Json* members = find(node, "members")) {
    const std::string members_path = path + ".members";
    if (!members->is_array() || members->empty()) {
      return make_error(ErrorCode::schema_error, members_path + " must be a non-empty array");
    }
    for (std::size_t i = 0; i < members->size(); ++i) {
      auto member = decode_member((*members)[i], members_path + "[" + std::to_string(i) + "]");
      if (!member) return std::move(member).error();
      request.members.push_back(std::move(*member));
    }
  }
  return request;
}

Result<std::vector<detect::DetectorRequest>> decode_detectors(const Json& request) {
  std::vector<detect::DetectorRequest> out;
  const Json* list = find(request, "detectors");
  if (list == nullptr) return out;
  if (!list->is_array()) return make_error(ErrorCode::schema_error, "detectors must be an array");
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto detector = decode_detector((*list)[i], "detectors[" + std::to_string(i) + "]");
    if (!detector) return std::move(detector).error();
    out.push_back(std::move(*detector));
  }
  return out;
}

Result<signal::InvalidSamplePolicy> decode_sample_policy(const Json& node,
                                                         const std::string& path) {
  auto text = string(node, path);
  if (!text) return std::move(text).error();
  if (*text == "reject") return signal::InvalidSamplePolicy::reject;
  if (*text == "drop") return signal::InvalidSamplePolicy::drop;
  return make_error(ErrorCode::schema_error, path + " must be \"reject\" or \"drop\"");
}

Result<signal::ValidationPolicy> decode_validation(const Json& request) {
  signal::ValidationPolicy policy;
  const Json* node = find(request, "validation");
  if (node == nullptr) return policy;
  if (auto s = expect_object(*node, "validation"); !s) return std::move(s).error();
  if (auto s = only_keys(*node, "validation",
                         {"non_finite", "out_of_order", "clip_sigma", "clip_window"});
      !s) {
    return std::move(s).error();
  }
  if (const Json* v = find(*node, "non_finite")) {
    auto p = decode_sample_policy(*v, "validation.non_finite");
    if (!p) return std::move(p).error();
    policy.non_finite = *p;
  }
  if (const Json* v = find(*node, "out_of_order")) {
    auto p = decode_sample_policy(*v, "validation.out_of_order");
    if (!p) return std::move(p).error();
    policy.out_of_order = *p;
  }
  if (const Json* v = find(*node, "clip_sigma")) {
    auto sigma = number(*v, "validation.clip_sigma");
    if (!sigma) return std::move(sigma).error();
    policy.clip_sigma = *sigma;
  }
  if (const Json* v = find(*node, "clip_window")) {
    auto window = number(*v, "validation.clip_window");
    if (!window) return std::move(window).error();
    if (*window != std::floor(*window) || *window < 2 || *window > 1e9) {
      return make_error(ErrorCode::invalid_parameter,
                        "validation.clip_window must be an integer in [2, 1e9]");
    }
    policy.clip_window = static_cast<std::size_t>(*window);
  }
  return policy;
}

}  // namespace

Result<Json> detect(const Json& request) {
  if (auto s = only_keys(request, "request", {"series", "detectors", "validation"}); !s) {
    return std::move(s).error();
  }
  auto series = decode_series(request);
  if (!series) return std::move(series).error();
  auto detectors = decode_detectors(request);
  if (!detectors) return std::move(detectors).error();
  auto policy = decode_validation(request);
  if (!policy) return std::move(policy).error();
  auto report = detect::run_detection(*series, *detectors, *policy);
  if (!report) return std::move(report).error();
  return encode_detection_report(*report);
}

}  // namespace lf::api::routes
