#include "lf/detect/parameters.hpp"

#include <cmath>
#include <sstream>

#include "number_text.hpp"

namespace lf::detect {
namespace {

using detail::format_number;

Status check_value(const ParameterSpec& spec, double value) {
  const std::string name(spec.name);
  if (!std::isfinite(value)) {
    return make_error(ErrorCode::invalid_parameter, "parameter '" + name + "' must be finite");
  }
  if (spec.integer && value != std::floor(value)) {
    return make_error(ErrorCode::invalid_parameter,
                      "parameter '" + name + "' must be an integer, got " + format_number(value));
  }
  if (value < spec.min || value > spec.max) {
    return make_error(ErrorCode::invalid_parameter,
                      "parameter '" + name + "' must be in [" + format_number(spec.min) + ", " +
                          format_number(spec.max) + "], got " + format_number(value));
  }
  return {};
}

}  // namespace

Result<std::vector<double>> resolve_parameters(std::span<const ParameterSpec> specs,
                                               const ParameterList& overrides) {
  std::vector<double> values;
  values.reserve(specs.size());
  for (const auto& spec : specs) values.push_back(spec.default_value);
  std::vector<bool> seen(specs.size(), false);

  for (const auto& given : overrides) {
    std::size_t i = 0;
    while (i < specs.size() && specs[i].name != given.name) ++i;
    if (i == specs.size()) {
      std::string known;
      for (const auto& spec : specs) known += (known.empty() ? "" : ", ") + std::string(spec.name);
      return make_error(ErrorCode::unknown_parameter,
                        "unknown parameter '" + given.name + "' (parameters: " + known + ")");
    }
    if (seen[i]) {
      return make_error(ErrorCode::invalid_parameter,
                        "parameter '" + given.name + "' is given more than once");
    }
    if (auto status = check_value(specs[i], given.value); !status) return std::move(status).error();
    seen[i] = true;
    values[i] = given.value;
  }
  return values;
}

ParameterList name_parameters(std::span<const ParameterSpec> specs,
                              std::span<const double> values) {
  ParameterList list;
  list.reserve(specs.size());
  for (std::size_t i = 0; i < specs.size(); ++i)
    list.push_back({std::string(specs[i].name), values[i]});
  return list;
}

}  // namespace lf::detect
