// GET detectors: the detector catalog with every parameter's default, range
// and meaning, so clients (dashboard forms, CLI help) never hard-code them.
#include "lf/detect/registry.hpp"
#include "routes.hpp"

namespace lf::api::routes {

Result<Json> detectors(const Json& request) {
  if (auto s = json_read::only_keys(request, "request", {}); !s) return std::move(s).error();
  Json list = Json::array();
  for (const auto& info : detect::detector_catalog()) {
    Json parameters = Json::array();
    for (const auto& spec : info.parameters) {
      parameters.push_back({{"name", spec.name},
                            {"default", json_read::number_value(spec.default_value)},
                            {"min", json_read::number_value(spec.min)},
                            {"max", json_read::number_value(spec.max)},
                            {"integer", spec.integer},
                            {"description", spec.description}});
    }
    list.push_back({{"name", info.name},
                    {"version", info.version},
                    {"summary", info.summary},
                    {"parameters", parameters}});
  }
  return Json{{"detectors", list}};
}

}  // namespace lf::api::routes
